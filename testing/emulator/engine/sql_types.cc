// Type names, catalog values, and the value primitives (dates, decimals,
// GUIDs, UTF-8 lengths). Conversions between types live in sql_convert.cc.
#include "testing/emulator/engine/sql_types.h"

#include <cstdio>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_error.h"

namespace emulator {
namespace {

struct TypeName {
  absl::string_view name;
  TypeId id;
};

constexpr TypeName kTypeNames[] = {
    {"bit", TypeId::kBit},
    {"tinyint", TypeId::kTinyInt},
    {"smallint", TypeId::kSmallInt},
    {"int", TypeId::kInt},
    {"integer", TypeId::kInt},
    {"bigint", TypeId::kBigInt},
    {"decimal", TypeId::kDecimal},
    {"dec", TypeId::kDecimal},
    {"numeric", TypeId::kNumeric},
    {"money", TypeId::kMoney},
    {"smallmoney", TypeId::kSmallMoney},
    {"real", TypeId::kReal},
    {"float", TypeId::kFloat},
    {"date", TypeId::kDate},
    {"time", TypeId::kTime},
    {"datetime", TypeId::kDateTime},
    {"smalldatetime", TypeId::kSmallDateTime},
    {"datetime2", TypeId::kDateTime2},
    {"datetimeoffset", TypeId::kDateTimeOffset},
    {"char", TypeId::kChar},
    {"character", TypeId::kChar},
    {"varchar", TypeId::kVarChar},
    {"nchar", TypeId::kNChar},
    {"nvarchar", TypeId::kNVarChar},
    {"sysname", TypeId::kNVarChar},
    {"text", TypeId::kText},
    {"ntext", TypeId::kNText},
    {"binary", TypeId::kBinary},
    {"varbinary", TypeId::kVarBinary},
    {"image", TypeId::kImage},
    {"uniqueidentifier", TypeId::kUniqueIdentifier},
    {"xml", TypeId::kXml},
    {"rowversion", TypeId::kRowVersion},
    {"timestamp", TypeId::kRowVersion},
};

bool ParseSmallInt(absl::string_view s, int* out) {
  return absl::SimpleAtoi(s, out) && *out >= 0 && *out <= 100000;
}

}  // namespace

TypeFamily FamilyOf(TypeId id) {
  switch (id) {
    case TypeId::kBit:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      return TypeFamily::kInt;
    case TypeId::kDecimal:
    case TypeId::kNumeric:
    case TypeId::kMoney:
    case TypeId::kSmallMoney:
      return TypeFamily::kDecimal;
    case TypeId::kReal:
    case TypeId::kFloat:
      return TypeFamily::kFloat;
    case TypeId::kDate:
      return TypeFamily::kDate;
    case TypeId::kTime:
      return TypeFamily::kTime;
    case TypeId::kDateTime:
    case TypeId::kSmallDateTime:
    case TypeId::kDateTime2:
      return TypeFamily::kDateTime;
    case TypeId::kDateTimeOffset:
      return TypeFamily::kDateTimeOffset;
    case TypeId::kBinary:
    case TypeId::kVarBinary:
    case TypeId::kImage:
    case TypeId::kRowVersion:
      return TypeFamily::kBinary;
    case TypeId::kUniqueIdentifier:
      return TypeFamily::kGuid;
    default:
      return TypeFamily::kString;
  }
}

bool IsUnicode(TypeId id) {
  return id == TypeId::kNChar || id == TypeId::kNVarChar || id == TypeId::kNText ||
         id == TypeId::kXml;
}

bool IsMaxOrLob(const SqlType& t) {
  switch (t.id) {
    case TypeId::kText:
    case TypeId::kNText:
    case TypeId::kImage:
    case TypeId::kXml:
      return true;
    case TypeId::kVarChar:
    case TypeId::kNVarChar:
    case TypeId::kVarBinary:
      return t.length == SqlType::kMaxLength;
    default:
      return false;
  }
}

absl::string_view BaseTypeName(TypeId id) {
  if (id == TypeId::kRowVersion) return "timestamp";
  for (const TypeName& n : kTypeNames) {
    if (n.id == id) return n.name;
  }
  return "int";
}

std::string TypeToString(const SqlType& t) {
  std::string name(BaseTypeName(t.id));
  switch (t.id) {
    case TypeId::kDecimal:
    case TypeId::kNumeric:
      return absl::StrCat(name, "(", t.precision, ",", t.scale, ")");
    case TypeId::kTime:
    case TypeId::kDateTime2:
    case TypeId::kDateTimeOffset:
      return absl::StrCat(name, "(", t.scale, ")");
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kNChar:
    case TypeId::kNVarChar:
    case TypeId::kBinary:
    case TypeId::kVarBinary:
      if (t.length == SqlType::kMaxLength) return absl::StrCat(name, "(max)");
      return absl::StrCat(name, "(", t.length, ")");
    default:
      return name;
  }
}

absl::StatusOr<SqlType> MakeSqlType(absl::string_view name, const std::vector<std::string>& args,
                                    bool for_cast) {
  std::string lower = absl::AsciiStrToLower(name);
  const TypeName* found = nullptr;
  for (const TypeName& n : kTypeNames) {
    if (n.name == lower) found = &n;
  }
  if (found == nullptr) {
    return SqlError(
        2715, 16,
        absl::StrCat("Column, parameter, or variable #1: Cannot find data type ", name, "."));
  }
  SqlType t;
  t.id = found->id;
  auto bad = [&]() {
    return SqlError(102, 15, absl::StrCat("Incorrect syntax near '", name, "'."));
  };
  switch (t.id) {
    case TypeId::kDecimal:
    case TypeId::kNumeric: {
      t.precision = 18;
      t.scale = 0;
      if (args.size() > 2) return bad();
      if (!args.empty() && !ParseSmallInt(args[0], &t.precision)) return bad();
      if (args.size() == 2 && !ParseSmallInt(args[1], &t.scale)) return bad();
      if (t.precision < 1 || t.precision > 38) {
        return SqlError(2750, 16,
                        absl::StrCat("Column or parameter #1: Specified column precision ",
                                     t.precision, " is greater than the maximum precision of 38."));
      }
      if (t.scale > t.precision) {
        return SqlError(
            2751, 16,
            absl::StrCat("Column or parameter #1: Specified column scale ", t.scale,
                         " is greater than the specified precision of ", t.precision, "."));
      }
      return t;
    }
    case TypeId::kMoney:
      t.precision = 19;
      t.scale = 4;
      return t;
    case TypeId::kSmallMoney:
      t.precision = 10;
      t.scale = 4;
      return t;
    case TypeId::kTime:
    case TypeId::kDateTime2:
    case TypeId::kDateTimeOffset:
      t.scale = 7;
      if (args.size() > 1) return bad();
      if (!args.empty() && (!ParseSmallInt(args[0], &t.scale) || t.scale > 7)) {
        return SqlError(1002, 15,
                        absl::StrCat("Line 1: Specified scale ", args[0], " is invalid."));
      }
      return t;
    case TypeId::kFloat: {
      if (args.size() == 1) {
        int n = 0;
        if (!ParseSmallInt(args[0], &n) || n < 1 || n > 53) return bad();
        if (n <= 24) t.id = TypeId::kReal;
      } else if (!args.empty()) {
        return bad();
      }
      return t;
    }
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kNChar:
    case TypeId::kNVarChar:
    case TypeId::kBinary:
    case TypeId::kVarBinary: {
      if (lower == "sysname") {
        if (!args.empty()) return bad();
        t.length = 128;
        return t;
      }
      t.length = for_cast ? 30 : 1;
      if (args.size() > 1) return bad();
      if (!args.empty()) {
        if (absl::AsciiStrToLower(args[0]) == "max") {
          if (t.id == TypeId::kChar || t.id == TypeId::kNChar || t.id == TypeId::kBinary) {
            return bad();
          }
          t.length = SqlType::kMaxLength;
        } else {
          if (!ParseSmallInt(args[0], &t.length) || t.length < 1) return bad();
          int limit = (t.id == TypeId::kNChar || t.id == TypeId::kNVarChar) ? 4000 : 8000;
          if (t.length > limit) {
            return SqlError(2717, 16,
                            absl::StrCat("The size (", t.length, ") given to the type '", lower,
                                         "' exceeds the maximum allowed (", limit, ")."));
          }
        }
      }
      return t;
    }
    default:
      if (!args.empty()) return bad();
      return t;
  }
}

absl::StatusOr<SqlType> ParseTypeString(absl::string_view text) {
  size_t open = text.find('(');
  std::vector<std::string> args;
  absl::string_view name = text;
  if (open != absl::string_view::npos) {
    name = text.substr(0, open);
    size_t close = text.find(')', open);
    if (close == absl::string_view::npos) return SyntaxErrorNear(text);
    absl::string_view inner = text.substr(open + 1, close - open - 1);
    size_t comma = inner.find(',');
    if (comma == absl::string_view::npos) {
      args.emplace_back(absl::StripAsciiWhitespace(inner));
    } else {
      args.emplace_back(absl::StripAsciiWhitespace(inner.substr(0, comma)));
      args.emplace_back(absl::StripAsciiWhitespace(inner.substr(comma + 1)));
    }
  }
  return MakeSqlType(absl::StripAsciiWhitespace(name), args, /*for_cast=*/true);
}

int SystemTypeId(TypeId id) {
  switch (id) {
    case TypeId::kBit:
      return 104;
    case TypeId::kTinyInt:
      return 48;
    case TypeId::kSmallInt:
      return 52;
    case TypeId::kInt:
      return 56;
    case TypeId::kBigInt:
      return 127;
    case TypeId::kDecimal:
      return 106;
    case TypeId::kNumeric:
      return 108;
    case TypeId::kMoney:
      return 60;
    case TypeId::kSmallMoney:
      return 122;
    case TypeId::kReal:
      return 59;
    case TypeId::kFloat:
      return 62;
    case TypeId::kDate:
      return 40;
    case TypeId::kTime:
      return 41;
    case TypeId::kDateTime:
      return 61;
    case TypeId::kSmallDateTime:
      return 58;
    case TypeId::kDateTime2:
      return 42;
    case TypeId::kDateTimeOffset:
      return 43;
    case TypeId::kChar:
      return 175;
    case TypeId::kVarChar:
      return 167;
    case TypeId::kNChar:
      return 239;
    case TypeId::kNVarChar:
      return 231;
    case TypeId::kText:
      return 35;
    case TypeId::kNText:
      return 99;
    case TypeId::kBinary:
      return 173;
    case TypeId::kVarBinary:
      return 165;
    case TypeId::kImage:
      return 34;
    case TypeId::kUniqueIdentifier:
      return 36;
    case TypeId::kXml:
      return 241;
    case TypeId::kRowVersion:
      return 189;
  }
  return 56;
}

int CatalogMaxLength(const SqlType& t) {
  switch (t.id) {
    case TypeId::kBit:
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInt:
    case TypeId::kReal:
    case TypeId::kSmallMoney:
    case TypeId::kSmallDateTime:
      return 4;
    case TypeId::kBigInt:
    case TypeId::kFloat:
    case TypeId::kMoney:
    case TypeId::kDateTime:
    case TypeId::kRowVersion:
      return 8;
    case TypeId::kDecimal:
    case TypeId::kNumeric:
      return t.precision <= 9 ? 5 : t.precision <= 19 ? 9 : t.precision <= 28 ? 13 : 17;
    case TypeId::kDate:
      return 3;
    case TypeId::kTime:
      return t.scale <= 2 ? 3 : t.scale <= 4 ? 4 : 5;
    case TypeId::kDateTime2:
      return t.scale <= 2 ? 6 : t.scale <= 4 ? 7 : 8;
    case TypeId::kDateTimeOffset:
      return t.scale <= 2 ? 8 : t.scale <= 4 ? 9 : 10;
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kBinary:
    case TypeId::kVarBinary:
      return t.length == SqlType::kMaxLength ? -1 : t.length;
    case TypeId::kNChar:
    case TypeId::kNVarChar:
      return t.length == SqlType::kMaxLength ? -1 : 2 * t.length;
    case TypeId::kText:
    case TypeId::kNText:
    case TypeId::kImage:
    case TypeId::kUniqueIdentifier:
      return 16;
    case TypeId::kXml:
      return -1;
  }
  return 0;
}

int CatalogPrecision(const SqlType& t) {
  switch (t.id) {
    case TypeId::kBit:
      return 1;
    case TypeId::kTinyInt:
      return 3;
    case TypeId::kSmallInt:
      return 5;
    case TypeId::kInt:
      return 10;
    case TypeId::kBigInt:
      return 19;
    case TypeId::kReal:
      return 24;
    case TypeId::kFloat:
      return 53;
    case TypeId::kMoney:
      return 19;
    case TypeId::kSmallMoney:
      return 10;
    case TypeId::kDecimal:
    case TypeId::kNumeric:
      return t.precision;
    case TypeId::kDateTime:
      return 23;
    case TypeId::kSmallDateTime:
      return 16;
    case TypeId::kDate:
      return 10;
    case TypeId::kTime:
      return t.scale == 0 ? 8 : 9 + t.scale;
    case TypeId::kDateTime2:
      return t.scale == 0 ? 19 : 20 + t.scale;
    case TypeId::kDateTimeOffset:
      return t.scale == 0 ? 26 : 27 + t.scale;
    default:
      return 0;
  }
}

int CatalogScale(const SqlType& t) {
  switch (t.id) {
    case TypeId::kMoney:
    case TypeId::kSmallMoney:
      return 4;
    case TypeId::kDecimal:
    case TypeId::kNumeric:
      return t.scale;
    case TypeId::kDateTime:
      return 3;
    case TypeId::kTime:
    case TypeId::kDateTime2:
    case TypeId::kDateTimeOffset:
      return t.scale;
    default:
      return 0;
  }
}

int TypePrecedence(TypeId id) {
  switch (id) {
    case TypeId::kXml:
      return 28;
    case TypeId::kDateTimeOffset:
      return 27;
    case TypeId::kDateTime2:
      return 26;
    case TypeId::kDateTime:
      return 25;
    case TypeId::kSmallDateTime:
      return 24;
    case TypeId::kDate:
      return 23;
    case TypeId::kTime:
      return 22;
    case TypeId::kFloat:
      return 21;
    case TypeId::kReal:
      return 20;
    case TypeId::kDecimal:
    case TypeId::kNumeric:
      return 19;
    case TypeId::kMoney:
      return 18;
    case TypeId::kSmallMoney:
      return 17;
    case TypeId::kBigInt:
      return 16;
    case TypeId::kInt:
      return 15;
    case TypeId::kSmallInt:
      return 14;
    case TypeId::kTinyInt:
      return 13;
    case TypeId::kBit:
      return 12;
    case TypeId::kNText:
      return 11;
    case TypeId::kText:
      return 10;
    case TypeId::kImage:
      return 9;
    case TypeId::kRowVersion:
      return 8;
    case TypeId::kUniqueIdentifier:
      return 7;
    case TypeId::kNVarChar:
      return 6;
    case TypeId::kNChar:
      return 5;
    case TypeId::kVarChar:
      return 4;
    case TypeId::kChar:
      return 3;
    case TypeId::kVarBinary:
      return 2;
    case TypeId::kBinary:
      return 1;
  }
  return 0;
}

// ---- dates ----------------------------------------------------------------

// Days since 0001-01-01 in the proleptic Gregorian calendar (H. Hinnant's
// civil-calendar arithmetic, shifted to SQL Server's epoch for datetime2).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t unix_days = era * 146097 + static_cast<int64_t>(doe) - 719468;
  return unix_days + 719162;  // 0001-01-01 is 719162 days before 1970-01-01
}

void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d) {
  int64_t z = days - 719162 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

namespace {

bool Digits(absl::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  int limit = kDays[m - 1];
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) limit = 29;
  return d <= limit;
}

// Parses "HH:MM[:SS[.fffffff]]" at `pos`; advances pos.
bool ParseTimePart(absl::string_view s, size_t* pos, int64_t* ticks) {
  int h = 0, mi = 0, sec = 0;
  size_t p = *pos;
  size_t hl = (p + 1 < s.size() && s[p + 1] == ':') ? 1 : 2;
  if (!Digits(s, p, hl, &h)) return false;
  p += hl;
  if (p >= s.size() || s[p] != ':' || !Digits(s, p + 1, 2, &mi)) return false;
  p += 3;
  int64_t frac = 0;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, &sec)) return false;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      ++p;
      int ndig = 0;
      int64_t scale = 1000000;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (ndig < 7) {
          frac += (s[p] - '0') * scale;
          scale /= 10;
        }
        ++ndig;
        ++p;
      }
      if (ndig == 0 || ndig > 7) return false;
    }
  }
  // "AM"/"PM" suffixes are accepted for the common 12-hour forms.
  size_t q = p;
  while (q < s.size() && s[q] == ' ') ++q;
  if (q + 1 < s.size() && (s[q + 1] == 'M' || s[q + 1] == 'm') &&
      (s[q] == 'A' || s[q] == 'a' || s[q] == 'P' || s[q] == 'p')) {
    if (h < 1 || h > 12) return false;
    bool pm = s[q] == 'P' || s[q] == 'p';
    if (h == 12) h = 0;
    if (pm) h += 12;
    p = q + 2;
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *ticks = ((h * 60LL + mi) * 60 + sec) * 10000000LL + frac;
  *pos = p;
  return true;
}

}  // namespace

bool ParseDateTimeText(absl::string_view s, DateTimeParts* out) {
  s = absl::StripAsciiWhitespace(s);
  *out = DateTimeParts();
  size_t p = 0;
  int y = 1900, m = 1, d = 1;
  bool has_date = false;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m) || !Digits(s, 8, 2, &d)) return false;
    p = 10;
    has_date = true;
  } else if (s.size() >= 8 && Digits(s, 0, 8, &y) &&
             (s.size() == 8 || s[8] == ' ' || s[8] == 'T')) {
    Digits(s, 0, 4, &y);
    Digits(s, 4, 2, &m);
    Digits(s, 6, 2, &d);
    p = 8;
    has_date = true;
  } else if (s.size() >= 8 && (s[1] == '/' || s[2] == '/')) {
    // mdy, the us_english default DATEFORMAT.
    size_t a = s.find('/');
    size_t b = s.find('/', a + 1);
    if (b == absl::string_view::npos || !absl::SimpleAtoi(s.substr(0, a), &m) ||
        !absl::SimpleAtoi(s.substr(a + 1, b - a - 1), &d)) {
      return false;
    }
    size_t e = b + 1;
    while (e < s.size() && s[e] >= '0' && s[e] <= '9') ++e;
    if (e - b - 1 != 4 || !Digits(s, b + 1, 4, &y)) return false;
    p = e;
    has_date = true;
  }
  if (has_date && !ValidDate(y, m, d)) return false;
  out->days = DaysFromCivil(y, m, d);
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    ++p;
    while (p < s.size() && s[p] == ' ') ++p;
  } else if (has_date && p < s.size()) {
    return false;
  }
  if (p < s.size() && s[p] >= '0' && s[p] <= '9') {
    if (!ParseTimePart(s, &p, &out->ticks)) return false;
  } else if (!has_date) {
    return false;
  }
  while (p < s.size() && s[p] == ' ') ++p;
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      out->has_offset = true;
      ++p;
    } else if (s[p] == '+' || s[p] == '-') {
      int oh = 0, om = 0;
      if (!Digits(s, p + 1, 2, &oh) || p + 3 >= s.size() || s[p + 3] != ':' ||
          !Digits(s, p + 4, 2, &om) || oh > 14 || om > 59 || (oh == 14 && om != 0)) {
        return false;
      }
      out->offset_minutes = (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
      out->has_offset = true;
      p += 6;
    }
  }
  return p == s.size();
}

std::string FormatStoredDateTime(int64_t days, int64_t ticks) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t secs = ticks / 10000000;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u %02d:%02d:%02d.%07d", static_cast<int>(y), m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60), static_cast<int>(ticks % 10000000));
  return buf;
}

std::string FormatStoredDateTimeOffset(int64_t utc_days, int64_t utc_ticks, int offset) {
  std::string out = FormatStoredDateTime(utc_days, utc_ticks);
  char buf[16];
  int a = offset < 0 ? -offset : offset;
  std::snprintf(buf, sizeof(buf), " %c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
  out += buf;
  return out;
}

// ---- decimals --------------------------------------------------------------

absl::StatusOr<std::string> NormalizeDecimal(absl::string_view text, int precision, int scale,
                                             absl::string_view from_type_name) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  auto syntax = [&]() {
    return SqlError(8114, 16,
                    absl::StrCat("Error converting data type ", from_type_name, " to numeric."));
  };
  bool negative = false;
  size_t p = 0;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) negative = s[p++] == '-';
  std::string digits;  // all significant digits
  int point = -1;      // digits before the decimal point
  bool any = false;
  for (; p < s.size(); ++p) {
    char c = s[p];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      any = true;
    } else if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else {
      break;
    }
  }
  if (point < 0) point = static_cast<int>(digits.size());
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    int exp = 0;
    if (!absl::SimpleAtoi(s.substr(p + 1), &exp) || exp > 400 || exp < -400) return syntax();
    point += exp;
    p = s.size();
  }
  if (!any || p != s.size()) return syntax();
  // Align: integer part = digits[0, point), fraction = rest (padded).
  while (point < 0) {
    digits.insert(digits.begin(), '0');
    ++point;
  }
  while (static_cast<int>(digits.size()) < point) digits.push_back('0');
  std::string int_part = digits.substr(0, point);
  std::string frac = digits.substr(point);
  bool round_up = static_cast<int>(frac.size()) > scale && frac[scale] >= '5';
  if (static_cast<int>(frac.size()) > scale) frac.resize(scale);
  while (static_cast<int>(frac.size()) < scale) frac.push_back('0');
  std::string all = int_part + frac;
  if (round_up) {
    int i = static_cast<int>(all.size()) - 1;
    for (; i >= 0; --i) {
      if (all[i] == '9') {
        all[i] = '0';
      } else {
        ++all[i];
        break;
      }
    }
    if (i < 0) all.insert(all.begin(), '1');
  }
  int int_len = static_cast<int>(all.size()) - scale;
  std::string ip = all.substr(0, int_len);
  size_t nz = ip.find_first_not_of('0');
  ip = nz == std::string::npos ? "" : ip.substr(nz);
  if (static_cast<int>(ip.size()) > precision - scale) {
    return SqlError(8115, 16,
                    absl::StrCat("Arithmetic overflow error converting ", from_type_name,
                                 " to data type numeric."));
  }
  std::string fp = all.substr(int_len);
  bool zero = ip.empty() && fp.find_first_not_of('0') == std::string::npos;
  std::string out;
  if (negative && !zero) out.push_back('-');
  out += ip.empty() ? "0" : ip;
  if (scale > 0) {
    out.push_back('.');
    out += fp;
  }
  return out;
}

namespace {

struct DecimalView {
  bool valid = false;
  bool negative = false;
  absl::string_view int_digits;   // no leading zeros
  absl::string_view frac_digits;  // no trailing zeros
};

DecimalView ViewDecimal(absl::string_view s) {
  DecimalView v;
  size_t p = 0;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) v.negative = s[p++] == '-';
  size_t int_start = p;
  while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
  size_t int_end = p;
  size_t frac_start = p, frac_end = p;
  if (p < s.size() && s[p] == '.') {
    frac_start = ++p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    frac_end = p;
  }
  if (p != s.size() || (int_end == int_start && frac_end == frac_start)) return v;
  while (int_start < int_end && s[int_start] == '0') ++int_start;
  while (frac_end > frac_start && s[frac_end - 1] == '0') --frac_end;
  v.int_digits = s.substr(int_start, int_end - int_start);
  v.frac_digits = s.substr(frac_start, frac_end - frac_start);
  v.valid = true;
  if (v.int_digits.empty() && v.frac_digits.empty()) v.negative = false;
  return v;
}

int CompareMagnitude(const DecimalView& a, const DecimalView& b) {
  if (a.int_digits.size() != b.int_digits.size()) {
    return a.int_digits.size() < b.int_digits.size() ? -1 : 1;
  }
  int c = a.int_digits.compare(b.int_digits);
  if (c != 0) return c < 0 ? -1 : 1;
  c = a.frac_digits.compare(b.frac_digits);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

int CompareDecimalText(absl::string_view a, absl::string_view b) {
  DecimalView va = ViewDecimal(a);
  DecimalView vb = ViewDecimal(b);
  if (!va.valid || !vb.valid) {
    if (va.valid != vb.valid) return va.valid ? -1 : 1;
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (va.negative != vb.negative) return va.negative ? -1 : 1;
  int c = CompareMagnitude(va, vb);
  return va.negative ? -c : c;
}

// ---- GUIDs -----------------------------------------------------------------

namespace {
constexpr int kGuidOrder[16] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string GuidWireToKey(absl::string_view wire) {
  std::string key(16, '\0');
  if (wire.size() != 16) return std::string(wire);
  for (int i = 0; i < 16; ++i) key[i] = wire[kGuidOrder[i]];
  return key;
}

std::string GuidKeyToWire(absl::string_view key) {
  std::string wire(16, '\0');
  if (key.size() != 16) return std::string(key);
  for (int i = 0; i < 16; ++i) wire[kGuidOrder[i]] = key[i];
  return wire;
}

bool ParseGuidText(absl::string_view s, std::string* wire) {
  s = absl::StripAsciiWhitespace(s);
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
    return false;
  }
  unsigned char display[16];
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-') continue;
    int hi = HexValue(s[i]), lo = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
    if (hi < 0 || lo < 0) return false;
    display[n++] = static_cast<unsigned char>(hi * 16 + lo);
    ++i;
  }
  if (n != 16) return false;
  wire->assign(16, '\0');
  static constexpr int kWireFromDisplay[16] = {3, 2, 1,  0,  5,  4,  7,  6,
                                               8, 9, 10, 11, 12, 13, 14, 15};
  for (int i = 0; i < 16; ++i) (*wire)[i] = static_cast<char>(display[kWireFromDisplay[i]]);
  return true;
}

std::string FormatGuidWire(absl::string_view w) {
  if (w.size() != 16) return "";
  static constexpr int kDisplay[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    unsigned char b = static_cast<unsigned char>(w[kDisplay[i]]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// ---- UTF-8 -----------------------------------------------------------------

int64_t CharLength(absl::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

int64_t Utf16Length(absl::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

}  // namespace emulator
