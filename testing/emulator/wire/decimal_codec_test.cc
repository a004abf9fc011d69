#include "testing/emulator/wire/decimal_codec.h"

#include "gtest/gtest.h"

namespace emulator {
namespace {

std::string RoundTrip(std::string_view text, int precision, int scale) {
  auto parsed = ParseDecimal(text, precision, scale);
  if (!parsed.ok()) return std::string(parsed.status().message());
  return FormatDecimal(parsed->negative, parsed->magnitude, scale);
}

TEST(DecimalCodecTest, ScalesExactly) {
  EXPECT_EQ(RoundTrip("-123.45", 10, 4), "-123.4500");
  EXPECT_EQ(RoundTrip("0", 5, 2), "0.00");
  EXPECT_EQ(RoundTrip("-0.00", 5, 2), "0.00");
  EXPECT_EQ(RoundTrip(".5", 3, 1), "0.5");
  EXPECT_EQ(RoundTrip("+7", 3, 0), "7");
  EXPECT_EQ(RoundTrip("1e3", 10, 2), "1000.00");
  EXPECT_EQ(RoundTrip("1.5E-2", 10, 3), "0.015");
}

TEST(DecimalCodecTest, Decimal38With10DigitsKeepsEveryDigit) {
  EXPECT_EQ(RoundTrip("9999999999999999999999999999.9999999999", 38, 10),
            "9999999999999999999999999999.9999999999");
  EXPECT_EQ(RoundTrip("-1234567890123456789012345678.0123456789", 38, 10),
            "-1234567890123456789012345678.0123456789");
}

TEST(DecimalCodecTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundTrip("1.005", 10, 2), "1.01");
  EXPECT_EQ(RoundTrip("-1.005", 10, 2), "-1.01");
  EXPECT_EQ(RoundTrip("1.004", 10, 2), "1.00");
}

TEST(DecimalCodecTest, RejectsOverflowAndGarbage) {
  EXPECT_EQ(ParseDecimal("1000", 3, 0).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseDecimal("99.995", 4, 2).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseDecimal("12a", 5, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDecimal("", 5, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDecimal("-", 5, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDecimal("1e", 5, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseDecimal(std::string(60, '9'), 38, 0).ok());
}

TEST(DecimalCodecTest, MoneyRanges) {
  EXPECT_EQ(*ParseMoney("922337203685477.5807", false), INT64_MAX);
  EXPECT_EQ(*ParseMoney("-922337203685477.5808", false), INT64_MIN);
  EXPECT_FALSE(ParseMoney("922337203685477.5808", false).ok());
  EXPECT_EQ(*ParseMoney("214748.3647", true), 2147483647);
  EXPECT_EQ(*ParseMoney("-214748.3648", true), -2147483648LL);
  EXPECT_FALSE(ParseMoney("214748.3648", true).ok());
  EXPECT_EQ(*ParseMoney("1.23456", false), 12346);
}

}  // namespace
}  // namespace emulator
