#include "testing/emulator/wire/temporal_codec.h"

#include <cstdio>

#include "absl/strings/str_cat.h"

namespace emulator {

// Days-from-civil over 400-year eras (each era has exactly 146097 days),
// counted from 0000-03-01 so the leap day falls at the end of a year.
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  // 306 = days from 0000-03-01 to 0001-01-01.
  return era * 146097 + day_of_era - 306;
}

void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  const int64_t z = days + 306;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = static_cast<int>(year_of_era + era * 400 + (*month <= 2 ? 1 : 0));
}

namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Done() const { return i_ >= s_.size(); }
  char Peek() const { return Done() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  // Exactly `n` digits (n > 0) or fail.
  bool Digits(int n, int* out) {
    int v = 0;
    for (int k = 0; k < n; ++k) {
      const char c = Peek();
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
      ++i_;
    }
    *out = v;
    return true;
  }
  bool IsDigitAt(size_t offset) const {
    return i_ + offset < s_.size() && s_[i_ + offset] >= '0' && s_[i_ + offset] <= '9';
  }
  size_t pos() const { return i_; }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

absl::StatusOr<Temporal> ParseTemporal(std::string_view text) {
  const auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("not a date/time value: '", std::string(text), "'"));
  };
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  Cursor c(text);
  Temporal out;
  // A date starts with four digits and a dash; a time with two and a colon.
  if (c.IsDigitAt(0) && c.IsDigitAt(3) && text.size() >= 5 && text[4] == '-') {
    int y, m, d;
    if (!c.Digits(4, &y) || !c.Eat('-') || !c.Digits(2, &m) || !c.Eat('-') || !c.Digits(2, &d)) {
      return bad();
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return bad();
    out.has_date = true;
    out.days = DaysFromCivil(y, m, d);
    if (!c.Eat(' ')) c.Eat('T');
  }
  if (c.IsDigitAt(0) && c.IsDigitAt(1) && c.pos() + 2 < text.size() && text[c.pos() + 2] == ':') {
    int h, mi, s = 0;
    if (!c.Digits(2, &h) || !c.Eat(':') || !c.Digits(2, &mi)) return bad();
    int64_t frac = 0;
    if (c.Eat(':')) {
      if (!c.Digits(2, &s)) return bad();
      if (c.Eat('.')) {
        int digits = 0;
        bool round_up = false;
        while (c.IsDigitAt(0)) {
          int dgt;
          c.Digits(1, &dgt);
          if (digits < 7) {
            frac = frac * 10 + dgt;
          } else if (digits == 7) {
            round_up = dgt >= 5;
          }
          ++digits;
        }
        if (digits == 0) return bad();
        for (int k = digits; k < 7; ++k) frac *= 10;
        if (round_up) ++frac;
      }
    }
    if (h > 23 || mi > 59 || s > 59) return bad();
    out.has_time = true;
    out.ticks = (static_cast<int64_t>(h) * 3600 + mi * 60 + s) * kTicksPerSecond + frac;
  }
  c.Eat(' ');
  if (c.Eat('Z')) {
    out.has_offset = true;
  } else if (c.Peek() == '+' || c.Peek() == '-') {
    const bool negative = c.Peek() == '-';
    c.Eat(c.Peek());
    int oh, om;
    if (!c.Digits(2, &oh) || !c.Eat(':') || !c.Digits(2, &om) || oh > 14 || om > 59) return bad();
    out.has_offset = true;
    out.offset_minutes = (negative ? -1 : 1) * (oh * 60 + om);
    if (out.offset_minutes > 840 || out.offset_minutes < -840) return bad();
  }
  if (!c.Done() || (!out.has_date && !out.has_time)) return bad();
  return out;
}

int64_t RoundTicksToScale(int64_t ticks, int scale) {
  int64_t unit = 1;
  for (int i = scale; i < 7; ++i) unit *= 10;
  return (ticks + unit / 2) / unit * unit;
}

std::string FormatDate(int64_t days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string FormatTime(int64_t ticks, int digits) {
  const int64_t seconds = ticks / kTicksPerSecond;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  std::string out = buf;
  if (digits > 0) {
    std::snprintf(buf, sizeof(buf), "%07lld",
                  static_cast<long long>(ticks % kTicksPerSecond));  // NOLINT(runtime/int)
    out.push_back('.');
    out.append(buf, static_cast<size_t>(digits > 7 ? 7 : digits));
  }
  return out;
}

std::string FormatOffset(int offset_minutes) {
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

}  // namespace emulator
