#include "testing/emulator/wire/value_encoder.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/decimal_codec.h"
#include "testing/emulator/wire/tds_constants.h"
#include "testing/emulator/wire/temporal_codec.h"
#include "testing/emulator/wire/ucs2.h"

namespace emulator {
namespace {

// Largest byte length a non-(max) character or binary column may declare.
constexpr int kMaxInlineBytes = 8000;

const char* TypeName(TypeId id) {
  switch (id) {
    case TypeId::kBit:
      return "bit";
    case TypeId::kTinyInt:
      return "tinyint";
    case TypeId::kSmallInt:
      return "smallint";
    case TypeId::kInt:
      return "int";
    case TypeId::kBigInt:
      return "bigint";
    case TypeId::kDecimal:
      return "decimal";
    case TypeId::kNumeric:
      return "numeric";
    case TypeId::kMoney:
      return "money";
    case TypeId::kSmallMoney:
      return "smallmoney";
    case TypeId::kReal:
      return "real";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time";
    case TypeId::kDateTime:
      return "datetime";
    case TypeId::kSmallDateTime:
      return "smalldatetime";
    case TypeId::kDateTime2:
      return "datetime2";
    case TypeId::kDateTimeOffset:
      return "datetimeoffset";
    case TypeId::kChar:
      return "char";
    case TypeId::kVarChar:
      return "varchar";
    case TypeId::kNChar:
      return "nchar";
    case TypeId::kNVarChar:
      return "nvarchar";
    case TypeId::kText:
      return "text";
    case TypeId::kNText:
      return "ntext";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kVarBinary:
      return "varbinary";
    case TypeId::kImage:
      return "image";
    case TypeId::kUniqueIdentifier:
      return "uniqueidentifier";
    case TypeId::kXml:
      return "xml";
    case TypeId::kRowVersion:
      return "timestamp";
  }
  return "?";
}

int DecimalBytes(int precision) {
  if (precision <= 9) return 4;
  if (precision <= 19) return 8;
  if (precision <= 28) return 12;
  return 16;
}

int TimeBytes(int scale) {
  if (scale <= 2) return 3;
  if (scale <= 4) return 4;
  return 5;
}

int64_t Pow10(int n) {
  int64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

int ClampScale(int scale) { return scale < 0 ? 7 : (scale > 7 ? 7 : scale); }

void PatchLe(std::string* out, size_t pos, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    (*out)[pos + static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

std::string DoubleText(double d) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

absl::Status Overflow(TypeId id, const Value& v) {
  return absl::OutOfRangeError(
      absl::StrCat("Arithmetic overflow error converting expression to data type ", TypeName(id),
                   ". (value ", ValueAsText(v), ")"));
}

absl::Status ConversionFailed(TypeId id, const Value& v) {
  return absl::InvalidArgumentError(absl::StrCat("Conversion failed when converting the value '",
                                                 ValueAsText(v), "' to data type ", TypeName(id),
                                                 "."));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "6F9619FF-8B86-D011-B42D-00C04FC964FF" (braces optional) → wire bytes.
bool ParseGuidText(std::string_view text, std::string* wire) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  if (text.size() != 36) return false;
  uint8_t display[16];
  size_t k = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      ++i;
      continue;
    }
    const int hi = HexDigit(text[i]);
    const int lo = HexDigit(text[i + 1]);
    if (hi < 0 || lo < 0 || k >= 16) return false;
    display[k++] = static_cast<uint8_t>(hi * 16 + lo);
    i += 2;
  }
  // Data1 (4 bytes), Data2 and Data3 (2 bytes each) are little-endian on the
  // wire; Data4 keeps display order.
  static constexpr int kOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  wire->clear();
  for (int i : kOrder) wire->push_back(static_cast<char>(display[i]));
  return true;
}

}  // namespace

int64_t EffectiveTextSize(int64_t text_size) {
  if (text_size == 0) return 4096;
  if (text_size < 0 || text_size >= 2147483647) return -1;
  return text_size;
}

std::string ValueAsText(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return "NULL";
    case Value::Kind::kInt:
      return absl::StrCat(value.int_value);
    case Value::Kind::kDouble:
      return DoubleText(value.double_value);
    case Value::Kind::kText:
    case Value::Kind::kBytes:
      return value.bytes;
  }
  return "";
}

ColumnEncoder::ColumnEncoder(const Column& column) : column_(column) {
  const SqlType& t = column_.type;
  const bool max = t.length == SqlType::kMaxLength;
  switch (t.id) {
    case TypeId::kBit:
      wire_type_ = tds::kBitN;
      fixed_size_ = 1;
      break;
    case TypeId::kTinyInt:
      wire_type_ = tds::kIntN;
      fixed_size_ = 1;
      break;
    case TypeId::kSmallInt:
      wire_type_ = tds::kIntN;
      fixed_size_ = 2;
      break;
    case TypeId::kInt:
      wire_type_ = tds::kIntN;
      fixed_size_ = 4;
      break;
    case TypeId::kBigInt:
      wire_type_ = tds::kIntN;
      fixed_size_ = 8;
      break;
    case TypeId::kDecimal:
    case TypeId::kNumeric: {
      wire_type_ = t.id == TypeId::kDecimal ? tds::kDecimalN : tds::kNumericN;
      if (column_.type.precision < 1 || column_.type.precision > 38) column_.type.precision = 38;
      if (column_.type.scale < 0 || column_.type.scale > column_.type.precision) {
        column_.type.scale = 0;
      }
      fixed_size_ = DecimalBytes(column_.type.precision);
      break;
    }
    case TypeId::kMoney:
      wire_type_ = tds::kMoneyN;
      fixed_size_ = 8;
      break;
    case TypeId::kSmallMoney:
      wire_type_ = tds::kMoneyN;
      fixed_size_ = 4;
      break;
    case TypeId::kReal:
      wire_type_ = tds::kFltN;
      fixed_size_ = 4;
      break;
    case TypeId::kFloat:
      wire_type_ = tds::kFltN;
      fixed_size_ = 8;
      break;
    case TypeId::kDate:
      wire_type_ = tds::kDateN;
      break;
    case TypeId::kTime:
      wire_type_ = tds::kTimeN;
      column_.type.scale = ClampScale(t.scale);
      break;
    case TypeId::kDateTime:
      wire_type_ = tds::kDateTimeN;
      fixed_size_ = 8;
      break;
    case TypeId::kSmallDateTime:
      wire_type_ = tds::kDateTimeN;
      fixed_size_ = 4;
      break;
    case TypeId::kDateTime2:
      wire_type_ = tds::kDateTime2N;
      column_.type.scale = ClampScale(t.scale);
      break;
    case TypeId::kDateTimeOffset:
      wire_type_ = tds::kDateTimeOffsetN;
      column_.type.scale = ClampScale(t.scale);
      break;
    case TypeId::kChar:
    case TypeId::kVarChar:
      wire_type_ = t.id == TypeId::kChar ? tds::kBigChar : tds::kBigVarChar;
      plp_ = max || t.length > kMaxInlineBytes;
      if (plp_) wire_type_ = tds::kBigVarChar;
      max_bytes_ = t.length < 1 ? 1 : t.length;
      break;
    case TypeId::kNChar:
    case TypeId::kNVarChar:
      wire_type_ = t.id == TypeId::kNChar ? tds::kNChar : tds::kNVarChar;
      unicode_ = true;
      plp_ = max || t.length > kMaxInlineBytes / 2;
      if (plp_) wire_type_ = tds::kNVarChar;
      max_bytes_ = 2 * (t.length < 1 ? 1 : t.length);
      break;
    case TypeId::kText:
      wire_type_ = tds::kText;
      legacy_lob_ = true;
      break;
    case TypeId::kNText:
      wire_type_ = tds::kNText;
      legacy_lob_ = true;
      unicode_ = true;
      break;
    case TypeId::kImage:
      wire_type_ = tds::kImage;
      legacy_lob_ = true;
      binary_ = true;
      break;
    case TypeId::kBinary:
    case TypeId::kVarBinary:
      wire_type_ = t.id == TypeId::kBinary ? tds::kBigBinary : tds::kBigVarBinary;
      binary_ = true;
      plp_ = max || t.length > kMaxInlineBytes;
      if (plp_) wire_type_ = tds::kBigVarBinary;
      max_bytes_ = t.length < 1 ? 1 : t.length;
      break;
    case TypeId::kRowVersion:
      wire_type_ = tds::kBigBinary;
      binary_ = true;
      max_bytes_ = 8;
      break;
    case TypeId::kUniqueIdentifier:
      wire_type_ = tds::kGuid;
      fixed_size_ = 16;
      break;
    case TypeId::kXml:
      wire_type_ = tds::kXml;
      plp_ = true;
      unicode_ = true;
      break;
  }
}

void ColumnEncoder::WriteMetadata(std::string* out) const {
  ByteWriter w(out);
  const bool rowversion = column_.type.id == TypeId::kRowVersion;
  w.U32(rowversion ? tds::kUserTypeTimestamp : 0);
  uint16_t flags = column_.nullable && !rowversion ? 0x0001 : 0x0000;
  w.U16(flags);
  w.U8(wire_type_);
  switch (wire_type_) {
    case tds::kIntN:
    case tds::kBitN:
    case tds::kFltN:
    case tds::kMoneyN:
    case tds::kDateTimeN:
    case tds::kGuid:
      w.U8(static_cast<uint8_t>(fixed_size_));
      break;
    case tds::kDecimalN:
    case tds::kNumericN:
      w.U8(static_cast<uint8_t>(fixed_size_ + 1));
      w.U8(static_cast<uint8_t>(column_.type.precision));
      w.U8(static_cast<uint8_t>(column_.type.scale));
      break;
    case tds::kDateN:
      break;
    case tds::kTimeN:
    case tds::kDateTime2N:
    case tds::kDateTimeOffsetN:
      w.U8(static_cast<uint8_t>(column_.type.scale));
      break;
    case tds::kXml:
      w.U8(0);  // no schema
      break;
    case tds::kText:
    case tds::kNText:
    case tds::kImage:
      w.U32(wire_type_ == tds::kNText ? 0x7FFFFFFE : 0x7FFFFFFF);
      if (wire_type_ != tds::kImage) w.Bytes(std::string_view(tds::kCollation, 5));
      // TableName: no parts. Both clients loop over the part count.
      w.U8(0);
      break;
    default:  // BIG(VAR)CHAR/BINARY, N(VAR)CHAR
      w.U16(plp_ ? tds::kMaxLengthMarker : static_cast<uint16_t>(max_bytes_));
      if (!binary_) w.Bytes(std::string_view(tds::kCollation, 5));
      break;
  }
  w.BVarchar(column_.name);
}

absl::Status ColumnEncoder::WriteValue(const Value& value, int64_t text_size,
                                       std::string* out) const {
  if (value.is_null()) {
    ByteWriter w(out);
    if (plp_) {
      w.U64(tds::kPlpNull);
    } else if (legacy_lob_ || fixed_size_ > 0 || wire_type_ == tds::kDateN ||
               wire_type_ == tds::kTimeN || wire_type_ == tds::kDateTime2N ||
               wire_type_ == tds::kDateTimeOffsetN) {
      w.U8(0);
    } else {
      w.U16(0xFFFF);
    }
    return absl::OkStatus();
  }
  switch (wire_type_) {
    case tds::kIntN:
    case tds::kBitN:
      return WriteInt(value, out);
    case tds::kFltN:
      return WriteFloat(value, out);
    case tds::kDecimalN:
    case tds::kNumericN:
      return WriteDecimal(value, out);
    case tds::kMoneyN:
      return WriteMoney(value, out);
    case tds::kDateN:
    case tds::kTimeN:
    case tds::kDateTime2N:
    case tds::kDateTimeOffsetN:
    case tds::kDateTimeN:
      return WriteTemporal(value, out);
    case tds::kGuid:
      return WriteGuid(value, out);
    default:
      return WriteChars(value, text_size, out);
  }
}

absl::Status ColumnEncoder::WriteInt(const Value& v, std::string* out) const {
  int64_t x = 0;
  const TypeId id = column_.type.id;
  switch (v.kind) {
    case Value::Kind::kInt:
      x = v.int_value;
      break;
    case Value::Kind::kDouble:
      if (!(v.double_value >= -9.2e18 && v.double_value <= 9.2e18)) return Overflow(id, v);
      x = static_cast<int64_t>(v.double_value);
      break;
    default: {
      const std::string text = ValueAsText(v);
      if (id == TypeId::kBit && (text == "true" || text == "TRUE")) {
        x = 1;
        break;
      }
      if (id == TypeId::kBit && (text == "false" || text == "FALSE")) break;
      char* end = nullptr;
      errno = 0;
      x = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || end == nullptr || *end != '\0') return ConversionFailed(id, v);
      if (errno == ERANGE) return Overflow(id, v);
    }
  }
  ByteWriter w(out);
  if (id == TypeId::kBit) {
    w.U8(1);
    w.U8(x != 0 ? 1 : 0);
    return absl::OkStatus();
  }
  bool fits = true;
  switch (fixed_size_) {
    case 1:
      fits = x >= 0 && x <= 255;
      break;
    case 2:
      fits = x >= -32768 && x <= 32767;
      break;
    case 4:
      fits = x >= std::numeric_limits<int32_t>::min() && x <= std::numeric_limits<int32_t>::max();
      break;
    default:
      break;
  }
  if (!fits) return Overflow(id, v);
  w.U8(static_cast<uint8_t>(fixed_size_));
  w.Le(static_cast<uint64_t>(x), fixed_size_);
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteFloat(const Value& v, std::string* out) const {
  double d = 0;
  if (v.kind == Value::Kind::kDouble) {
    d = v.double_value;
  } else if (v.kind == Value::Kind::kInt) {
    d = static_cast<double>(v.int_value);
  } else {
    const std::string text = ValueAsText(v);
    char* end = nullptr;
    d = std::strtod(text.c_str(), &end);
    if (text.empty() || end == nullptr || *end != '\0') return ConversionFailed(column_.type.id, v);
  }
  if (!std::isfinite(d)) return Overflow(column_.type.id, v);
  ByteWriter w(out);
  w.U8(static_cast<uint8_t>(fixed_size_));
  if (fixed_size_ == 4) {
    const float f = static_cast<float>(d);
    if (!std::isfinite(f)) return Overflow(column_.type.id, v);
    uint32_t bits;
    static_assert(sizeof(bits) == sizeof(f));
    std::memcpy(&bits, &f, sizeof(bits));
    w.U32(bits);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    w.U64(bits);
  }
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteDecimal(const Value& v, std::string* out) const {
  const absl::StatusOr<ScaledDecimal> parsed =
      ParseDecimal(ValueAsText(v), column_.type.precision, column_.type.scale);
  if (!parsed.ok()) {
    return parsed.status().code() == absl::StatusCode::kOutOfRange
               ? Overflow(column_.type.id, v)
               : ConversionFailed(column_.type.id, v);
  }
  ByteWriter w(out);
  w.U8(static_cast<uint8_t>(fixed_size_ + 1));
  w.U8(parsed->negative ? 0 : 1);
  Uint128 m = parsed->magnitude;
  for (int i = 0; i < fixed_size_; ++i) {
    w.U8(static_cast<uint8_t>(m & 0xFF));
    m >>= 8;
  }
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteMoney(const Value& v, std::string* out) const {
  const bool small = fixed_size_ == 4;
  const absl::StatusOr<int64_t> units = ParseMoney(ValueAsText(v), small);
  if (!units.ok()) {
    return units.status().code() == absl::StatusCode::kOutOfRange
               ? Overflow(column_.type.id, v)
               : ConversionFailed(column_.type.id, v);
  }
  ByteWriter w(out);
  w.U8(static_cast<uint8_t>(fixed_size_));
  if (small) {
    w.U32(static_cast<uint32_t>(static_cast<int32_t>(*units)));
  } else {
    // MONEY travels as the high 32 bits, then the low 32 bits.
    const uint64_t bits = static_cast<uint64_t>(*units);
    w.U32(static_cast<uint32_t>(bits >> 32));
    w.U32(static_cast<uint32_t>(bits & 0xFFFFFFFFu));
  }
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteTemporal(const Value& v, std::string* out) const {
  const TypeId id = column_.type.id;
  if (v.kind != Value::Kind::kText) return ConversionFailed(id, v);
  absl::StatusOr<Temporal> parsed = ParseTemporal(v.bytes);
  if (!parsed.ok()) return ConversionFailed(id, v);
  Temporal t = *parsed;
  const bool needs_date = id != TypeId::kTime;
  if (needs_date && !t.has_date) {
    // SQL Server reads a bare time as that time on 1900-01-01.
    t.days = kDaysTo1900;
  }
  static const int64_t kMaxDays = DaysFromCivil(9999, 12, 31);
  ByteWriter w(out);
  const int scale = column_.type.scale;
  if (wire_type_ == tds::kDateTimeN) {
    int64_t days = t.days;
    if (fixed_size_ == 8) {
      // 1/300 s ticks, rounded half up; .999 s carries into the next second.
      int64_t ticks300 = (t.ticks * 3 + 50000) / 100000;
      if (ticks300 >= 300LL * 86400) {
        ticks300 -= 300LL * 86400;
        ++days;
      }
      if (days < DaysFromCivil(1753, 1, 1) || days > kMaxDays) return Overflow(id, v);
      w.U8(8);
      w.U32(static_cast<uint32_t>(static_cast<int32_t>(days - kDaysTo1900)));
      w.U32(static_cast<uint32_t>(ticks300));
    } else {
      // smalldatetime: 29.998 s rounds down, 29.999 s up.
      int64_t minutes = (t.ticks + 300010000) / 600000000;
      if (minutes >= 1440) {
        minutes -= 1440;
        ++days;
      }
      if (days < kDaysTo1900 || days > DaysFromCivil(2079, 6, 6)) return Overflow(id, v);
      w.U8(4);
      w.U16(static_cast<uint16_t>(days - kDaysTo1900));
      w.U16(static_cast<uint16_t>(minutes));
    }
    return absl::OkStatus();
  }
  if (wire_type_ == tds::kDateN) {
    if (!t.has_date) return ConversionFailed(id, v);
    w.U8(3);
    w.Le(static_cast<uint64_t>(t.days), 3);
    return absl::OkStatus();
  }
  int64_t days = t.days;
  int64_t ticks = RoundTicksToScale(t.ticks, scale);
  if (ticks >= kTicksPerDay) {
    ticks -= kTicksPerDay;
    if (id == TypeId::kTime) {
      // time has no day to carry into: keep the last representable instant.
      ticks = kTicksPerDay - Pow10(7 - scale);
    } else {
      ++days;
    }
  }
  if (id == TypeId::kDateTimeOffset) {
    // The wire carries UTC plus the offset.
    const int64_t total =
        days * kTicksPerDay + ticks - int64_t{t.offset_minutes} * 60 * kTicksPerSecond;
    days = total >= 0 ? total / kTicksPerDay : (total - kTicksPerDay + 1) / kTicksPerDay;
    ticks = total - days * kTicksPerDay;
  }
  if (days < 0 || days > kMaxDays) return Overflow(id, v);
  const int n = TimeBytes(scale);
  const uint64_t units = static_cast<uint64_t>(ticks / Pow10(7 - scale));
  int len = n;
  if (id == TypeId::kDateTime2) len += 3;
  if (id == TypeId::kDateTimeOffset) len += 5;
  w.U8(static_cast<uint8_t>(len));
  w.Le(units, n);
  if (id != TypeId::kTime) w.Le(static_cast<uint64_t>(days), 3);
  if (id == TypeId::kDateTimeOffset)
    w.U16(static_cast<uint16_t>(static_cast<int16_t>(t.offset_minutes)));
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteGuid(const Value& v, std::string* out) const {
  std::string wire;
  if (v.kind == Value::Kind::kBytes && v.bytes.size() == 16) {
    wire = v.bytes;
  } else if (!ParseGuidText(ValueAsText(v), &wire)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Conversion failed when converting from a character string to uniqueidentifier."));
  }
  ByteWriter w(out);
  w.U8(16);
  w.Bytes(wire);
  return absl::OkStatus();
}

absl::Status ColumnEncoder::WriteChars(const Value& v, int64_t text_size, std::string* out) const {
  const std::string text_storage = v.kind == Value::Kind::kText || v.kind == Value::Kind::kBytes
                                       ? std::string()
                                       : ValueAsText(v);
  const std::string_view source = v.kind == Value::Kind::kText || v.kind == Value::Kind::kBytes
                                      ? std::string_view(v.bytes)
                                      : std::string_view(text_storage);
  ByteWriter w(out);
  const bool lob = plp_ || legacy_lob_;
  const int64_t limit = lob ? EffectiveTextSize(text_size) : max_bytes_;

  // Reserve the length prefix, append the payload, then patch the length.
  size_t prefix_pos = out->size();
  if (plp_) {
    w.U64(0);
    w.U32(0);
  } else if (legacy_lob_) {
    w.U8(16);
    // Any non-zero text pointer and timestamp will do: clients only use them
    // for the obsolete READTEXT/WRITETEXT.
    w.Bytes(
        std::string_view("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10", 16));
    w.Bytes(std::string_view("\x01\x00\x00\x00\x00\x00\x00\x00", 8));
    prefix_pos = out->size();
    w.U32(0);
  } else {
    w.U16(0);
  }
  const size_t data_pos = out->size();
  if (unicode_) {
    AppendUtf16Le(source, out);
    size_t len = out->size() - data_pos;
    if (limit >= 0 && len > static_cast<size_t>(limit)) {
      len = static_cast<size_t>(limit) & ~size_t{1};
      // Do not leave half of a surrogate pair at the end.
      if (len >= 2) {
        const uint8_t hi = static_cast<uint8_t>((*out)[data_pos + len - 1]);
        if (hi >= 0xD8 && hi <= 0xDB) len -= 2;
      }
      out->resize(data_pos + len);
    }
  } else {
    size_t len = source.size();
    if (limit >= 0 && len > static_cast<size_t>(limit)) {
      len = binary_ ? static_cast<size_t>(limit)
                    : Utf8PrefixLength(source, static_cast<size_t>(limit));
    }
    out->append(source.data(), len);
  }
  // CHAR, NCHAR and BINARY are padded to their declared length.
  const TypeId id = column_.type.id;
  if (!plp_ && (id == TypeId::kChar || id == TypeId::kNChar || id == TypeId::kBinary ||
                id == TypeId::kRowVersion)) {
    while (out->size() - data_pos < static_cast<size_t>(max_bytes_)) {
      if (binary_) {
        out->push_back('\0');
      } else {
        out->push_back(' ');
        if (unicode_) out->push_back('\0');
      }
    }
  }
  const size_t len = out->size() - data_pos;
  if (plp_) {
    PatchLe(out, prefix_pos, len, 8);
    if (len == 0) {
      // Empty value: total length 0 and only the terminator, no chunk.
      out->resize(prefix_pos + 8);
    } else {
      PatchLe(out, prefix_pos + 8, len, 4);
    }
    w.U32(0);
  } else if (legacy_lob_) {
    PatchLe(out, prefix_pos, len, 4);
  } else {
    PatchLe(out, prefix_pos, len, 2);
  }
  return absl::OkStatus();
}

}  // namespace emulator
