// Proleptic Gregorian calendar arithmetic on day numbers, shared by the
// connector's value formatting and the emulator's date types.
//
//   int64_t day = DaysFromCivil(2024, 2, 29);   // days since 1970-01-01
//   CivilDate c = CivilFromDays(day);            // {2024, 2, 29}
//
// Valid for every year SQL Server can store (0001..9999) and far beyond;
// day numbers before 1970 are negative. Thread-safe: pure functions.
#ifndef EHI_COMMON_CIVIL_DATE_H_
#define EHI_COMMON_CIVIL_DATE_H_

#include <cstdint>

namespace ehi {

struct CivilDate {
  int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  bool operator==(const CivilDate& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
};

// Days since 1970-01-01 of a civil date.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
// The civil date of a day number (the inverse of DaysFromCivil).
CivilDate CivilFromDays(int64_t days);

}  // namespace ehi

#endif  // EHI_COMMON_CIVIL_DATE_H_
