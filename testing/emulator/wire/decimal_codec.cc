#include "testing/emulator/wire/decimal_codec.h"

#include <cstdint>
#include <limits>

#include "absl/strings/str_cat.h"

namespace emulator {
namespace {

Uint128 Pow10(int n) {
  Uint128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

}  // namespace

absl::StatusOr<ScaledDecimal> ParseDecimal(std::string_view text, int precision, int scale) {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    return absl::InvalidArgumentError(absl::StrCat("bad decimal(", precision, ",", scale, ")"));
  }
  const auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat("not a number: '", std::string(text), "'"));
  };
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  ScaledDecimal out;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    out.negative = text[i] == '-';
    ++i;
  }
  std::string digits;  // significant digits, leading zeros removed
  int exponent = 0;    // value = digits * 10^exponent
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return bad();
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    int e = 0;
    bool exp_digit = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exp_digit = true;
      if (e < 10000) e = e * 10 + (text[i] - '0');
    }
    if (!exp_digit) return bad();
    exponent += exp_negative ? -e : e;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  if (i != text.size()) return bad();

  // Shift so the last kept digit is the 10^-scale place.
  const int shift = exponent + scale;
  bool round_up = false;
  if (shift < 0) {
    const size_t drop = static_cast<size_t>(-shift);
    if (drop > digits.size()) {
      digits.clear();
    } else {
      round_up = digits[digits.size() - drop] >= '5';
      digits.resize(digits.size() - drop);
    }
  } else if (!digits.empty()) {
    if (digits.size() + static_cast<size_t>(shift) > 39) {
      return absl::OutOfRangeError(
          absl::StrCat("'", std::string(text), "' overflows decimal(", precision, ",", scale, ")"));
    }
    digits.append(static_cast<size_t>(shift), '0');
  }
  if (digits.size() > 39) {
    return absl::OutOfRangeError(
        absl::StrCat("'", std::string(text), "' overflows decimal(", precision, ",", scale, ")"));
  }
  Uint128 magnitude = 0;
  for (char c : digits) magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
  if (round_up) ++magnitude;
  if (magnitude >= Pow10(precision)) {
    return absl::OutOfRangeError(
        absl::StrCat("'", std::string(text), "' overflows decimal(", precision, ",", scale, ")"));
  }
  out.magnitude = magnitude;
  if (magnitude == 0) out.negative = false;
  return out;
}

std::string FormatDecimal(bool negative, Uint128 magnitude, int scale) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (digits.size() <= static_cast<size_t>(scale)) digits.push_back('0');
  std::string out;
  if (negative && !(digits.find_first_not_of('0') == std::string::npos)) out.push_back('-');
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (i == static_cast<size_t>(scale) && scale > 0) out.push_back('.');
  }
  return out;
}

absl::StatusOr<int64_t> ParseMoney(std::string_view text, bool small) {
  auto parsed = ParseDecimal(text, 38, 4);
  if (!parsed.ok()) return parsed.status();
  const Uint128 limit = small ? Uint128{2147483648u} : (Uint128{1} << 63);
  // The negative side may reach -limit; the positive side only limit - 1.
  if (parsed->magnitude > limit || (!parsed->negative && parsed->magnitude == limit)) {
    return absl::OutOfRangeError(
        absl::StrCat("'", std::string(text), "' overflows ", small ? "smallmoney" : "money"));
  }
  if (parsed->negative) {
    // Two's complement of a magnitude <= 2^63.
    return static_cast<int64_t>(~static_cast<uint64_t>(parsed->magnitude) + 1);
  }
  return static_cast<int64_t>(parsed->magnitude);
}

}  // namespace emulator
