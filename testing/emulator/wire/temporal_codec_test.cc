#include "testing/emulator/wire/temporal_codec.h"

#include "gtest/gtest.h"

namespace emulator {
namespace {

TEST(TemporalCodecTest, CivilDaysRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1900, 1, 1), kDaysTo1900);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), 3652058);
  for (int64_t d :
       {int64_t{0}, int64_t{59}, int64_t{60}, kDaysTo1900, int64_t{730119}, int64_t{3652058}}) {
    int y, m, day;
    CivilFromDays(d, &y, &m, &day);
    EXPECT_EQ(DaysFromCivil(y, m, day), d);
  }
  EXPECT_EQ(FormatDate(DaysFromCivil(2024, 2, 29)), "2024-02-29");
}

TEST(TemporalCodecTest, ParsesCanonicalForms) {
  auto t = ParseTemporal("2024-01-02 03:04:05.1234567 +05:30");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->has_date && t->has_time && t->has_offset);
  EXPECT_EQ(t->days, DaysFromCivil(2024, 1, 2));
  EXPECT_EQ(t->ticks, (3 * 3600 + 4 * 60 + 5) * kTicksPerSecond + 1234567);
  EXPECT_EQ(t->offset_minutes, 330);

  t = ParseTemporal("23:59:59.9");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->has_date);
  EXPECT_EQ(t->ticks, 86399 * kTicksPerSecond + 9000000);

  t = ParseTemporal("2024-01-02T00:00:00-08:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->offset_minutes, -480);

  t = ParseTemporal("9999-12-31");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->has_time);
}

TEST(TemporalCodecTest, RejectsBadValues) {
  EXPECT_FALSE(ParseTemporal("2023-02-29").ok());
  EXPECT_FALSE(ParseTemporal("2023-13-01").ok());
  EXPECT_FALSE(ParseTemporal("24:00:00").ok());
  EXPECT_FALSE(ParseTemporal("2024-01-01 10:00:00 +15:00").ok());
  EXPECT_FALSE(ParseTemporal("yesterday").ok());
  EXPECT_FALSE(ParseTemporal("").ok());
}

TEST(TemporalCodecTest, RoundsToScale) {
  EXPECT_EQ(RoundTicksToScale(1234567, 3), 1230000);
  EXPECT_EQ(RoundTicksToScale(1235000, 3), 1240000);
  EXPECT_EQ(RoundTicksToScale(1234567, 7), 1234567);
  EXPECT_EQ(RoundTicksToScale(kTicksPerDay - 1, 0), kTicksPerDay);
  EXPECT_EQ(FormatTime(kTicksPerSecond * 3661 + 5, 7), "01:01:01.0000005");
  EXPECT_EQ(FormatTime(0, 0), "00:00:00");
  EXPECT_EQ(FormatOffset(-330), "-05:30");
}

}  // namespace
}  // namespace emulator
