#include "testing/emulator/engine/collations.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "testing/emulator/engine/sql_types.h"

namespace emulator {
namespace {

// Decodes one UTF-8 code point at s[*i] (lenient with malformed input).
uint32_t NextCodePoint(absl::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (*i + n > s.size()) n = 1;
  uint32_t cp = c;
  if (n == 2) cp = ((c & 0x1F) << 6) | (s[*i + 1] & 0x3F);
  if (n == 3) cp = ((c & 0x0F) << 12) | ((s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
  if (n == 4) {
    cp = ((c & 0x07) << 18) | ((s[*i + 1] & 0x3F) << 12) | ((s[*i + 2] & 0x3F) << 6) |
         (s[*i + 3] & 0x3F);
  }
  *i += n;
  return cp;
}

// Upper-case folding for ASCII, Latin-1, Greek and Cyrillic.
uint32_t Fold(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) return cp - 32;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  return cp;
}

// First-level weight: punctuation < digits < letters; accented Latin-1
// letters weigh as their base letter.
uint32_t Primary(uint32_t folded) {
  static constexpr char kBase[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTS";  // U+00C0..U+00DF
  if (folded >= 'A' && folded <= 'Z') return 0x20000 + folded * 4;
  if (folded >= '0' && folded <= '9') return 0x10000 + folded;
  if (folded >= 0xC0 && folded <= 0xDF && folded != 0xD7) {
    return 0x20000 + static_cast<uint32_t>(kBase[folded - 0xC0]) * 4 + 1;
  }
  if (folded == 0x178) return 0x20000 + 'Y' * 4 + 1;
  if (folded < 0x80) return folded;  // punctuation, space
  return 0x30000 + folded;
}

bool Ignorable(uint32_t cp, bool word_sort) { return word_sort && (cp == '-' || cp == '\''); }

absl::string_view TrimRight(absl::string_view s) {
  size_t n = s.size();
  while (n > 0 && s[n - 1] == ' ') --n;
  return s.substr(0, n);
}

int CompareDecimalCollation(void*, int na, const void* a, int nb, const void* b) {
  return CompareDecimalText(absl::string_view(static_cast<const char*>(a), na),
                            absl::string_view(static_cast<const char*>(b), nb));
}

// datetimeoffset storage is "<UTC datetime, 27 chars> +HH:MM": equal UTC
// instants are equal whatever their offsets.
int CompareDto(void*, int na, const void* a, int nb, const void* b) {
  int n = std::min(std::min(na, nb), 27);
  int c = std::memcmp(a, b, n);
  if (c != 0) return c;
  if (na >= 27 && nb >= 27) return 0;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

int CompareCi(void*, int na, const void* a, int nb, const void* b) {
  return CompareSqlServerStrings(absl::string_view(static_cast<const char*>(a), na),
                                 absl::string_view(static_cast<const char*>(b), nb), false);
}

int CompareCin(void*, int na, const void* a, int nb, const void* b) {
  return CompareSqlServerStrings(absl::string_view(static_cast<const char*>(a), na),
                                 absl::string_view(static_cast<const char*>(b), nb), true);
}

}  // namespace

int CompareSqlServerStrings(absl::string_view a, absl::string_view b, bool word_sort) {
  a = TrimRight(a);
  b = TrimRight(b);
  // Level 1: base letters, case folded, ignorables skipped.
  size_t i = 0, j = 0;
  while (true) {
    uint32_t ca = 0, cb = 0;
    bool ha = false, hb = false;
    while (i < a.size()) {
      ca = NextCodePoint(a, &i);
      if (!Ignorable(ca, word_sort)) {
        ha = true;
        break;
      }
    }
    while (j < b.size()) {
      cb = NextCodePoint(b, &j);
      if (!Ignorable(cb, word_sort)) {
        hb = true;
        break;
      }
    }
    if (!ha || !hb) {
      if (ha != hb) return ha ? 1 : -1;
      break;
    }
    uint32_t pa = Primary(Fold(ca)), pb = Primary(Fold(cb));
    if (pa != pb) return pa < pb ? -1 : 1;
  }
  // Level 2: accents (folded code points), with ignorables weighing most.
  i = j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t ca = Fold(NextCodePoint(a, &i)), cb = Fold(NextCodePoint(b, &j));
    if (Ignorable(ca, word_sort)) ca = 0x7FFFFFFF;
    if (Ignorable(cb, word_sort)) cb = 0x7FFFFFFF;
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

int RegisterCollations(sqlite3* db) {
  int rc = sqlite3_create_collation(db, "ms_ci", SQLITE_UTF8, nullptr, CompareCi);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_collation(db, "ms_cin", SQLITE_UTF8, nullptr, CompareCin);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_collation(db, "ms_decimal", SQLITE_UTF8, nullptr, CompareDecimalCollation);
  }
  if (rc == SQLITE_OK)
    rc = sqlite3_create_collation(db, "ms_dto", SQLITE_UTF8, nullptr, CompareDto);
  return rc;
}

}  // namespace emulator
