#include "testing/emulator/wire/request_decoder.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/wire/decimal_codec.h"
#include "testing/emulator/wire/tds_constants.h"
#include "testing/emulator/wire/temporal_codec.h"
#include "testing/emulator/wire/ucs2.h"

namespace emulator {
namespace {

absl::Status Truncated(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("truncated ", std::string(what)));
}

int64_t Pow10(int n) {
  int64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

// Windows-1252 bytes 0x80..0x9F; the rest of the code page is Latin-1.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// varchar parameters are in the collation's code page: UTF-8 when the
// collation says so, otherwise taken as Windows-1252.
std::string CharsToUtf8(std::string_view bytes, std::string_view collation) {
  if (collation.size() == 5 && (static_cast<uint8_t>(collation[3]) & 0x04) != 0) {
    return std::string(bytes);
  }
  std::string utf16;
  for (char c : bytes) {
    const uint8_t b = static_cast<uint8_t>(c);
    const uint16_t cp = b >= 0x80 && b <= 0x9F ? kCp1252High[b - 0x80] : b;
    utf16.push_back(static_cast<char>(cp & 0xFF));
    utf16.push_back(static_cast<char>(cp >> 8));
  }
  return Utf16LeToUtf8(utf16);
}

// Reads a PLP value; `*is_null` is set for the PLP NULL marker.
absl::Status ReadPlp(ByteReader& r, std::string* out, bool* is_null) {
  uint64_t total = 0;
  if (!r.U64(&total)) return Truncated("PLP length");
  *is_null = total == tds::kPlpNull;
  out->clear();
  if (*is_null) return absl::OkStatus();
  while (true) {
    uint32_t chunk = 0;
    if (!r.U32(&chunk)) return Truncated("PLP chunk");
    if (chunk == 0) return absl::OkStatus();
    std::string_view bytes;
    if (!r.Bytes(chunk, &bytes)) return Truncated("PLP chunk data");
    out->append(bytes.data(), bytes.size());
  }
}

std::string FormatDateTime(int64_t days, int64_t ticks, int digits) {
  return absl::StrCat(FormatDate(days), " ", FormatTime(ticks, digits));
}

absl::Status ReadTemporal(ByteReader& r, uint8_t type, uint8_t scale, SqlType* t, Value* v) {
  uint8_t len = 0;
  if (!r.U8(&len)) return Truncated("temporal value");
  if (len == 0) {
    *v = Value::Null();
    return absl::OkStatus();
  }
  std::string_view raw;
  if (!r.Bytes(len, &raw)) return Truncated("temporal value");
  ByteReader b(raw);
  if (scale > 7) return absl::InvalidArgumentError("time scale above 7");
  const int time_bytes = scale <= 2 ? 3 : (scale <= 4 ? 4 : 5);
  uint64_t units = 0;
  uint64_t days = 0;
  if (type == tds::kDateN) {
    if (len != 3 || !b.Le(3, &days)) return absl::InvalidArgumentError("bad date length");
    t->id = TypeId::kDate;
    *v = Value::Text(FormatDate(static_cast<int64_t>(days)));
    return absl::OkStatus();
  }
  if (!b.Le(time_bytes, &units)) return absl::InvalidArgumentError("bad time length");
  const int64_t ticks = static_cast<int64_t>(units) * Pow10(7 - scale);
  if (ticks >= kTicksPerDay) return absl::InvalidArgumentError("time out of range");
  t->scale = scale;
  const int digits = scale;
  if (type == tds::kTimeN) {
    if (b.remaining() != 0) return absl::InvalidArgumentError("bad time length");
    t->id = TypeId::kTime;
    *v = Value::Text(FormatTime(ticks, digits));
    return absl::OkStatus();
  }
  if (!b.Le(3, &days)) return absl::InvalidArgumentError("bad datetime2 length");
  if (type == tds::kDateTime2N) {
    if (b.remaining() != 0) return absl::InvalidArgumentError("bad datetime2 length");
    t->id = TypeId::kDateTime2;
    *v = Value::Text(FormatDateTime(static_cast<int64_t>(days), ticks, digits));
    return absl::OkStatus();
  }
  uint16_t offset_raw = 0;
  if (!b.U16(&offset_raw) || b.remaining() != 0) {
    return absl::InvalidArgumentError("bad datetimeoffset length");
  }
  const int offset = static_cast<int16_t>(offset_raw);
  // The wire holds UTC; the canonical text is local time plus offset.
  const int64_t local =
      static_cast<int64_t>(days) * kTicksPerDay + ticks + int64_t{offset} * 60 * kTicksPerSecond;
  const int64_t local_days =
      local >= 0 ? local / kTicksPerDay : (local - kTicksPerDay + 1) / kTicksPerDay;
  t->id = TypeId::kDateTimeOffset;
  *v = Value::Text(
      absl::StrCat(FormatDateTime(local_days, local - local_days * kTicksPerDay, digits), " ",
                   FormatOffset(offset)));
  return absl::OkStatus();
}

std::string FormatDateTimeTicks300(int32_t days_since_1900, uint32_t ticks300) {
  // SQL Server shows datetime with milliseconds rounded from 1/300 s.
  int64_t ms = (static_cast<int64_t>(ticks300) * 10 + 1) / 3;
  int64_t days = kDaysTo1900 + days_since_1900;
  return FormatDateTime(days, ms * 10000, 3);
}

absl::Status DecodeFixed(uint8_t type, std::string_view raw, SqlType* t, Value* v) {
  ByteReader b(raw);
  uint64_t x = 0;
  b.Le(static_cast<int>(raw.size()), &x);
  switch (type) {
    case tds::kInt1:
    case tds::kInt2:
    case tds::kInt4:
    case tds::kInt8:
    case tds::kIntN: {
      switch (raw.size()) {
        case 1:
          t->id = TypeId::kTinyInt;
          *v = Value::Int(static_cast<uint8_t>(x));
          break;
        case 2:
          t->id = TypeId::kSmallInt;
          *v = Value::Int(static_cast<int16_t>(x));
          break;
        case 4:
          t->id = TypeId::kInt;
          *v = Value::Int(static_cast<int32_t>(x));
          break;
        case 8:
          t->id = TypeId::kBigInt;
          *v = Value::Int(static_cast<int64_t>(x));
          break;
        default:
          return absl::InvalidArgumentError("bad integer length");
      }
      return absl::OkStatus();
    }
    case tds::kBit:
    case tds::kBitN:
      if (raw.size() != 1) return absl::InvalidArgumentError("bad bit length");
      t->id = TypeId::kBit;
      *v = Value::Int(x != 0 ? 1 : 0);
      return absl::OkStatus();
    case tds::kFlt4:
    case tds::kFlt8:
    case tds::kFltN:
      if (raw.size() == 4) {
        float f;
        const uint32_t bits = static_cast<uint32_t>(x);
        std::memcpy(&f, &bits, 4);
        t->id = TypeId::kReal;
        *v = Value::Double(f);
      } else if (raw.size() == 8) {
        double d;
        std::memcpy(&d, &x, 8);
        t->id = TypeId::kFloat;
        *v = Value::Double(d);
      } else {
        return absl::InvalidArgumentError("bad float length");
      }
      return absl::OkStatus();
    case tds::kMoney:
    case tds::kMoney4:
    case tds::kMoneyN: {
      int64_t units = 0;
      if (raw.size() == 4) {
        t->id = TypeId::kSmallMoney;
        units = static_cast<int32_t>(x);
      } else if (raw.size() == 8) {
        t->id = TypeId::kMoney;
        // High 32 bits first, then low.
        units = static_cast<int64_t>(((x & 0xFFFFFFFFu) << 32) | (x >> 32));
      } else {
        return absl::InvalidArgumentError("bad money length");
      }
      const bool negative = units < 0;
      const Uint128 magnitude =
          Uint128(negative ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units));
      *v = Value::Text(FormatDecimal(negative, magnitude, 4));
      return absl::OkStatus();
    }
    case tds::kDateTime:
    case tds::kDateTim4:
    case tds::kDateTimeN:
      if (raw.size() == 8) {
        t->id = TypeId::kDateTime;
        *v = Value::Text(FormatDateTimeTicks300(static_cast<int32_t>(x & 0xFFFFFFFFu),
                                                static_cast<uint32_t>(x >> 32)));
      } else if (raw.size() == 4) {
        t->id = TypeId::kSmallDateTime;
        const int64_t days = kDaysTo1900 + static_cast<int64_t>(x & 0xFFFF);
        const int64_t minutes = static_cast<int64_t>(x >> 16);
        *v = Value::Text(FormatDateTime(days, minutes * 60 * kTicksPerSecond, 0));
      } else {
        return absl::InvalidArgumentError("bad datetime length");
      }
      return absl::OkStatus();
    case tds::kGuid:
      if (raw.size() != 16) return absl::InvalidArgumentError("bad uniqueidentifier length");
      t->id = TypeId::kUniqueIdentifier;
      *v = Value::Bytes(std::string(raw));
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError(absl::StrCat("unsupported parameter type 0x", type));
  }
}

int FixedLength(uint8_t type) {
  switch (type) {
    case tds::kNull:
      return 0;
    case tds::kInt1:
    case tds::kBit:
      return 1;
    case tds::kInt2:
      return 2;
    case tds::kInt4:
    case tds::kDateTim4:
    case tds::kFlt4:
    case tds::kMoney4:
      return 4;
    case tds::kMoney:
    case tds::kDateTime:
    case tds::kFlt8:
    case tds::kInt8:
      return 8;
    default:
      return -1;
  }
}

}  // namespace

absl::StatusOr<std::string_view> SkipAllHeaders(std::string_view payload) {
  ByteReader r(payload);
  uint32_t total = 0;
  if (!r.U32(&total)) return Truncated("ALL_HEADERS");
  if (total < 4 || total > payload.size()) {
    return absl::InvalidArgumentError(absl::StrCat("bad ALL_HEADERS length ", total));
  }
  // Walk the individual headers to make sure their lengths add up.
  size_t pos = 4;
  while (pos < total) {
    if (total - pos < 6) return absl::InvalidArgumentError("bad ALL_HEADERS entry");
    ByteReader h(payload.substr(pos, 4));
    uint32_t len = 0;
    h.U32(&len);
    if (len < 6 || len > total - pos) return absl::InvalidArgumentError("bad header length");
    pos += len;
  }
  return payload.substr(total);
}

absl::StatusOr<std::string> DecodeSqlBatch(std::string_view payload) {
  absl::StatusOr<std::string_view> sql = SkipAllHeaders(payload);
  if (!sql.ok()) return sql.status();
  return Utf16LeToUtf8(*sql);
}

absl::Status ReadTypedValue(ByteReader& r, SqlType* t, Value* v) {
  uint8_t type = 0;
  if (!r.U8(&type)) return Truncated("TYPE_INFO");
  *t = SqlType();
  *v = Value::Null();
  const int fixed = FixedLength(type);
  if (fixed >= 0) {
    if (type == tds::kNull) {
      t->id = TypeId::kInt;
      return absl::OkStatus();
    }
    std::string_view raw;
    if (!r.Bytes(static_cast<size_t>(fixed), &raw)) return Truncated("fixed-length value");
    return DecodeFixed(type, raw, t, v);
  }
  switch (type) {
    case tds::kIntN:
    case tds::kBitN:
    case tds::kFltN:
    case tds::kMoneyN:
    case tds::kDateTimeN:
    case tds::kGuid: {
      uint8_t max_len = 0;
      uint8_t len = 0;
      if (!r.U8(&max_len) || !r.U8(&len)) return Truncated("value");
      if (len == 0) {
        // NULL: still report the declared type.
        Value ignored;
        std::string zeros(max_len, '\0');
        const absl::Status s = DecodeFixed(type, zeros, t, &ignored);
        if (!s.ok()) return s;
        *v = Value::Null();
        return absl::OkStatus();
      }
      std::string_view raw;
      if (!r.Bytes(len, &raw)) return Truncated("value");
      return DecodeFixed(type, raw, t, v);
    }
    case tds::kDecimalN:
    case tds::kNumericN: {
      uint8_t max_len = 0, precision = 0, scale = 0, len = 0;
      if (!r.U8(&max_len) || !r.U8(&precision) || !r.U8(&scale) || !r.U8(&len)) {
        return Truncated("decimal");
      }
      if (precision < 1 || precision > 38 || scale > precision) {
        return absl::InvalidArgumentError("bad decimal precision/scale");
      }
      t->id = type == tds::kDecimalN ? TypeId::kDecimal : TypeId::kNumeric;
      t->precision = precision;
      t->scale = scale;
      if (len == 0) return absl::OkStatus();
      std::string_view raw;
      if (len < 2 || len > 17 || !r.Bytes(len, &raw)) return Truncated("decimal value");
      Uint128 magnitude = 0;
      for (size_t i = raw.size() - 1; i >= 1; --i) {
        magnitude = (magnitude << 8) | static_cast<uint8_t>(raw[i]);
      }
      *v = Value::Text(FormatDecimal(raw[0] == 0, magnitude, scale));
      return absl::OkStatus();
    }
    case tds::kDateN:
      return ReadTemporal(r, type, 0, t, v);
    case tds::kTimeN:
    case tds::kDateTime2N:
    case tds::kDateTimeOffsetN: {
      uint8_t scale = 0;
      if (!r.U8(&scale)) return Truncated("scale");
      return ReadTemporal(r, type, scale, t, v);
    }
    case tds::kBigVarChar:
    case tds::kBigChar:
    case tds::kNVarChar:
    case tds::kNChar:
    case tds::kBigVarBinary:
    case tds::kBigBinary: {
      uint16_t max_len = 0;
      if (!r.U16(&max_len)) return Truncated("TYPE_INFO");
      const bool binary = type == tds::kBigVarBinary || type == tds::kBigBinary;
      const bool unicode = type == tds::kNVarChar || type == tds::kNChar;
      std::string_view collation;
      if (!binary && !r.Bytes(5, &collation)) return Truncated("collation");
      const bool max = max_len == tds::kMaxLengthMarker;
      switch (type) {
        case tds::kBigVarChar:
          t->id = TypeId::kVarChar;
          break;
        case tds::kBigChar:
          t->id = TypeId::kChar;
          break;
        case tds::kNVarChar:
          t->id = TypeId::kNVarChar;
          break;
        case tds::kNChar:
          t->id = TypeId::kNChar;
          break;
        case tds::kBigVarBinary:
          t->id = TypeId::kVarBinary;
          break;
        default:
          t->id = TypeId::kBinary;
          break;
      }
      t->length = max ? SqlType::kMaxLength : (unicode ? max_len / 2 : max_len);
      std::string data;
      bool is_null = false;
      if (max) {
        const absl::Status s = ReadPlp(r, &data, &is_null);
        if (!s.ok()) return s;
      } else {
        uint16_t len = 0;
        if (!r.U16(&len)) return Truncated("value length");
        is_null = len == 0xFFFF;
        std::string_view raw;
        if (!is_null) {
          if (!r.Bytes(len, &raw)) return Truncated("value");
          data.assign(raw);
        }
      }
      if (is_null) return absl::OkStatus();
      if (binary) {
        *v = Value::Bytes(std::move(data));
      } else if (unicode) {
        *v = Value::Text(Utf16LeToUtf8(data));
      } else {
        *v = Value::Text(CharsToUtf8(data, collation));
      }
      return absl::OkStatus();
    }
    case tds::kXml: {
      uint8_t schema_present = 0;
      if (!r.U8(&schema_present)) return Truncated("xml TYPE_INFO");
      if (schema_present != 0) {
        std::string ignored;
        if (!r.BVarchar(&ignored) || !r.BVarchar(&ignored) || !r.UsVarchar(&ignored)) {
          return Truncated("xml schema");
        }
      }
      t->id = TypeId::kXml;
      std::string data;
      bool is_null = false;
      const absl::Status s = ReadPlp(r, &data, &is_null);
      if (!s.ok()) return s;
      if (!is_null) *v = Value::Text(Utf16LeToUtf8(data));
      return absl::OkStatus();
    }
    case tds::kText:
    case tds::kNText:
    case tds::kImage: {
      uint32_t max_len = 0;
      if (!r.U32(&max_len)) return Truncated("TYPE_INFO");
      std::string_view collation;
      if (type != tds::kImage && !r.Bytes(5, &collation)) return Truncated("collation");
      t->id = type == tds::kText ? TypeId::kText
                                 : (type == tds::kNText ? TypeId::kNText : TypeId::kImage);
      uint32_t len = 0;
      if (!r.U32(&len)) return Truncated("value length");
      if (len == 0xFFFFFFFFu) return absl::OkStatus();
      std::string_view raw;
      if (!r.Bytes(len, &raw)) return Truncated("value");
      if (type == tds::kImage) {
        *v = Value::Bytes(std::string(raw));
      } else if (type == tds::kNText) {
        *v = Value::Text(Utf16LeToUtf8(raw));
      } else {
        *v = Value::Text(CharsToUtf8(raw, collation));
      }
      return absl::OkStatus();
    }
    default:
      return absl::UnimplementedError(
          absl::StrCat("unsupported parameter data type 0x", absl::Hex(type)));
  }
}

absl::StatusOr<std::vector<RpcCall>> DecodeRpc(std::string_view payload) {
  absl::StatusOr<std::string_view> body = SkipAllHeaders(payload);
  if (!body.ok()) return body.status();
  ByteReader r(*body);
  std::vector<RpcCall> calls;
  while (r.remaining() > 0) {
    RpcCall call;
    uint16_t name_len = 0;
    if (!r.U16(&name_len)) return Truncated("RPC name");
    if (name_len == 0xFFFF) {
      if (!r.U16(&call.proc_id)) return Truncated("RPC proc id");
    } else if (!r.Utf16(name_len, &call.proc_name)) {
      return Truncated("RPC name");
    }
    if (!r.U16(&call.option_flags)) return Truncated("RPC option flags");
    while (r.remaining() > 0) {
      // 0xFF (0x80 before 7.2) separates batched calls; 0xFE = NoExec.
      ByteReader probe = r;
      uint8_t first = 0;
      probe.U8(&first);
      if (first == 0xFF || first == 0xFE || first == 0x80) {
        r.Skip(1);
        break;
      }
      RpcParameter p;
      uint8_t status = 0;
      if (!r.BVarchar(&p.name) || !r.U8(&status)) return Truncated("RPC parameter");
      p.output = (status & 0x01) != 0;
      const absl::Status s = ReadTypedValue(r, &p.param.type, &p.param.value);
      if (!s.ok()) return s;
      p.param.name = p.name;
      call.params.push_back(std::move(p));
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<std::string> ParamNamesFromDeclaration(std::string_view declaration) {
  std::vector<std::string> names;
  int depth = 0;
  bool expect_name = true;
  std::string current;
  for (size_t i = 0; i <= declaration.size(); ++i) {
    const char c = i < declaration.size() ? declaration[i] : ',';
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == ',' && depth == 0) {
      if (!current.empty()) names.push_back(current);
      current.clear();
      expect_name = true;
      continue;
    }
    if (!expect_name) continue;
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) expect_name = false;
      continue;
    }
    current.push_back(c);
  }
  return names;
}

}  // namespace emulator
