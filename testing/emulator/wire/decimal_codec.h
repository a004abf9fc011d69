// Exact decimal text <-> scaled integer conversion for DECIMAL/NUMERIC and
// MONEY values. The engine hands decimals over as text ("-123.4500"); going
// through double would lose digits of a decimal(38,10), so this works on the
// digits themselves with a 128-bit magnitude (10^38 < 2^127).
#ifndef EHI_TESTING_EMULATOR_WIRE_DECIMAL_CODEC_H_
#define EHI_TESTING_EMULATOR_WIRE_DECIMAL_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace emulator {

// A GCC/Clang extension; __extension__ keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 Uint128;

struct ScaledDecimal {
  bool negative = false;
  Uint128 magnitude = 0;  // |value| * 10^scale
};

// Parses "[-+]digits[.digits][e[-+]digits]" and scales it to `scale`
// fractional digits, rounding half away from zero like SQL Server. Fails
// with InvalidArgument on bad syntax and OutOfRange when the result needs
// more than `precision` digits.
absl::StatusOr<ScaledDecimal> ParseDecimal(std::string_view text, int precision, int scale);

// Formats magnitude / 10^scale, e.g. (true, 123450, 4) -> "-12.3450".
std::string FormatDecimal(bool negative, Uint128 magnitude, int scale);

// Parses a MONEY/SMALLMONEY value as an integer count of 1/10000 units.
// `small` selects the int32 range of smallmoney.
absl::StatusOr<int64_t> ParseMoney(std::string_view text, bool small);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_DECIMAL_CODEC_H_
