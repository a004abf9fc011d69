#include "common/civil_date.h"

#include "gtest/gtest.h"

namespace ehi {
namespace {

TEST(CivilDateTest, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1900, 1, 1), -25567);
  EXPECT_EQ(DaysFromCivil(1, 1, 1), -719162);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), 2932896);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2024, 2, 29)), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2023, 3, 1) - 1), (CivilDate{2023, 2, 28}));
  EXPECT_EQ(CivilFromDays(-1), (CivilDate{1969, 12, 31}));
}

TEST(CivilDateTest, RoundTripsEveryThousandthDay) {
  for (int64_t day = -800000; day < 3000000; day += 997) {
    const CivilDate c = CivilFromDays(day);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), day) << day;
    EXPECT_GE(c.month, 1u);
    EXPECT_LE(c.month, 12u);
    EXPECT_GE(c.day, 1u);
    EXPECT_LE(c.day, 31u);
  }
}

}  // namespace
}  // namespace ehi
