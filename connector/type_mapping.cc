#include "connector/type_mapping.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ehi {
namespace {

// UTF-8 upper bound for `chars` characters (see header), capped to int32.
int32_t Utf8Bound(int64_t chars) {
  const int64_t bytes = chars * 3;
  return static_cast<int32_t>(std::min<int64_t>(bytes, std::numeric_limits<int32_t>::max()));
}

MappedType Make(DataType type, SqlTypeFamily family) {
  MappedType m;
  m.type = type;
  m.family = family;
  return m;
}

MappedType Decimal(SqlTypeFamily family, int precision, int scale) {
  MappedType m = Make(DataType::kDecimal, family);
  m.decimal = DecimalParams{static_cast<uint32_t>(std::max(precision, 0)),
                            static_cast<uint32_t>(std::max(scale, 0))};
  return m;
}

MappedType String(SqlTypeFamily family, std::optional<int32_t> byte_length) {
  MappedType m = Make(DataType::kString, family);
  m.string_byte_length = byte_length;
  return m;
}

}  // namespace

MappedType MapSqlServerType(const SqlColumnType& column) {
  const std::string name = absl::AsciiStrToLower(column.type_name);
  const int len = column.max_length;
  if (name == "bit") return Make(DataType::kBoolean, SqlTypeFamily::kBit);
  if (name == "tinyint" || name == "smallint") {
    return Make(DataType::kShort, SqlTypeFamily::kInteger);
  }
  if (name == "int") return Make(DataType::kInt, SqlTypeFamily::kInteger);
  if (name == "bigint") return Make(DataType::kLong, SqlTypeFamily::kInteger);
  if (name == "decimal" || name == "numeric") {
    return Decimal(SqlTypeFamily::kExact, column.precision > 0 ? column.precision : 18,
                   column.scale);
  }
  if (name == "money") return Decimal(SqlTypeFamily::kExact, 19, 4);
  if (name == "smallmoney") return Decimal(SqlTypeFamily::kExact, 10, 4);
  if (name == "real") return Make(DataType::kFloat, SqlTypeFamily::kApprox);
  if (name == "float") {
    // float(n) with n <= 24 is stored as real (precision 24, 4 bytes).
    if (column.max_length == 4 || (column.precision > 0 && column.precision <= 24)) {
      return Make(DataType::kFloat, SqlTypeFamily::kApprox);
    }
    return Make(DataType::kDouble, SqlTypeFamily::kApprox);
  }
  if (name == "date") return Make(DataType::kNaiveDate, SqlTypeFamily::kDate);
  if (name == "time") return String(SqlTypeFamily::kTime, 16);
  if (name == "datetime" || name == "smalldatetime") {
    return Make(DataType::kNaiveDateTime, SqlTypeFamily::kDateTime);
  }
  if (name == "datetime2") return Make(DataType::kNaiveDateTime, SqlTypeFamily::kDateTime2);
  if (name == "datetimeoffset") {
    return Make(DataType::kUtcDateTime, SqlTypeFamily::kDateTimeOffset);
  }
  if (name == "char" || name == "varchar") {
    return String(SqlTypeFamily::kAnsiString,
                  len > 0 ? std::optional<int32_t>(Utf8Bound(len)) : std::nullopt);
  }
  if (name == "text") return String(SqlTypeFamily::kAnsiString, std::nullopt);
  if (name == "nchar" || name == "nvarchar" || name == "sysname") {
    // max_length counts UTF-16 bytes: two per code unit.
    return String(SqlTypeFamily::kUnicodeString,
                  len > 0 ? std::optional<int32_t>(Utf8Bound(len / 2)) : std::nullopt);
  }
  if (name == "ntext") return String(SqlTypeFamily::kUnicodeString, std::nullopt);
  if (name == "uniqueidentifier") return String(SqlTypeFamily::kGuid, 36);
  if (name == "binary" || name == "varbinary" || name == "image" || name == "timestamp" ||
      name == "rowversion") {
    return Make(DataType::kBinary, SqlTypeFamily::kBinary);
  }
  if (name == "xml") return Make(DataType::kXml, SqlTypeFamily::kXml);
  MappedType fallback = String(SqlTypeFamily::kFallback, std::nullopt);
  fallback.fallback = true;
  return fallback;
}

std::string SqlTypeDeclaration(const SqlColumnType& column) {
  const std::string name = absl::AsciiStrToLower(column.type_name);
  if (name == "decimal" || name == "numeric") {
    return absl::StrCat(name, "(", column.precision > 0 ? column.precision : 18, ",", column.scale,
                        ")");
  }
  if (name == "time" || name == "datetime2" || name == "datetimeoffset") {
    return absl::StrCat(name, "(", std::clamp(column.scale, 0, 7), ")");
  }
  if (name == "char" || name == "varchar" || name == "binary" || name == "varbinary") {
    if (column.max_length < 0) return absl::StrCat(name, "(max)");
    return absl::StrCat(name, "(", std::max(column.max_length, 1), ")");
  }
  if (name == "nchar" || name == "nvarchar") {
    if (column.max_length < 0) return absl::StrCat(name, "(max)");
    return absl::StrCat(name, "(", std::max(column.max_length / 2, 1), ")");
  }
  if (name == "sysname") return "nvarchar(128)";
  if (name == "rowversion" || name == "timestamp") return "binary(8)";
  return name;
}

}  // namespace ehi
