#include "connector/sqlserver/row.h"

// sybfront.h must precede sybdb.h.
#include <sybdb.h>
#include <sybfront.h>

#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "connector/sqlserver/decode.h"

namespace ehi::sqlserver {
namespace {

// NUMERIC storage bytes (sign byte included) per precision, as TDS sends it.
int NumericBytes(int precision) {
  static constexpr int kBytes[39] = {1,  2,  2,  3,  3,  4,  4,  4,  5,  5,  6,  6,  6,
                                     7,  7,  8,  8,  9,  9,  9,  10, 10, 11, 11, 11, 12,
                                     12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 16, 17, 17};
  if (precision < 0 || precision > 38) return 17;
  return kBytes[precision];
}

template <typename T>
T Load(const BYTE* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

DataType DomainTypeOfWire(int wire_type) {
  switch (wire_type) {
    case kWireBit:
      return DataType::kBoolean;
    case kWireInt1:
    case kWireInt2:
      return DataType::kShort;
    case kWireInt4:
      return DataType::kInt;
    case kWireInt8:
      return DataType::kLong;
    case kWireReal:
      return DataType::kFloat;
    case kWireFloat8:
      return DataType::kDouble;
    case kWireMoney:
    case kWireMoney4:
    case kWireDecimal:
    case kWireNumeric:
      return DataType::kDecimal;
    case kWireDate:
      return DataType::kNaiveDate;
    case kWireDateTime:
    case kWireDateTime4:
    case kWireDateTime2:
      return DataType::kNaiveDateTime;
    case kWireDateTimeOffset:
      return DataType::kUtcDateTime;
    case kWireBinary:
    case kWireImage:
      return DataType::kBinary;
    default:
      return DataType::kString;  // char, text, xml, guid, time, others as text
  }
}

bool Row::IsNull(int index) const {
  auto* dbproc = static_cast<DBPROCESS*>(dbproc_);
  return dbdata(dbproc, index + 1) == nullptr;
}

absl::StatusOr<Value> Row::Get(int index) const {
  if (index < 0 || index >= column_count()) {
    return absl::OutOfRangeError(absl::StrCat("column index ", index, " out of range"));
  }
  auto* dbproc = static_cast<DBPROCESS*>(dbproc_);
  const ResultColumn& col = (*columns_)[index];
  const BYTE* data = dbdata(dbproc, index + 1);
  if (data == nullptr) return Value::Null(col.type);
  const int len = dbdatlen(dbproc, index + 1);
  Value v;
  v.type = col.type;
  v.is_null = false;
  switch (col.wire_type) {
    case kWireBit:
      v.boolean = *data != 0;
      return v;
    case kWireInt1:
      v.integer = *data;
      return v;
    case kWireInt2:
      v.integer = Load<int16_t>(data);
      return v;
    case kWireInt4:
      v.integer = Load<int32_t>(data);
      return v;
    case kWireInt8:
      v.integer = Load<int64_t>(data);
      return v;
    case kWireReal:
      v.real = Load<float>(data);
      return v;
    case kWireFloat8:
      v.real = Load<double>(data);
      return v;
    case kWireMoney: {
      const auto m = Load<DBMONEY>(data);
      const int64_t scaled = static_cast<int64_t>(
          (static_cast<uint64_t>(static_cast<uint32_t>(m.mnyhigh)) << 32) | m.mnylow);
      v.text = FormatScaled(scaled, 4);
      return v;
    }
    case kWireMoney4:
      v.text = FormatScaled(Load<DBMONEY4>(data).mny4, 4);
      return v;
    case kWireDecimal:
    case kWireNumeric: {
      const auto n = Load<DBNUMERIC>(data);
      const int bytes = NumericBytes(n.precision);
      EHI_ASSIGN_OR_RETURN(
          v.text, DecodeNumeric(n.array[0] == 1, n.scale,
                                absl::string_view(reinterpret_cast<const char*>(n.array + 1),
                                                  static_cast<size_t>(bytes - 1))));
      return v;
    }
    case kWireDateTime: {
      const auto d = Load<DBDATETIME>(data);
      v.timestamp = DecodeDateTime(d.dtdays, d.dttime);
      return v;
    }
    case kWireDateTime4: {
      const auto d = Load<DBDATETIME4>(data);
      v.timestamp = DecodeSmallDateTime(d.days, d.minutes);
      return v;
    }
    case kWireDate:
    case kWireDateTime2:
    case kWireDateTimeOffset: {
      const auto d = Load<DBDATETIMEALL>(data);
      v.timestamp = DecodeDateTimeAll(d.has_date ? d.date : 0, d.has_time ? d.time : 0);
      return v;
    }
    case kWireTime: {
      const auto d = Load<DBDATETIMEALL>(data);
      v.text = FormatTime(d.time);
      return v;
    }
    case kWireGuid:
      if (len != 16) return absl::InternalError("uniqueidentifier value is not 16 bytes");
      v.text = FormatGuid(absl::string_view(reinterpret_cast<const char*>(data), 16));
      return v;
    case kWireChar:
    case kWireText:
    case kWireBinary:
    case kWireImage:
      v.text.assign(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
      return v;
    default: {
      // Anything else: DB-Library's own conversion to text. A zero-length
      // source would be taken for NULL by dbconvert, so handle it here.
      if (len == 0) return v;
      std::string buf(static_cast<size_t>(len) * 4 + 128, '\0');
      const DBINT out = dbconvert(dbproc, col.wire_type, data, len, SYBCHAR,
                                  reinterpret_cast<BYTE*>(buf.data()), -1);
      if (out < 0) {
        return absl::UnimplementedError(
            absl::StrCat("cannot read column '", col.name, "' of wire type ", col.wire_type));
      }
      buf.resize(std::strlen(buf.c_str()));
      v.text = std::move(buf);
      return v;
    }
  }
}

absl::StatusOr<Value> Row::Get(absl::string_view name) const {
  for (int i = 0; i < column_count(); ++i) {
    if ((*columns_)[i].name == name) return Get(i);
  }
  return absl::NotFoundError(absl::StrCat("no column '", name, "' in the result"));
}

absl::StatusOr<std::string> Row::GetString(int index) const {
  EHI_ASSIGN_OR_RETURN(Value v, Get(index));
  if (v.is_null) return std::string();
  switch (v.type) {
    case DataType::kBoolean:
      return std::string(v.boolean ? "1" : "0");
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return absl::StrCat(v.integer);
    case DataType::kFloat:
    case DataType::kDouble:
      return absl::StrCat(v.real);
    case DataType::kNaiveDate:
      return FormatDate(v.timestamp);
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      return FormatTimestamp(v.timestamp);
    default:
      return v.text;
  }
}

absl::StatusOr<int64_t> Row::GetInt(int index) const {
  EHI_ASSIGN_OR_RETURN(Value v, Get(index));
  if (v.is_null) {
    return absl::InvalidArgumentError(
        absl::StrCat("column '", (*columns_)[index].name, "' is NULL, expected an integer"));
  }
  switch (v.type) {
    case DataType::kBoolean:
      return int64_t{v.boolean ? 1 : 0};
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return v.integer;
    case DataType::kDecimal:
    case DataType::kString: {
      absl::string_view t = v.text;
      if (const size_t dot = t.find('.'); dot != absl::string_view::npos) t = t.substr(0, dot);
      int64_t out = 0;
      if (absl::SimpleAtoi(t, &out)) return out;
      break;
    }
    default:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("column '", (*columns_)[index].name, "' is not an integer"));
}

}  // namespace ehi::sqlserver
