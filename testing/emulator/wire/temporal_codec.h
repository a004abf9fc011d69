// Date and time arithmetic for the TDS temporal types.
//
// The engine hands temporal values over as text ("2024-01-02 03:04:05.1234567
// +05:30"); the wire wants day counts and tick counts. Everything here is
// integer arithmetic on a proleptic Gregorian calendar (SQL Server's), with
// time kept in 100 ns ticks, the finest unit any TDS type carries.
#ifndef EHI_TESTING_EMULATOR_WIRE_TEMPORAL_CODEC_H_
#define EHI_TESTING_EMULATOR_WIRE_TEMPORAL_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace emulator {

constexpr int64_t kTicksPerSecond = 10'000'000;
constexpr int64_t kTicksPerDay = 86'400 * kTicksPerSecond;
// Days from 0001-01-01 to 1900-01-01 (the DATETIME epoch).
constexpr int64_t kDaysTo1900 = 693'595;

// Days since 0001-01-01 for a proleptic Gregorian date.
int64_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(int64_t days, int* year, int* month, int* day);

struct Temporal {
  bool has_date = false;
  int64_t days = 0;  // since 0001-01-01
  bool has_time = false;
  int64_t ticks = 0;  // 100 ns ticks since midnight
  bool has_offset = false;
  int offset_minutes = 0;
};

// Parses "YYYY-MM-DD", "HH:MM[:SS[.fffffff]]", or both separated by ' ' or
// 'T', optionally followed by an offset "+HH:MM", "-HH:MM" or "Z" (with or
// without a space before it). Fractions beyond 7 digits are rounded.
absl::StatusOr<Temporal> ParseTemporal(std::string_view text);

// Rounds `ticks` to a multiple of 10^(7-scale) ticks (half up). The result
// may equal kTicksPerDay; callers carry it into the date.
int64_t RoundTicksToScale(int64_t ticks, int scale);

// "YYYY-MM-DD".
std::string FormatDate(int64_t days);
// "HH:MM:SS" plus exactly `digits` fractional digits when digits > 0.
std::string FormatTime(int64_t ticks, int digits);
// "+HH:MM" / "-HH:MM".
std::string FormatOffset(int offset_minutes);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_TEMPORAL_CODEC_H_
