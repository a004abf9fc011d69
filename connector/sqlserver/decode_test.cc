#include "connector/sqlserver/decode.h"

#include <string>

#include "gtest/gtest.h"

namespace ehi::sqlserver {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s.push_back(static_cast<char>(x));
  return s;
}

TEST(DecodeTest, Numeric) {
  EXPECT_EQ(*DecodeNumeric(false, 2, Bytes({0x30, 0x39})), "123.45");
  EXPECT_EQ(*DecodeNumeric(true, 4, Bytes({0x00, 0x00, 0x30, 0x39})), "-1.2345");
  EXPECT_EQ(*DecodeNumeric(false, 0, Bytes({0, 0, 0})), "0");
  EXPECT_EQ(*DecodeNumeric(true, 2, Bytes({0, 0})), "0.00");  // no "-0.00"
  EXPECT_EQ(*DecodeNumeric(false, 3, Bytes({0x05})), "0.005");
  // 10^38 - 1 (decimal(38,0) maximum) in 16 bytes.
  EXPECT_EQ(*DecodeNumeric(false, 0,
                           Bytes({0x4B, 0x3B, 0x4C, 0xA8, 0x5A, 0x86, 0xC4, 0x7A, 0x09, 0x8A, 0x22,
                                  0x3F, 0xFF, 0xFF, 0xFF, 0xFF})),
            "99999999999999999999999999999999999999");
  EXPECT_FALSE(DecodeNumeric(false, 39, Bytes({1})).ok());
}

TEST(DecodeTest, Scaled) {
  EXPECT_EQ(FormatScaled(-12345, 4), "-1.2345");
  EXPECT_EQ(FormatScaled(5, 4), "0.0005");
  EXPECT_EQ(FormatScaled(922337203685477580LL * 10 + 7, 4), "922337203685477.5807");
  EXPECT_EQ(FormatScaled(INT64_MIN, 4), "-922337203685477.5808");
  EXPECT_EQ(FormatScaled(0, 0), "0");
}

TEST(DecodeTest, DateTimeRoundsLikeSqlServer) {
  // 1900-01-01 is day 0; one tick is 1/300 s → .0033333.
  Timestamp t = DecodeDateTime(0, 1);
  EXPECT_EQ(t.seconds, -2208988800);
  EXPECT_EQ(t.nanos, 3333300);
  EXPECT_EQ(DecodeDateTime(0, 2).nanos, 6666700);
  // 2024-01-02 03:04:05.997 → days 45291, ticks (11045 s * 300 + 299).
  t = DecodeDateTime(45291, 11045 * 300 + 299);
  EXPECT_EQ(FormatTimestamp(t), "2024-01-02T03:04:05.9966667");
  // Before 1900: negative days (1753-01-01).
  EXPECT_EQ(FormatTimestamp(DecodeDateTime(-53690, 0)), "1753-01-01T00:00:00.0000000");
}

TEST(DecodeTest, SmallDateTime) {
  EXPECT_EQ(FormatTimestamp(DecodeSmallDateTime(45291, 184)), "2024-01-02T03:04:00.0000000");
}

TEST(DecodeTest, DateTimeAll) {
  // 0001-01-01 is 693595 days before 1900-01-01.
  EXPECT_EQ(FormatTimestamp(DecodeDateTimeAll(-693595, 0)), "0001-01-01T00:00:00.0000000");
  EXPECT_EQ(FormatTimestamp(DecodeDateTimeAll(2958463, 863999999999ULL)),
            "9999-12-31T23:59:59.9999999");
  EXPECT_EQ(FormatDate(DecodeDateTimeAll(45291, 0)), "2024-01-02");
}

TEST(DecodeTest, Time) {
  EXPECT_EQ(FormatTime(0), "00:00:00.0000000");
  EXPECT_EQ(FormatTime(863999999999ULL), "23:59:59.9999999");
  EXPECT_EQ(FormatTime((12ULL * 3600 + 34 * 60 + 56) * 10000000 + 1000000), "12:34:56.1000000");
}

TEST(DecodeTest, Guid) {
  // Wire order: Data1..3 little-endian.
  EXPECT_EQ(FormatGuid(Bytes({0xFF, 0x19, 0x96, 0x6F, 0x86, 0x8B, 0x11, 0xD0, 0xB4, 0x2D, 0x00,
                              0xC0, 0x4F, 0xC9, 0x64, 0xFF})),
            "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  EXPECT_EQ(FormatGuid("short"), "");
}

}  // namespace
}  // namespace ehi::sqlserver
