// SQL Server column types and how they map onto the Fivetran SDK's data
// types. Used by schema discovery (to declare columns) and by the sync engine
// (to know how to encode each value), so both always agree.
//
//   SqlColumnType t{"decimal", /*max_length=*/9, /*precision=*/18, /*scale=*/2};
//   MappedType m = MapSqlServerType(t);
//   // m.type == DataType::kDecimal, m.decimal->precision == 18
//
// Mapping (SQL Server → SDK):
//   bit → BOOLEAN; tinyint, smallint → SHORT; int → INT; bigint → LONG;
//   decimal, numeric, money, smallmoney → DECIMAL(precision, scale);
//   real → FLOAT; float → DOUBLE; date → NAIVE_DATE;
//   time → STRING "HH:MM:SS.fffffff" (the SDK guide says sources must not emit
//   NAIVE_TIME); datetime, smalldatetime, datetime2 → NAIVE_DATETIME;
//   datetimeoffset → UTC_DATETIME (normalised to UTC);
//   char, varchar, nchar, nvarchar, text, ntext, sysname, uniqueidentifier →
//   STRING; binary, varbinary, image, rowversion/timestamp → BINARY; xml → XML.
//   string_byte_length is set where the length is bounded and is the UTF-8
//   upper bound (3 bytes per character: every CP1252 character and every
//   UTF-16 code unit fits in 3 UTF-8 bytes); uniqueidentifier → 36, time → 16.
//
// Fallback (documented, reported once per type as a warning): sql_variant,
// hierarchyid, geography, geometry and any unknown type → STRING, read as
// text by the SELECT expression from FallbackSelectExpression() in sql.h
// (CONVERT(nvarchar(4000), …) for sql_variant, .ToString() for the CLR types).
//
// Thread-safe: pure functions.
#ifndef EHI_CONNECTOR_TYPE_MAPPING_H_
#define EHI_CONNECTOR_TYPE_MAPPING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "connector/value.h"

namespace ehi {

// A column's declared type as the catalog reports it (sys.columns/sys.types).
struct SqlColumnType {
  std::string type_name;  // lower-case base type: "int", "nvarchar", ...
  int max_length = 0;     // bytes; -1 for (max) and xml
  int precision = 0;
  int scale = 0;
};

struct DecimalParams {
  uint32_t precision = 0;
  uint32_t scale = 0;
  bool operator==(const DecimalParams& o) const {
    return precision == o.precision && scale == o.scale;
  }
};

// Which SQL Server family a column belongs to; the sync engine uses it to
// pick literal forms for keyset values (varchar vs nvarchar matters for
// comparisons, datetime vs datetime2 as well).
enum class SqlTypeFamily {
  kBit,
  kInteger,  // tinyint smallint int bigint
  kExact,    // decimal numeric money smallmoney
  kApprox,   // real float
  kDate,
  kTime,
  kDateTime,  // datetime smalldatetime
  kDateTime2,
  kDateTimeOffset,
  kAnsiString,     // char varchar text
  kUnicodeString,  // nchar nvarchar ntext sysname
  kBinary,         // binary varbinary image rowversion/timestamp
  kGuid,
  kXml,
  kFallback,  // sql_variant hierarchyid geography geometry unknown
};

struct MappedType {
  DataType type = DataType::kUnspecified;
  SqlTypeFamily family = SqlTypeFamily::kFallback;
  std::optional<DecimalParams> decimal;
  std::optional<int32_t> string_byte_length;
  // True when the type has no faithful SDK counterpart and is delivered as
  // text; callers warn once per type name.
  bool fallback = false;
};

MappedType MapSqlServerType(const SqlColumnType& type);

// Canonical SQL type declaration, e.g. "decimal(18,2)", "nvarchar(max)",
// "datetime2(7)", "int". Used in CAST expressions for keyset literals.
std::string SqlTypeDeclaration(const SqlColumnType& type);

}  // namespace ehi

#endif  // EHI_CONNECTOR_TYPE_MAPPING_H_
