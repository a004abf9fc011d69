// SQLite collations that give SQL Server's comparison rules.
//
//   ms_ci       varchar under SQL_Latin1_General_CP1_CI_AS ("string sort"):
//               case-insensitive, accent-sensitive, trailing spaces ignored;
//               punctuation < digits < letters.
//   ms_cin      nvarchar under the same collation ("word sort"): as ms_ci,
//               but hyphen and apostrophe are ignored at the first level,
//               so abctest < abc-test < abctest1.
//   ms_decimal  exact numeric order of decimal text ("-1.50" < "2").
//   ms_dto      datetimeoffset storage: by UTC instant, offset ignored.
//
// Accented Latin-1 letters sort with their base letter (then by accent);
// other scripts compare by code point after simple case folding
// (approximation, see README).
#ifndef EHI_TESTING_EMULATOR_ENGINE_COLLATIONS_H_
#define EHI_TESTING_EMULATOR_ENGINE_COLLATIONS_H_

#include "absl/strings/string_view.h"

struct sqlite3;

namespace emulator {

// <0, 0, >0 like memcmp; `word_sort` selects the nvarchar rules.
int CompareSqlServerStrings(absl::string_view a, absl::string_view b, bool word_sort);

// Registers ms_ci, ms_cin, ms_decimal and ms_dto on `db`.
int RegisterCollations(sqlite3* db);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_COLLATIONS_H_
