#include "testing/emulator/engine/sql_functions.h"

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <ctime>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/sqlite_util.h"
#include "testing/emulator/engine/tsql_lexer.h"

namespace emulator {
namespace {

FunctionEnv* Env(sqlite3_context* ctx) { return static_cast<FunctionEnv*>(sqlite3_user_data(ctx)); }

void Fail(sqlite3_context* ctx, const absl::Status& status) {
  std::string msg = EncodeForSqlite(status);
  sqlite3_result_error(ctx, msg.c_str(), static_cast<int>(msg.size()));
}

absl::string_view TextArg(sqlite3_value* v) {
  const unsigned char* p = sqlite3_value_text(v);
  return p == nullptr ? absl::string_view()
                      : absl::string_view(reinterpret_cast<const char*>(p), sqlite3_value_bytes(v));
}

void ResultDatum(sqlite3_context* ctx, const Datum& d) {
  switch (d.kind) {
    case Datum::Kind::kNull:
      sqlite3_result_null(ctx);
      break;
    case Datum::Kind::kInt:
      sqlite3_result_int64(ctx, d.i);
      break;
    case Datum::Kind::kReal:
      sqlite3_result_double(ctx, d.d);
      break;
    case Datum::Kind::kText:
      sqlite3_result_text64(ctx, d.s.data(), d.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case Datum::Kind::kBlob:
      sqlite3_result_blob64(ctx, d.s.data(), d.s.size(), SQLITE_TRANSIENT);
      break;
  }
}

// A type-name argument, parsed once per statement (cached as aux data).
const SqlType* TypeArg(sqlite3_context* ctx, sqlite3_value** argv, int i) {
  auto* cached = static_cast<SqlType*>(sqlite3_get_auxdata(ctx, i));
  if (cached != nullptr) return cached;
  absl::string_view text = TextArg(argv[i]);
  if (text.empty()) return nullptr;
  auto parsed = ParseTypeString(text);
  if (!parsed.ok()) return nullptr;
  auto* t = new SqlType(*parsed);
  sqlite3_set_auxdata(ctx, i, t, [](void* p) { delete static_cast<SqlType*>(p); });
  return static_cast<SqlType*>(sqlite3_get_auxdata(ctx, i));
}

// _ms_cvt(x, from, to, style) / _ms_trycvt / _ms_store(x, from, to, table, column)
void Convert(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool try_mode, bool store) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const SqlType* from = TypeArg(ctx, argv, 1);
  const SqlType* to = TypeArg(ctx, argv, 2);
  if (to == nullptr) {
    sqlite3_result_error(ctx, "bad conversion target", -1);
    return;
  }
  ConvertOptions options;
  if (store) {
    options.assignment = true;
    options.table = TextArg(argv[3]);
    options.column = TextArg(argv[4]);
  } else if (argc > 3) {
    options.style = sqlite3_value_int(argv[3]);
  }
  auto out = ConvertDatum(ValueDatum(argv[0]), from, *to, options);
  if (!out.ok()) {
    if (try_mode) {
      sqlite3_result_null(ctx);
    } else {
      Fail(ctx, out.status());
    }
    return;
  }
  ResultDatum(ctx, *out);
}

void Cvt(sqlite3_context* c, int n, sqlite3_value** v) { Convert(c, n, v, false, false); }
void TryCvt(sqlite3_context* c, int n, sqlite3_value** v) { Convert(c, n, v, true, false); }
void Store(sqlite3_context* c, int n, sqlite3_value** v) { Convert(c, n, v, false, true); }

double AsDouble(sqlite3_value* v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    double d = 0;
    if (absl::SimpleAtod(TextArg(v), &d)) return d;
  }
  return sqlite3_value_double(v);
}

void DivMod(sqlite3_context* ctx, sqlite3_value** argv, bool mod) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  bool ints = sqlite3_value_type(argv[0]) == SQLITE_INTEGER &&
              sqlite3_value_type(argv[1]) == SQLITE_INTEGER;
  if (ints) {
    int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
    if (b == 0) return Fail(ctx, SqlError(8134, 16, "Divide by zero error encountered."));
    if (b == -1) {
      sqlite3_result_int64(ctx, mod ? 0 : -a);
      return;
    }
    sqlite3_result_int64(ctx, mod ? a % b : a / b);
    return;
  }
  double a = AsDouble(argv[0]), b = AsDouble(argv[1]);
  if (b == 0) return Fail(ctx, SqlError(8134, 16, "Divide by zero error encountered."));
  sqlite3_result_double(ctx, mod ? std::fmod(a, b) : a / b);
}
void Div(sqlite3_context* c, int, sqlite3_value** v) { DivMod(c, v, false); }
void Mod(sqlite3_context* c, int, sqlite3_value** v) { DivMod(c, v, true); }

// Splits UTF-8 into code-point byte offsets.
std::vector<size_t> CharStarts(absl::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  return out;
}

void Len(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
    sqlite3_result_int(ctx, sqlite3_value_bytes(argv[0]));
    return;
  }
  absl::string_view s = TextArg(argv[0]);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  sqlite3_result_int64(ctx, Utf16Length(s));
}

void DataLength(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int type = sqlite3_value_type(argv[0]);
  if (type == SQLITE_NULL) return sqlite3_result_null(ctx);
  const SqlType* t = TypeArg(ctx, argv, 1);
  if (t != nullptr) {
    TypeFamily f = FamilyOf(t->id);
    if (f == TypeFamily::kInt || f == TypeFamily::kFloat || f == TypeFamily::kGuid ||
        f == TypeFamily::kDecimal || f == TypeFamily::kDate || f == TypeFamily::kTime ||
        f == TypeFamily::kDateTime || f == TypeFamily::kDateTimeOffset) {
      if (t->id != TypeId::kDecimal && t->id != TypeId::kNumeric) {
        int size = CatalogMaxLength(*t);
        sqlite3_result_int(ctx, size);
        return;
      }
    }
    if (f == TypeFamily::kString) {
      absl::string_view s = TextArg(argv[0]);
      sqlite3_result_int64(ctx, IsUnicode(t->id) ? 2 * Utf16Length(s) : CharLength(s));
      return;
    }
  }
  if (type == SQLITE_TEXT) {
    sqlite3_result_int64(ctx, CharLength(TextArg(argv[0])));
    return;
  }
  sqlite3_result_int(ctx, sqlite3_value_bytes(argv[0]));
}

void Case(sqlite3_context* ctx, sqlite3_value** argv, bool upper) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string s(TextArg(argv[0]));
  for (char& c : s) c = upper ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
  sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}
void Upper(sqlite3_context* c, int, sqlite3_value** v) { Case(c, v, true); }
void Lower(sqlite3_context* c, int, sqlite3_value** v) { Case(c, v, false); }

void Reverse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  absl::string_view s = TextArg(argv[0]);
  std::vector<size_t> starts = CharStarts(s);
  std::string out;
  for (size_t k = starts.size(); k-- > 0;) {
    size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
    out.append(s.data() + starts[k], end - starts[k]);
  }
  sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// SUBSTRING(s, start, length) with T-SQL's handling of start < 1.
void Substring(sqlite3_context* ctx, int, sqlite3_value** argv) {
  for (int i = 0; i < 3; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  }
  int64_t start = sqlite3_value_int64(argv[1]), len = sqlite3_value_int64(argv[2]);
  if (len < 0) {
    return Fail(ctx, SqlError(537, 16,
                              "Invalid length parameter passed to the LEFT or SUBSTRING "
                              "function."));
  }
  int64_t first = std::max<int64_t>(start, 1), last = start + len;  // [first, last)
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
    absl::string_view b(static_cast<const char*>(sqlite3_value_blob(argv[0])),
                        sqlite3_value_bytes(argv[0]));
    int64_t n = static_cast<int64_t>(b.size());
    int64_t a = std::min(first - 1, n), e = std::min(std::max(last - 1, a), n);
    sqlite3_result_blob64(ctx, b.data() + a, e - a, SQLITE_TRANSIENT);
    return;
  }
  absl::string_view s = TextArg(argv[0]);
  std::vector<size_t> starts = CharStarts(s);
  int64_t n = static_cast<int64_t>(starts.size());
  int64_t a = std::min(first - 1, n), e = std::min(std::max(last - 1, a), n);
  size_t ba = a < n ? starts[a] : s.size(), be = e < n ? starts[e] : s.size();
  sqlite3_result_text64(ctx, s.data() + ba, be - ba, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Right(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(ctx);
  }
  absl::string_view s = TextArg(argv[0]);
  std::vector<size_t> starts = CharStarts(s);
  int64_t n = sqlite3_value_int64(argv[1]);
  if (n < 0) {
    return Fail(ctx, SqlError(536, 16, "Invalid length parameter passed to the right function."));
  }
  size_t k = n >= static_cast<int64_t>(starts.size()) ? 0 : starts.size() - n;
  size_t b = k < starts.size() ? starts[k] : s.size();
  sqlite3_result_text64(ctx, s.data() + b, s.size() - b, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Replicate(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(ctx);
  }
  int64_t n = sqlite3_value_int64(argv[1]);
  if (n < 0) return sqlite3_result_null(ctx);
  absl::string_view s = TextArg(argv[0]);
  if (s.size() * n > 100 * 1024 * 1024) return sqlite3_result_error_toobig(ctx);
  std::string out;
  out.reserve(s.size() * n);
  for (int64_t i = 0; i < n; ++i) out.append(s.data(), s.size());
  sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void CharIndex(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(ctx);
  }
  std::string needle = absl::AsciiStrToLower(TextArg(argv[0]));
  std::string hay = absl::AsciiStrToLower(TextArg(argv[1]));
  int64_t start = argc > 2 ? std::max<int64_t>(1, sqlite3_value_int64(argv[2])) : 1;
  std::vector<size_t> starts = CharStarts(hay);
  if (needle.empty() || start > static_cast<int64_t>(starts.size())) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  size_t pos = hay.find(needle, starts[start - 1]);
  if (pos == std::string::npos) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  sqlite3_result_int64(ctx, CharLength(absl::string_view(hay).substr(0, pos)) + 1);
}

void QuoteName(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  absl::string_view s = TextArg(argv[0]);
  absl::string_view q = argc > 1 ? TextArg(argv[1]) : "[";
  if (Utf16Length(s) > 128 || q.size() != 1) return sqlite3_result_null(ctx);
  char open = q[0], close;
  switch (open) {
    case '[':
    case ']':
      open = '[';
      close = ']';
      break;
    case '"':
      close = '"';
      break;
    case '\'':
      close = '\'';
      break;
    case '(':
    case ')':
      open = '(';
      close = ')';
      break;
    case '<':
    case '>':
      open = '<';
      close = '>';
      break;
    case '{':
    case '}':
      open = '{';
      close = '}';
      break;
    case '`':
      close = '`';
      break;
    default:
      return sqlite3_result_null(ctx);
  }
  std::string out(1, open);
  for (char c : s) {
    out.push_back(c);
    if (c == close) out.push_back(c);
  }
  out.push_back(close);
  sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Round(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  int n = sqlite3_value_int(argv[1]);
  bool truncate = argc > 2 && sqlite3_value_int(argv[2]) != 0;
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    // Exact decimal rounding that keeps the input's scale, as SQL Server.
    std::string s(TextArg(argv[0]));
    size_t dot = s.find('.');
    int scale = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
    if (n >= 0 && n < scale && !truncate) {
      auto r = NormalizeDecimal(s, 38, n, "numeric");
      if (r.ok()) {
        std::string out = *r;
        if (n == 0 && scale > 0) out += ".";
        out.append(scale - n, '0');
        sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        return;
      }
    }
  }
  double v = AsDouble(argv[0]), p = std::pow(10.0, n);
  double r = truncate ? std::trunc(v * p) / p : std::round(v * p) / p;
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
    sqlite3_result_int64(ctx, static_cast<int64_t>(r));
  } else {
    sqlite3_result_double(ctx, r);
  }
}

void FloorCeil(sqlite3_context* ctx, sqlite3_value** argv, int which) {
  int t = sqlite3_value_type(argv[0]);
  if (t == SQLITE_NULL) return sqlite3_result_null(ctx);
  if (t == SQLITE_INTEGER) {
    int64_t v = sqlite3_value_int64(argv[0]);
    sqlite3_result_int64(ctx, which == 2 ? (v > 0) - (v < 0) : v);
    return;
  }
  double v = AsDouble(argv[0]);
  double r = which == 0 ? std::floor(v) : which == 1 ? std::ceil(v) : (v > 0) - (v < 0);
  sqlite3_result_double(ctx, r);
}
void Floor(sqlite3_context* c, int, sqlite3_value** v) { FloorCeil(c, v, 0); }
void Ceiling(sqlite3_context* c, int, sqlite3_value** v) { FloorCeil(c, v, 1); }
void Sign(sqlite3_context* c, int, sqlite3_value** v) { FloorCeil(c, v, 2); }

void Math(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 1; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  }
  absl::string_view fn = TextArg(argv[0]);
  double x = AsDouble(argv[1]);
  double r = fn == "power" && argc > 2 ? std::pow(x, AsDouble(argv[2]))
             : fn == "sqrt"            ? std::sqrt(x)
             : fn == "exp"             ? std::exp(x)
             : fn == "log"             ? std::log(x)
                                       : std::log10(x);
  if (std::isnan(r))
    return Fail(ctx, SqlError(3623, 16, "An invalid floating point operation occurred."));
  sqlite3_result_double(ctx, r);
}

void NewId(sqlite3_context* ctx, int, sqlite3_value**) {
  unsigned char b[16];
  sqlite3_randomness(16, b);
  b[7] = (b[7] & 0x0F) | 0x40;  // version 4 in wire order (Data3 high byte)
  b[8] = (b[8] & 0x3F) | 0x80;
  std::string key = GuidWireToKey(absl::string_view(reinterpret_cast<char*>(b), 16));
  sqlite3_result_blob(ctx, key.data(), 16, SQLITE_TRANSIENT);
}

void Now(sqlite3_context* ctx, int, sqlite3_value** argv) {
  absl::string_view kind = TextArg(argv[0]);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  int offset = 0;
  if (kind == "local" || kind == "offset") {
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    offset = static_cast<int>(tm.tm_gmtoff / 60);
  }
  int64_t secs = ts.tv_sec + (kind == "local" ? offset * 60 : 0);
  int64_t days = secs / 86400 + DaysFromCivil(1970, 1, 1);
  int64_t ticks = (secs % 86400) * 10000000 + ts.tv_nsec / 100;
  std::string out;
  if (kind == "offset") {
    out = FormatStoredDateTimeOffset(days, ticks, offset);
  } else {
    if (kind == "datetime") ticks = ticks / 10000 * 10000;
    out = FormatStoredDateTime(days, ticks);
  }
  sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// Local date/time parts of a stored value whose type is `t` (or text).
bool ReadParts(sqlite3_value* v, const SqlType* t, DateTimeParts* p) {
  if (sqlite3_value_type(v) != SQLITE_TEXT) return false;
  Datum in = ValueDatum(v);
  SqlType target;
  target.id = TypeId::kDateTime2;
  target.scale = 7;
  if (t != nullptr && t->id == TypeId::kDateTimeOffset) {
    if (!ParseDateTimeText(in.s, p)) return false;
    int64_t ticks = p->ticks + p->offset_minutes * 600000000LL;
    int64_t day = 864000000000LL;
    p->days += ticks >= 0 ? ticks / day : -((-ticks + day - 1) / day);
    p->ticks = ((ticks % day) + day) % day;
    return true;
  }
  return ParseDateTimeText(in.s, p);
}

std::string NormalPart(absl::string_view part) {
  std::string p = absl::AsciiStrToLower(part);
  if (p == "yy" || p == "yyyy") return "year";
  if (p == "qq" || p == "q") return "quarter";
  if (p == "mm" || p == "m") return "month";
  if (p == "dy" || p == "y") return "dayofyear";
  if (p == "dd" || p == "d") return "day";
  if (p == "wk" || p == "ww") return "week";
  if (p == "dw") return "weekday";
  if (p == "hh") return "hour";
  if (p == "mi" || p == "n") return "minute";
  if (p == "ss" || p == "s") return "second";
  if (p == "ms") return "millisecond";
  if (p == "mcs") return "microsecond";
  if (p == "ns") return "nanosecond";
  return p;
}

void DatePart(sqlite3_context* ctx, int, sqlite3_value** argv) {
  DateTimeParts p;
  if (!ReadParts(argv[1], TypeArg(ctx, argv, 2), &p)) return sqlite3_result_null(ctx);
  std::string part = NormalPart(TextArg(argv[0]));
  int64_t y;
  unsigned m, d;
  CivilFromDays(p.days, &y, &m, &d);
  int64_t secs = p.ticks / 10000000;
  int64_t v = 0;
  if (part == "year")
    v = y;
  else if (part == "quarter")
    v = (m - 1) / 3 + 1;
  else if (part == "month")
    v = m;
  else if (part == "day")
    v = d;
  else if (part == "dayofyear")
    v = p.days - DaysFromCivil(y, 1, 1) + 1;
  else if (part == "weekday")
    v = (p.days + 1) % 7 + 1;  // 0001-01-01 is a Monday; Sunday = 1
  else if (part == "week")
    v = (p.days - DaysFromCivil(y, 1, 1) + (DaysFromCivil(y, 1, 1) + 1) % 7) / 7 + 1;
  else if (part == "hour")
    v = secs / 3600;
  else if (part == "minute")
    v = secs / 60 % 60;
  else if (part == "second")
    v = secs % 60;
  else if (part == "millisecond")
    v = p.ticks % 10000000 / 10000;
  else if (part == "microsecond")
    v = p.ticks % 10000000 / 10;
  else if (part == "nanosecond")
    v = p.ticks % 10000000 * 100;
  sqlite3_result_int64(ctx, v);
}

void DateAdd(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const SqlType* from = TypeArg(ctx, argv, 3);
  const SqlType* to = TypeArg(ctx, argv, 4);
  DateTimeParts p;
  if (!ReadParts(argv[2], from, &p) || to == nullptr) return sqlite3_result_null(ctx);
  std::string part = NormalPart(TextArg(argv[0]));
  int64_t n = sqlite3_value_int64(argv[1]);
  int64_t y;
  unsigned m, d;
  CivilFromDays(p.days, &y, &m, &d);
  auto add_months = [&](int64_t months) {
    int64_t total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = static_cast<unsigned>(total % 12) + 1;
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned limit = kDays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    p.days = DaysFromCivil(y, m, std::min(d, limit));
  };
  int64_t tick = 0;
  if (part == "year")
    add_months(12 * n);
  else if (part == "quarter")
    add_months(3 * n);
  else if (part == "month")
    add_months(n);
  else if (part == "day" || part == "dayofyear" || part == "weekday")
    p.days += n;
  else if (part == "week")
    p.days += 7 * n;
  else if (part == "hour")
    tick = n * 36000000000LL;
  else if (part == "minute")
    tick = n * 600000000LL;
  else if (part == "second")
    tick = n * 10000000LL;
  else if (part == "millisecond")
    tick = n * 10000LL;
  else if (part == "microsecond")
    tick = n * 10LL;
  else if (part == "nanosecond")
    tick = n / 100;
  int64_t day = 864000000000LL;
  int64_t t = p.ticks + tick;
  p.days += t >= 0 ? t / day : -((-t + day - 1) / day);
  p.ticks = ((t % day) + day) % day;
  std::string text = FormatStoredDateTime(p.days, p.ticks);
  if (p.has_offset) {
    int a = std::abs(p.offset_minutes);
    absl::StrAppend(&text, p.offset_minutes < 0 ? " -" : " +", a / 60 < 10 ? "0" : "", a / 60, ":",
                    a % 60 < 10 ? "0" : "", a % 60);
  }
  auto out = ConvertDatum(Datum::Text(text), nullptr, *to, ConvertOptions());
  if (!out.ok()) return Fail(ctx, out.status());
  ResultDatum(ctx, *out);
}

void DateDiff(sqlite3_context* ctx, int, sqlite3_value** argv) {
  DateTimeParts a, b;
  if (!ReadParts(argv[1], TypeArg(ctx, argv, 2), &a) ||
      !ReadParts(argv[3], TypeArg(ctx, argv, 4), &b)) {
    return sqlite3_result_null(ctx);
  }
  std::string part = NormalPart(TextArg(argv[0]));
  int64_t ya, yb;
  unsigned ma, mb, da, db;
  CivilFromDays(a.days, &ya, &ma, &da);
  CivilFromDays(b.days, &yb, &mb, &db);
  int64_t v = 0;
  int64_t ta = a.days * 864000000000LL + a.ticks;
  int64_t tb = b.days * 864000000000LL + b.ticks;
  auto boundary = [&](int64_t unit) {
    int64_t qa = ta / unit, qb = tb / unit;
    return static_cast<int64_t>(qb - qa);
  };
  if (part == "year")
    v = yb - ya;
  else if (part == "quarter")
    v = (yb * 4 + (mb - 1) / 3) - (ya * 4 + (ma - 1) / 3);
  else if (part == "month")
    v = (yb * 12 + mb) - (ya * 12 + ma);
  else if (part == "day" || part == "dayofyear" || part == "weekday")
    v = b.days - a.days;
  else if (part == "week")
    v = (b.days + 1) / 7 - (a.days + 1) / 7;
  else if (part == "hour")
    v = boundary(36000000000LL);
  else if (part == "minute")
    v = boundary(600000000LL);
  else if (part == "second")
    v = boundary(10000000LL);
  else if (part == "millisecond")
    v = boundary(10000LL);
  else if (part == "microsecond")
    v = boundary(10LL);
  else
    v = static_cast<int64_t>((tb - ta) * 100);
  sqlite3_result_int64(ctx, v);
}

void IsDate(sqlite3_context* ctx, int, sqlite3_value** argv) {
  DateTimeParts p;
  sqlite3_result_int(ctx, sqlite3_value_type(argv[0]) == SQLITE_TEXT &&
                              ParseDateTimeText(TextArg(argv[0]), &p) && p.days >= 639905);
}

void IsNumeric(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int t = sqlite3_value_type(argv[0]);
  double d;
  sqlite3_result_int(ctx, t == SQLITE_INTEGER || t == SQLITE_FLOAT ||
                              (t == SQLITE_TEXT && absl::SimpleAtod(TextArg(argv[0]), &d)));
}

// Parses an object name argument ('[dbo].[T]', 'dbo.T', 'T', 'db.dbo.T').
bool SplitObjectName(absl::string_view text, std::string* schema, std::string* name) {
  std::vector<Token> tokens;
  if (!LexTsql(text, &tokens).ok()) return false;
  std::vector<std::string> parts;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kIdent) {
      parts.push_back(t.text);
    } else if (t.IsOp(".")) {
      if (!parts.empty() && parts.size() < 2 && &t != &tokens.front()) continue;
    } else if (t.kind != TokenKind::kEnd) {
      return false;
    }
  }
  if (parts.empty()) return false;
  *name = parts.back();
  *schema = parts.size() >= 2 ? parts[parts.size() - 2] : "dbo";
  return true;
}

void ObjectId(sqlite3_context* ctx, int, sqlite3_value** argv) {
  std::string schema, name;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      !SplitObjectName(TextArg(argv[0]), &schema, &name)) {
    return sqlite3_result_null(ctx);
  }
  auto snap = Env(ctx)->catalog();
  const TableInfo* t = snap->Find(schema, name);
  if (t == nullptr) return sqlite3_result_null(ctx);
  sqlite3_result_int(ctx, t->object_id);
}

void ObjectName(sqlite3_context* ctx, int, sqlite3_value** argv, bool schema) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  auto snap = Env(ctx)->catalog();
  const TableInfo* t = snap->FindById(sqlite3_value_int(argv[0]));
  if (t == nullptr) return sqlite3_result_null(ctx);
  const std::string& s = schema ? t->schema : t->name;
  sqlite3_result_text(ctx, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}
void ObjName(sqlite3_context* c, int n, sqlite3_value** v) { ObjectName(c, n, v, false); }
void ObjSchemaName(sqlite3_context* c, int n, sqlite3_value** v) { ObjectName(c, n, v, true); }

void SchemaName(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string s = Env(ctx)->catalog()->SchemaName(sqlite3_value_int(argv[0]));
  if (s.empty()) return sqlite3_result_null(ctx);
  sqlite3_result_text(ctx, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

void SchemaId(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  int id = Env(ctx)->catalog()->SchemaId(TextArg(argv[0]));
  if (id < 0) return sqlite3_result_null(ctx);
  sqlite3_result_int(ctx, id);
}

void TypeName(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int id = sqlite3_value_int(argv[0]);
  static constexpr TypeId kAll[] = {
      TypeId::kBit,       TypeId::kTinyInt,        TypeId::kSmallInt,
      TypeId::kInt,       TypeId::kBigInt,         TypeId::kDecimal,
      TypeId::kNumeric,   TypeId::kMoney,          TypeId::kSmallMoney,
      TypeId::kReal,      TypeId::kFloat,          TypeId::kDate,
      TypeId::kTime,      TypeId::kDateTime,       TypeId::kSmallDateTime,
      TypeId::kDateTime2, TypeId::kDateTimeOffset, TypeId::kChar,
      TypeId::kVarChar,   TypeId::kNChar,          TypeId::kNVarChar,
      TypeId::kText,      TypeId::kNText,          TypeId::kBinary,
      TypeId::kVarBinary, TypeId::kImage,          TypeId::kUniqueIdentifier,
      TypeId::kXml,       TypeId::kRowVersion};
  for (TypeId t : kAll) {
    if (SystemTypeId(t) == id) {
      absl::string_view n = BaseTypeName(t);
      sqlite3_result_text(ctx, n.data(), static_cast<int>(n.size()), SQLITE_TRANSIENT);
      return;
    }
  }
  if (id == 256) return sqlite3_result_text(ctx, "sysname", -1, SQLITE_STATIC);
  sqlite3_result_null(ctx);
}

void DbName(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int id = sqlite3_value_int(argv[0]);
  static constexpr const char* kNames[] = {"master", "tempdb", "model", "msdb"};
  if (id >= 1 && id <= 4) return sqlite3_result_text(ctx, kNames[id - 1], -1, SQLITE_STATIC);
  if (id == 5) {
    const std::string& n = Env(ctx)->db_name;
    return sqlite3_result_text(ctx, n.c_str(), static_cast<int>(n.size()), SQLITE_TRANSIENT);
  }
  sqlite3_result_null(ctx);
}

void DbId(sqlite3_context* ctx, int, sqlite3_value** argv) {
  std::string name = sqlite3_value_type(argv[0]) == SQLITE_NULL ? Env(ctx)->db_name
                                                                : std::string(TextArg(argv[0]));
  static constexpr const char* kNames[] = {"master", "tempdb", "model", "msdb"};
  for (int i = 0; i < 4; ++i) {
    if (absl::EqualsIgnoreCase(name, kNames[i])) return sqlite3_result_int(ctx, i + 1);
  }
  if (absl::EqualsIgnoreCase(name, Env(ctx)->db_name)) return sqlite3_result_int(ctx, 5);
  sqlite3_result_null(ctx);
}

void ServerProperty(sqlite3_context* ctx, int, sqlite3_value** argv) {
  std::string p = absl::AsciiStrToLower(TextArg(argv[0]));
  const char* v = nullptr;
  if (p == "productversion")
    v = "16.0.4165.4";
  else if (p == "productmajorversion")
    v = "16";
  else if (p == "productminorversion")
    v = "0";
  else if (p == "productlevel")
    v = "RTM";
  else if (p == "productupdatelevel")
    v = "CU16";
  else if (p == "edition")
    v = "Developer Edition (64-bit)";
  else if (p == "machinename" || p == "servername")
    v = "EHI-EMULATOR";
  else if (p == "collation")
    v = "SQL_Latin1_General_CP1_CI_AS";
  else if (p == "engineedition")
    return sqlite3_result_int(ctx, 3);
  else if (p == "isclustered" || p == "ishadrenabled" || p == "isintegratedsecurityonly") {
    return sqlite3_result_int(ctx, 0);
  }
  if (v == nullptr) return sqlite3_result_null(ctx);
  sqlite3_result_text(ctx, v, -1, SQLITE_STATIC);
}

void Checksum(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  uint32_t h = 0;
  for (int i = 0; i < argc; ++i) {
    absl::string_view s = TextArg(argv[i]);
    for (char c : s) h = h * 31 + static_cast<unsigned char>(absl::ascii_toupper(c));
  }
  sqlite3_result_int(ctx, static_cast<int32_t>(h));
}

std::string RowVersionBytes(int64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  return out;
}

void RowVersion(sqlite3_context* ctx, int, sqlite3_value**) {
  int64_t v = Env(ctx)->rowversion.fetch_add(1) + 1;
  std::string b = RowVersionBytes(v);
  sqlite3_result_blob(ctx, b.data(), 8, SQLITE_TRANSIENT);
}

void Dbts(sqlite3_context* ctx, int, sqlite3_value**) {
  std::string b = RowVersionBytes(Env(ctx)->rowversion.load() + 1);
  sqlite3_result_blob(ctx, b.data(), 8, SQLITE_TRANSIENT);
}

// TOP / FETCH / OFFSET argument checks.
void Top(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int64_t n = sqlite3_value_int64(argv[0]);
  if (n < 0) {
    return Fail(ctx, SqlError(1014, 15, "A TOP N or FETCH rows count value may not be negative."));
  }
  sqlite3_result_int64(ctx, n);
}
void Fetch(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int64_t n = sqlite3_value_int64(argv[0]);
  if (n <= 0) {
    return Fail(ctx, SqlError(10744, 15,
                              "The number of rows provided for a FETCH clause must be "
                              "greater then zero."));
  }
  sqlite3_result_int64(ctx, n);
}
void Offset(sqlite3_context* ctx, int, sqlite3_value** argv) {
  int64_t n = sqlite3_value_int64(argv[0]);
  if (n < 0) {
    return Fail(ctx, SqlError(10742, 15,
                              "The offset specified in a OFFSET clause may not be "
                              "negative."));
  }
  sqlite3_result_int64(ctx, n);
}

}  // namespace

int RegisterSqlFunctions(sqlite3* db, FunctionEnv* env) {
  struct Fn {
    const char* name;
    int args;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
    bool deterministic;
  };
  static constexpr Fn kFns[] = {
      {"_ms_cvt", 4, Cvt, true},
      {"_ms_try_cvt", 4, TryCvt, true},
      {"_ms_store", 5, Store, true},
      {"_ms_div", 2, Div, true},
      {"_ms_mod", 2, Mod, true},
      {"_ms_len", 1, Len, true},
      {"_ms_datalength", 2, DataLength, true},
      {"_ms_upper", 1, Upper, true},
      {"_ms_lower", 1, Lower, true},
      {"_ms_reverse", 1, Reverse, true},
      {"_ms_substring", 3, Substring, true},
      {"_ms_right", 2, Right, true},
      {"_ms_replicate", 2, Replicate, true},
      {"_ms_charindex", -1, CharIndex, true},
      {"_ms_quotename", -1, QuoteName, true},
      {"_ms_round", -1, Round, true},
      {"_ms_floor", 1, Floor, true},
      {"_ms_ceiling", 1, Ceiling, true},
      {"_ms_sign", 1, Sign, true},
      {"_ms_math", -1, Math, true},
      {"_ms_newid", 0, NewId, false},
      {"_ms_now", 1, Now, false},
      {"_ms_datepart", 3, DatePart, true},
      {"_ms_dateadd", 5, DateAdd, true},
      {"_ms_datediff", 5, DateDiff, true},
      {"_ms_isdate", 1, IsDate, true},
      {"_ms_isnumeric", 1, IsNumeric, true},
      {"_ms_object_id", 1, ObjectId, false},
      {"_ms_object_name", 1, ObjName, false},
      {"_ms_object_schema_name", 1, ObjSchemaName, false},
      {"_ms_schema_name", 1, SchemaName, false},
      {"_ms_schema_id", 1, SchemaId, false},
      {"_ms_type_name", 1, TypeName, true},
      {"_ms_db_name", 1, DbName, false},
      {"_ms_db_id", 1, DbId, false},
      {"_ms_serverproperty", 1, ServerProperty, true},
      {"_ms_checksum", -1, Checksum, true},
      {"_ms_rowversion", 0, RowVersion, false},
      {"_ms_dbts", 0, Dbts, false},
      {"_ms_top", 1, Top, true},
      {"_ms_fetch", 1, Fetch, true},
      {"_ms_offset", 1, Offset, true},
  };
  for (const Fn& f : kFns) {
    int flags = SQLITE_UTF8 | (f.deterministic ? SQLITE_DETERMINISTIC : 0);
    int rc =
        sqlite3_create_function_v2(db, f.name, f.args, flags, env, f.fn, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace emulator
