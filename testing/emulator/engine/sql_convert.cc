// Conversions between SQL Server types in storage form (CAST, CONVERT,
// assignment), and storage → canonical Value.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/sql_types.h"

namespace emulator {
namespace {

constexpr int64_t kTicksPerDay = 864000000000LL;
constexpr int64_t kDays1900 = 693595;  // DaysFromCivil(1900, 1, 1)

std::string TypeNameForError(const SqlType* t, const Datum& in) {
  if (t != nullptr) return std::string(BaseTypeName(t->id));
  switch (in.kind) {
    case Datum::Kind::kInt:
      return "int";
    case Datum::Kind::kReal:
      return "float";
    case Datum::Kind::kBlob:
      return "varbinary";
    default:
      return "varchar";
  }
}

TypeFamily SourceFamily(const Datum& in, const SqlType* from) {
  if (from != nullptr) return FamilyOf(from->id);
  switch (in.kind) {
    case Datum::Kind::kInt:
      return TypeFamily::kInt;
    case Datum::Kind::kReal:
      return TypeFamily::kFloat;
    case Datum::Kind::kBlob:
      return TypeFamily::kBinary;
    default:
      return TypeFamily::kString;
  }
}

// Reads a stored or textual date/time as local time (+ offset).
bool ReadDateTime(const Datum& in, const SqlType* from, DateTimeParts* parts) {
  if (in.kind != Datum::Kind::kText) return false;
  if (!ParseDateTimeText(in.s, parts)) return false;
  if (from != nullptr && from->id == TypeId::kDateTimeOffset) {
    // Stored datetimeoffset is the UTC instant plus the offset to show.
    int64_t t = parts->ticks + parts->offset_minutes * 600000000LL;
    parts->days += t >= 0 ? t / kTicksPerDay : -((-t + kTicksPerDay - 1) / kTicksPerDay);
    parts->ticks = ((t % kTicksPerDay) + kTicksPerDay) % kTicksPerDay;
  }
  return true;
}

int64_t RoundTicks(int64_t ticks, int scale) {
  static constexpr int64_t kUnit[8] = {10000000, 1000000, 100000, 10000, 1000, 100, 10, 1};
  int64_t unit = kUnit[scale];
  return (ticks + unit / 2) / unit * unit;
}

void Normalize(int64_t* days, int64_t* ticks) {
  while (*ticks >= kTicksPerDay) {
    *ticks -= kTicksPerDay;
    ++*days;
  }
  while (*ticks < 0) {
    *ticks += kTicksPerDay;
    --*days;
  }
}

absl::Status OutOfRange(const std::string& from_name, const SqlType& to) {
  return SqlError(
      242, 16,
      absl::StrCat("The conversion of a ", from_name, " data type to a ", BaseTypeName(to.id),
                   " data type resulted in an out-of-range value."));
}

// Builds the storage text of a date/time target from local parts.
absl::StatusOr<Datum> ToDateTimeStorage(DateTimeParts p, const SqlType& to,
                                        const std::string& from_name) {
  int64_t days = p.days, ticks = p.ticks;
  switch (to.id) {
    case TypeId::kDate: {
      if (days < 0 || days > DaysFromCivil(9999, 12, 31)) return OutOfRange(from_name, to);
      std::string s = FormatStoredDateTime(days, 0);
      s.resize(10);
      return Datum::Text(std::move(s));
    }
    case TypeId::kTime: {
      ticks = RoundTicks(ticks, to.scale) % kTicksPerDay;
      return Datum::Text(FormatStoredDateTime(0, ticks).substr(11));
    }
    case TypeId::kDateTime: {
      // Milliseconds first (extra digits truncated), then 1/300 s ticks
      // rounded half up: .995-.998 → .997, .999 → next second.
      int64_t ms = ticks / 10000;
      int64_t t300 = (ms * 3 + 5) / 10;
      ticks = t300 * 100000 / 3;
      Normalize(&days, &ticks);
      if (days < DaysFromCivil(1753, 1, 1) || days > DaysFromCivil(9999, 12, 31)) {
        return OutOfRange(from_name, to);
      }
      return Datum::Text(FormatStoredDateTime(days, ticks));
    }
    case TypeId::kSmallDateTime: {
      int64_t ms_in_minute = ticks / 10000 % 60000;
      int64_t minutes = ticks / 600000000;
      if (ms_in_minute >= 29999) ++minutes;
      ticks = minutes * 600000000;
      Normalize(&days, &ticks);
      if (days < kDays1900 || days > DaysFromCivil(2079, 6, 6)) return OutOfRange(from_name, to);
      return Datum::Text(FormatStoredDateTime(days, ticks));
    }
    case TypeId::kDateTime2: {
      ticks = RoundTicks(ticks, to.scale);
      Normalize(&days, &ticks);
      if (days < 0 || days > DaysFromCivil(9999, 12, 31)) return OutOfRange(from_name, to);
      return Datum::Text(FormatStoredDateTime(days, ticks));
    }
    case TypeId::kDateTimeOffset: {
      ticks = RoundTicks(ticks, to.scale);
      int offset = p.has_offset ? p.offset_minutes : 0;
      ticks -= offset * 600000000LL;
      Normalize(&days, &ticks);
      if (days < 0 || days > DaysFromCivil(9999, 12, 31)) return OutOfRange(from_name, to);
      return Datum::Text(FormatStoredDateTimeOffset(days, ticks, offset));
    }
    default:
      return SqlError(529, 16, "Explicit conversion is not allowed.");
  }
}

std::string FractionDigits(int64_t ticks, int n) {
  if (n <= 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%07d", static_cast<int>(ticks % 10000000));
  return absl::StrCat(".", absl::string_view(buf, n));
}

// Text of a date/time value (local parts) for CAST/CONVERT to a string.
std::string DateTimeText(const DateTimeParts& p, const SqlType& from, int style) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(p.days, &y, &m, &d);
  int64_t secs = p.ticks / 10000000;
  int hh = static_cast<int>(secs / 3600), mi = static_cast<int>(secs / 60 % 60),
      ss = static_cast<int>(secs % 60);
  char date[32], time[32];
  std::snprintf(date, sizeof(date), "%04d-%02u-%02u", static_cast<int>(y), m, d);
  std::snprintf(time, sizeof(time), "%02d:%02d:%02d", hh, mi, ss);
  bool legacy = from.id == TypeId::kDateTime || from.id == TypeId::kSmallDateTime;
  int digits = from.id == TypeId::kDateTime ? 3 : legacy ? 0 : from.scale;
  int64_t ticks = p.ticks;
  if (from.id == TypeId::kDateTime) {
    // Shows the rounded milliseconds of the exact 1/300 s value.
    int64_t ms = (ticks % 10000000 + 5000) / 10000;
    ticks = ticks / 10000000 * 10000000 + ms * 10000;
  }
  std::string offset;
  if (from.id == TypeId::kDateTimeOffset) {
    int a = p.offset_minutes < 0 ? -p.offset_minutes : p.offset_minutes;
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", p.offset_minutes < 0 ? '-' : '+', a / 60,
                  a % 60);
    offset = buf;
  }
  if (from.id == TypeId::kDate) {
    if (style == 112) return absl::StrCat(std::string(date, 4), std::string(date + 5, 2), date + 8);
    return date;
  }
  if (from.id == TypeId::kTime) return absl::StrCat(time, FractionDigits(ticks, digits));
  switch (style) {
    case 23:
      return date;
    case 108:
      return time;
    case 112:
      return absl::StrCat(std::string(date, 4), std::string(date + 5, 2), date + 8);
    case 120:
      return absl::StrCat(date, " ", time);
    case 121:
      return absl::StrCat(date, " ", time, FractionDigits(ticks, legacy ? 3 : digits),
                          offset.empty() ? "" : " ", offset);
    case 126:
    case 127: {
      std::string frac = FractionDigits(ticks, digits);
      if (from.id == TypeId::kDateTime && ticks % 10000000 == 0) frac.clear();
      std::string tail = offset;
      if (style == 127 && from.id == TypeId::kDateTimeOffset && p.offset_minutes == 0) {
        tail = "Z";
      }
      return absl::StrCat(date, "T", time, frac, tail);
    }
    default:
      break;
  }
  if (legacy) {
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    int h12 = hh % 12 == 0 ? 12 : hh % 12;
    std::snprintf(buf, sizeof(buf), "%s %2u %04d %2d:%02d%s", kMonths[m - 1], d,
                  static_cast<int>(y), h12, mi, hh < 12 ? "AM" : "PM");
    return buf;
  }
  return absl::StrCat(date, " ", time, FractionDigits(ticks, digits), offset.empty() ? "" : " ",
                      offset);
}

bool IsCp1252(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return true;
  static constexpr uint32_t kExtra[] = {0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017D, 0x2018,
                                        0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
                                        0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178};
  for (uint32_t e : kExtra) {
    if (e == cp) return true;
  }
  return false;
}

// Characters outside code page 1252 become '?' in varchar, as in SQL Server.
std::string ToCodePage(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + n > s.size()) n = s.size() - i;
    uint32_t cp = c;
    if (n == 2) cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (n == 3) cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (n == 4) cp = 0x10000;
    if (IsCp1252(cp)) {
      out.append(s.data() + i, n);
    } else {
      out.push_back('?');
    }
    i += n;
  }
  return out;
}

// Cuts a UTF-8 string to `units` characters (UTF-16 units when `utf16`).
absl::string_view CutChars(absl::string_view s, int64_t units, bool utf16) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    int w = (utf16 && c >= 0xF0) ? 2 : 1;
    if (n + w > units) return s.substr(0, i);
    n += w;
  }
  return s;
}

std::string Hex(absl::string_view bytes, bool prefix) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = prefix ? "0x" : "";
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

bool Unhex(absl::string_view s, std::string* out) {
  if (s.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = absl::ascii_isxdigit(s[i]) ? std::stoi(std::string(1, s[i]), nullptr, 16) : -1;
    int lo = absl::ascii_isxdigit(s[i + 1]) ? std::stoi(std::string(1, s[i + 1]), nullptr, 16) : -1;
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::string FloatText(double v, int style) {
  char buf[64];
  if (style == 3) {
    std::snprintf(buf, sizeof(buf), "%.17g", v);
    return buf;
  }
  std::snprintf(buf, sizeof(buf), style == 1 ? "%.7e" : style == 2 ? "%.15e" : "%.6g", v);
  std::string s = buf;
  size_t e = s.find('e');
  if (e != std::string::npos) {
    // SQL Server prints three exponent digits: 1.23457e+008.
    std::string mant = s.substr(0, e + 2), exp = s.substr(e + 2);
    while (exp.size() < 3) exp.insert(exp.begin(), '0');
    s = mant + exp;
  }
  return s;
}

// The text of any value when converted to a string type.
absl::StatusOr<std::string> TextOf(const Datum& in, const SqlType* from, TypeFamily fam, int style,
                                   bool to_unicode) {
  switch (fam) {
    case TypeFamily::kInt:
      if (in.kind == Datum::Kind::kReal) return absl::StrCat(static_cast<int64_t>(in.d));
      if (in.kind == Datum::Kind::kText) return in.s;
      return absl::StrCat(in.i);
    case TypeFamily::kFloat:
      if (in.kind == Datum::Kind::kInt) return FloatText(static_cast<double>(in.i), style);
      if (in.kind == Datum::Kind::kText) return in.s;
      return FloatText(in.d, style);
    case TypeFamily::kDecimal: {
      std::string s = in.kind == Datum::Kind::kText  ? in.s
                      : in.kind == Datum::Kind::kInt ? absl::StrCat(in.i)
                                                     : FloatText(in.d, 3);
      if (from != nullptr && (from->id == TypeId::kMoney || from->id == TypeId::kSmallMoney) &&
          style == 0) {
        auto two = NormalizeDecimal(s, 38, 2, "money");
        if (two.ok()) return *two;
      }
      return s;
    }
    case TypeFamily::kDate:
    case TypeFamily::kTime:
    case TypeFamily::kDateTime:
    case TypeFamily::kDateTimeOffset: {
      DateTimeParts p;
      if (!ReadDateTime(in, from, &p)) return in.s;
      return DateTimeText(p, *from, style);
    }
    case TypeFamily::kGuid:
      return FormatGuidWire(GuidKeyToWire(in.s));
    case TypeFamily::kBinary: {
      if (in.kind != Datum::Kind::kBlob) return in.s;
      if (style == 1) return Hex(in.s, true);
      if (style == 2) return Hex(in.s, false);
      std::string out;
      if (to_unicode) {
        for (size_t i = 0; i + 1 < in.s.size(); i += 2) {
          uint32_t cp =
              static_cast<unsigned char>(in.s[i]) | (static_cast<unsigned char>(in.s[i + 1]) << 8);
          if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
        }
      } else {
        for (unsigned char b : in.s) {
          if (b < 0x80) {
            out.push_back(static_cast<char>(b));
          } else {
            out.push_back(static_cast<char>(0xC0 | (b >> 6)));
            out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
          }
        }
      }
      return out;
    }
    case TypeFamily::kString:
      if (in.kind == Datum::Kind::kText || in.kind == Datum::Kind::kBlob) return in.s;
      if (in.kind == Datum::Kind::kInt) return absl::StrCat(in.i);
      return FloatText(in.d, style);
  }
  return in.s;
}

absl::StatusOr<Datum> ToInt(const Datum& in, const SqlType* from, TypeFamily fam,
                            const SqlType& to) {
  const std::string from_name = TypeNameForError(from, in);
  const std::string to_name(BaseTypeName(to.id));
  int64_t v = 0;
  bool from_string = false;
  switch (fam) {
    case TypeFamily::kInt:
      v = in.kind == Datum::Kind::kReal ? static_cast<int64_t>(in.d) : in.i;
      if (in.kind == Datum::Kind::kText && !absl::SimpleAtoi(in.s, &v)) v = 0;
      break;
    case TypeFamily::kFloat: {
      double d = in.kind == Datum::Kind::kInt ? static_cast<double>(in.i) : in.d;
      if (!(d > -9.3e18 && d < 9.3e18)) {
        return SqlError(8115, 16,
                        absl::StrCat("Arithmetic overflow error converting expression "
                                     "to data type ",
                                     to_name, "."));
      }
      v = static_cast<int64_t>(d);
      break;
    }
    case TypeFamily::kDecimal: {
      std::string s = in.kind == Datum::Kind::kText ? in.s : absl::StrCat(in.i);
      if (in.kind == Datum::Kind::kReal) s = FloatText(in.d, 3);
      auto whole = NormalizeDecimal(s.substr(0, s.find('.')), 38, 0, from_name);
      if (!whole.ok() || !absl::SimpleAtoi(*whole, &v)) {
        return SqlError(8115, 16,
                        absl::StrCat("Arithmetic overflow error converting ", from_name,
                                     " to data type ", to_name, "."));
      }
      break;
    }
    case TypeFamily::kString: {
      from_string = true;
      absl::string_view s = absl::StripAsciiWhitespace(in.s);
      if (to.id == TypeId::kBit) {
        if (absl::EqualsIgnoreCase(s, "true")) return Datum::Int(1);
        if (absl::EqualsIgnoreCase(s, "false")) return Datum::Int(0);
      }
      if (s.empty()) return Datum::Int(0);  // '' converts to 0 in SQL Server
      if (!absl::SimpleAtoi(s, &v)) {
        return SqlError(245, 16,
                        absl::StrCat("Conversion failed when converting the ", from_name,
                                     " value '", in.s, "' to data type ", to_name, "."));
      }
      break;
    }
    case TypeFamily::kBinary: {
      for (unsigned char b : in.s) v = (v << 8) | b;
      break;
    }
    case TypeFamily::kDateTime: {
      DateTimeParts p;
      if (from != nullptr &&
          (from->id == TypeId::kDateTime || from->id == TypeId::kSmallDateTime) &&
          ReadDateTime(in, from, &p)) {
        v = p.days - kDays1900 + (p.ticks >= kTicksPerDay / 2 ? 1 : 0);
        break;
      }
      [[fallthrough]];
    }
    default:
      return SqlError(529, 16,
                      absl::StrCat("Explicit conversion from data type ", from_name, " to ",
                                   to_name, " is not allowed."));
  }
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  switch (to.id) {
    case TypeId::kBit:
      return Datum::Int(v != 0 ? 1 : 0);
    case TypeId::kTinyInt:
      lo = 0;
      hi = 255;
      break;
    case TypeId::kSmallInt:
      lo = -32768;
      hi = 32767;
      break;
    case TypeId::kInt:
      lo = INT32_MIN;
      hi = INT32_MAX;
      break;
    default:
      break;
  }
  if (v < lo || v > hi) {
    if (from_string) {
      return SqlError(248, 16,
                      absl::StrCat("The conversion of the ", from_name, " value '", in.s,
                                   "' overflowed an ", to_name, " column."));
    }
    return SqlError(8115, 16,
                    absl::StrCat("Arithmetic overflow error converting expression to "
                                 "data type ",
                                 to_name, "."));
  }
  return Datum::Int(v);
}

}  // namespace

absl::StatusOr<Datum> ConvertDatum(const Datum& in, const SqlType* from, const SqlType& to,
                                   const ConvertOptions& options) {
  if (in.is_null()) return Datum::Null();
  const TypeFamily fam = SourceFamily(in, from);
  const std::string from_name = TypeNameForError(from, in);
  switch (FamilyOf(to.id)) {
    case TypeFamily::kInt:
      return ToInt(in, from, fam, to);
    case TypeFamily::kFloat: {
      double d = 0;
      if (in.kind == Datum::Kind::kInt) {
        d = static_cast<double>(in.i);
      } else if (in.kind == Datum::Kind::kReal) {
        d = in.d;
      } else if (fam == TypeFamily::kString || fam == TypeFamily::kDecimal) {
        absl::string_view s = absl::StripAsciiWhitespace(in.s);
        if (!absl::SimpleAtod(s, &d)) {
          return SqlError(8114, 16,
                          absl::StrCat("Error converting data type ", from_name, " to float."));
        }
      } else {
        return SqlError(529, 16,
                        absl::StrCat("Explicit conversion from data type ", from_name,
                                     " to float is not allowed."));
      }
      if (to.id == TypeId::kReal) d = static_cast<float>(d);
      return Datum::Real(d);
    }
    case TypeFamily::kDecimal: {
      std::string text;
      if (in.kind == Datum::Kind::kInt) {
        text = absl::StrCat(in.i);
      } else if (in.kind == Datum::Kind::kReal) {
        text = FloatText(in.d, 3);
      } else if (fam == TypeFamily::kString || fam == TypeFamily::kDecimal) {
        text = in.s;
      } else {
        return SqlError(529, 16,
                        absl::StrCat("Explicit conversion from data type ", from_name, " to ",
                                     BaseTypeName(to.id), " is not allowed."));
      }
      auto norm = NormalizeDecimal(text, to.precision, to.scale, from_name);
      if (!norm.ok()) return norm.status();
      if (to.id == TypeId::kMoney || to.id == TypeId::kSmallMoney) {
        const char* limit = to.id == TypeId::kMoney ? "922337203685477.5807" : "214748.3647";
        std::string neg_limit = to.id == TypeId::kMoney ? "-922337203685477.5808" : "-214748.3648";
        if (CompareDecimalText(*norm, limit) > 0 || CompareDecimalText(*norm, neg_limit) < 0) {
          return SqlError(8115, 16,
                          absl::StrCat("Arithmetic overflow error converting ", from_name,
                                       " to data type ", BaseTypeName(to.id), "."));
        }
      }
      return Datum::Text(*std::move(norm));
    }
    case TypeFamily::kDate:
    case TypeFamily::kTime:
    case TypeFamily::kDateTime:
    case TypeFamily::kDateTimeOffset: {
      DateTimeParts p;
      if (fam == TypeFamily::kInt &&
          (to.id == TypeId::kDateTime || to.id == TypeId::kSmallDateTime)) {
        p.days = kDays1900 + in.i;
        return ToDateTimeStorage(p, to, from_name);
      }
      if (fam != TypeFamily::kString && fam != TypeFamily::kDate && fam != TypeFamily::kTime &&
          fam != TypeFamily::kDateTime && fam != TypeFamily::kDateTimeOffset) {
        return SqlError(529, 16,
                        absl::StrCat("Explicit conversion from data type ", from_name, " to ",
                                     BaseTypeName(to.id), " is not allowed."));
      }
      if (!ReadDateTime(in, from, &p)) {
        return SqlError(241, 16,
                        "Conversion failed when converting date and/or time from "
                        "character string.");
      }
      if (fam == TypeFamily::kTime && to.id != TypeId::kTime) p.days = kDays1900;
      return ToDateTimeStorage(p, to, from_name);
    }
    case TypeFamily::kString: {
      auto text_or = TextOf(in, from, fam, options.style, IsUnicode(to.id));
      if (!text_or.ok()) return text_or.status();
      std::string text = *std::move(text_or);
      bool unicode = IsUnicode(to.id);
      if (!unicode && (from == nullptr || IsUnicode(from->id) || fam != TypeFamily::kString)) {
        text = ToCodePage(text);
      }
      if (to.length > 0 && (to.id == TypeId::kChar || to.id == TypeId::kVarChar ||
                            to.id == TypeId::kNChar || to.id == TypeId::kNVarChar)) {
        int64_t len = unicode ? Utf16Length(text) : CharLength(text);
        if (len > to.length) {
          absl::string_view cut = CutChars(text, to.length, unicode);
          // Only trailing spaces may be cut silently on assignment.
          bool only_spaces = text.find_first_not_of(' ', cut.size()) == std::string::npos;
          if (options.assignment && !only_spaces) {
            return SqlError(
                2628, 16,
                absl::StrCat("String or binary data would be truncated in table '", options.table,
                             "', column '", options.column, "'. Truncated value: '", cut, "'."));
          }
          text.resize(cut.size());
          len = to.length;
        }
        if (to.id == TypeId::kChar || to.id == TypeId::kNChar) text.append(to.length - len, ' ');
      }
      return Datum::Text(std::move(text));
    }
    case TypeFamily::kBinary: {
      std::string bytes;
      if (fam == TypeFamily::kBinary) {
        bytes = in.s;
      } else if (fam == TypeFamily::kGuid) {
        bytes = GuidKeyToWire(in.s);
      } else if (fam == TypeFamily::kString) {
        if (options.style == 1 || options.style == 2) {
          absl::string_view s = in.s;
          if (options.style == 1) {
            if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
              return SqlError(
                  8114, 16,
                  absl::StrCat("Error converting data type ", from_name, " to varbinary."));
            }
            s.remove_prefix(2);
          }
          if (!Unhex(s, &bytes)) {
            return SqlError(
                8114, 16, absl::StrCat("Error converting data type ", from_name, " to varbinary."));
          }
        } else if (from != nullptr && IsUnicode(from->id)) {
          // nvarchar → bytes: UTF-16LE, BMP characters only.
          for (size_t i = 0; i < in.s.size();) {
            unsigned char c = static_cast<unsigned char>(in.s[i]);
            uint32_t cp = c;
            size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (n == 2 && i + 1 < in.s.size()) cp = ((c & 0x1F) << 6) | (in.s[i + 1] & 0x3F);
            if (n == 3 && i + 2 < in.s.size()) {
              cp = ((c & 0x0F) << 12) | ((in.s[i + 1] & 0x3F) << 6) | (in.s[i + 2] & 0x3F);
            }
            if (n == 4) cp = '?';
            bytes.push_back(static_cast<char>(cp & 0xFF));
            bytes.push_back(static_cast<char>(cp >> 8));
            i += n;
          }
        } else {
          bytes = in.s;
        }
      } else if (fam == TypeFamily::kInt) {
        int size = from == nullptr                                              ? 4
                   : from->id == TypeId::kBigInt                                ? 8
                   : from->id == TypeId::kSmallInt                              ? 2
                   : (from->id == TypeId::kTinyInt || from->id == TypeId::kBit) ? 1
                                                                                : 4;
        int64_t v = in.kind == Datum::Kind::kInt ? in.i : 0;
        for (int i = size - 1; i >= 0; --i)
          bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
      } else {
        return SqlError(529, 16,
                        absl::StrCat("Explicit conversion from data type ", from_name, " to ",
                                     BaseTypeName(to.id), " is not allowed."));
      }
      int64_t limit = to.id == TypeId::kRowVersion ? 8 : to.length;
      if (limit > 0 && static_cast<int64_t>(bytes.size()) > limit) {
        if (options.assignment) {
          return SqlError(
              2628, 16,
              absl::StrCat("String or binary data would be truncated in table '", options.table,
                           "', column '", options.column, "'. Truncated value: ''."));
        }
        bytes.resize(limit);
      }
      if (to.id == TypeId::kBinary && static_cast<int64_t>(bytes.size()) < to.length) {
        bytes.append(to.length - bytes.size(), '\0');
      }
      return Datum::Blob(std::move(bytes));
    }
    case TypeFamily::kGuid: {
      std::string wire;
      if (fam == TypeFamily::kGuid) return Datum::Blob(in.s);
      if (fam == TypeFamily::kBinary) {
        wire = in.s;
        wire.resize(16, '\0');
        return Datum::Blob(GuidWireToKey(wire));
      }
      if (fam == TypeFamily::kString) {
        if (!ParseGuidText(in.s, &wire)) {
          return SqlError(8169, 16,
                          "Conversion failed when converting from a character string "
                          "to uniqueidentifier.");
        }
        return Datum::Blob(GuidWireToKey(wire));
      }
      return SqlError(529, 16,
                      absl::StrCat("Explicit conversion from data type ", from_name,
                                   " to uniqueidentifier is not allowed."));
    }
  }
  return in;
}

void StoredTextToValue(const SqlType& t, const char* data, size_t size, Value* out) {
  absl::string_view s(data, size);
  switch (FamilyOf(t.id)) {
    case TypeFamily::kGuid:
      out->kind = Value::Kind::kBytes;
      out->bytes = size == 16 ? GuidKeyToWire(s) : std::string(s);
      return;
    case TypeFamily::kBinary:
      out->kind = Value::Kind::kBytes;
      out->bytes.assign(data, size);
      return;
    case TypeFamily::kDateTime:
    case TypeFamily::kTime: {
      // Stored with 7 digits; show the declared number.
      size_t dot = s.find('.');
      out->kind = Value::Kind::kText;
      if (dot == absl::string_view::npos) {
        out->bytes.assign(data, size);
        return;
      }
      if (t.id == TypeId::kDateTime) {
        DateTimeParts p;
        if (ParseDateTimeText(s, &p)) {
          int64_t ms = (p.ticks % 10000000 + 5000) / 10000;
          int64_t ticks = p.ticks / 10000000 * 10000000 + ms * 10000;
          int64_t days = p.days;
          if (ticks >= kTicksPerDay) {
            ticks -= kTicksPerDay;
            ++days;
          }
          std::string full = FormatStoredDateTime(days, ticks);
          out->bytes.assign(full.data(), 23);
          return;
        }
      }
      int digits = t.id == TypeId::kSmallDateTime ? 0 : t.scale;
      out->bytes.assign(data, digits == 0 ? dot : std::min(size, dot + 1 + digits));
      return;
    }
    case TypeFamily::kDateTimeOffset: {
      DateTimeParts p;
      out->kind = Value::Kind::kText;
      if (!ParseDateTimeText(s, &p)) {
        out->bytes.assign(data, size);
        return;
      }
      int64_t ticks = p.ticks + p.offset_minutes * 600000000LL, days = p.days;
      Normalize(&days, &ticks);
      std::string local = FormatStoredDateTimeOffset(days, ticks, p.offset_minutes);
      size_t dot = local.find('.');
      std::string shown = local.substr(0, t.scale == 0 ? dot : dot + 1 + t.scale);
      shown += local.substr(27);
      out->bytes = std::move(shown);
      return;
    }
    default:
      out->kind = Value::Kind::kText;
      out->bytes.assign(data, size);
      return;
  }
}

}  // namespace emulator
