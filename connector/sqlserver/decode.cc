#include "connector/sqlserver/decode.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace ehi::sqlserver {
namespace {

constexpr int64_t kDays1900 = -25567;  // 1900-01-01 relative to 1970-01-01
constexpr int64_t kSecondsPerDay = 86400;

}  // namespace

absl::StatusOr<std::string> DecodeNumeric(bool negative, int scale,
                                          absl::string_view magnitude_be) {
  if (scale < 0 || scale > 38 || magnitude_be.size() > 32) {
    return absl::InternalError(
        absl::StrCat("malformed DBNUMERIC: scale ", scale, ", ", magnitude_be.size(), " bytes"));
  }
  // Base-256 big-endian → base-10 by repeated division; at most 77 digits.
  std::string bytes(magnitude_be);
  std::string digits;  // reversed
  bool nonzero = true;
  while (nonzero) {
    nonzero = false;
    unsigned remainder = 0;
    for (char& ch : bytes) {
      const unsigned cur = (remainder << 8) | static_cast<unsigned char>(ch);
      ch = static_cast<char>(cur / 10);
      remainder = cur % 10;
      if (ch != 0) nonzero = true;
    }
    digits.push_back(static_cast<char>('0' + remainder));
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::string out;
  const bool is_zero = digits.find_first_not_of('0') == std::string::npos;
  if (negative && !is_zero) out.push_back('-');
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (scale > 0 && i == static_cast<size_t>(scale)) out.push_back('.');
  }
  return out;
}

std::string FormatScaled(int64_t value, int scale) {
  const bool negative = value < 0;
  // Work in unsigned to survive INT64_MIN.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::string out = negative ? "-" : "";
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (scale > 0 && i == static_cast<size_t>(scale)) out.push_back('.');
  }
  return out;
}

Timestamp DecodeDateTime(int32_t days, int32_t ticks300) {
  // ticks300 / 300 s, in 100 ns units rounded half up: t * 10^7 / 300.
  const int64_t units = (static_cast<int64_t>(ticks300) * 100000 + 1) / 3;
  Timestamp ts;
  ts.seconds = (kDays1900 + days) * kSecondsPerDay + units / 10'000'000;
  ts.nanos = static_cast<int32_t>((units % 10'000'000) * 100);
  return ts;
}

Timestamp DecodeSmallDateTime(uint16_t days, uint16_t minutes) {
  Timestamp ts;
  ts.seconds = (kDays1900 + days) * kSecondsPerDay + int64_t{minutes} * 60;
  return ts;
}

Timestamp DecodeDateTimeAll(int32_t days_since_1900, uint64_t time_100ns) {
  Timestamp ts;
  ts.seconds = (kDays1900 + days_since_1900) * kSecondsPerDay +
               static_cast<int64_t>(time_100ns / 10'000'000);
  ts.nanos = static_cast<int32_t>((time_100ns % 10'000'000) * 100);
  return ts;
}

std::string FormatTime(uint64_t time_100ns) {
  const uint64_t total_seconds = time_100ns / 10'000'000;
  const unsigned frac = static_cast<unsigned>(time_100ns % 10'000'000);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02u:%02u:%02u.%07u",
                static_cast<unsigned>(total_seconds / 3600 % 100),
                static_cast<unsigned>(total_seconds / 60 % 60),
                static_cast<unsigned>(total_seconds % 60), frac);
  return buf;
}

std::string FormatGuid(absl::string_view b) {
  if (b.size() != 16) return std::string();
  auto byte = [&](int i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  char buf[40];
  std::snprintf(buf, sizeof(buf),
                "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", byte(3),
                byte(2), byte(1), byte(0), byte(5), byte(4), byte(7), byte(6), byte(8), byte(9),
                byte(10), byte(11), byte(12), byte(13), byte(14), byte(15));
  return buf;
}

}  // namespace ehi::sqlserver
