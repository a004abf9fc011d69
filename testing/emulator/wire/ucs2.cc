#include "testing/emulator/wire/ucs2.h"

#include <cstdint>

namespace emulator {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes one code point at `*pos`, advancing it; invalid sequences yield
// U+FFFD and consume one byte.
uint32_t NextCodePoint(std::string_view s, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t b0 = byte(*pos);
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  int extra = 0;
  uint32_t cp = 0;
  uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    ++*pos;
    return kReplacement;
  }
  if (*pos + static_cast<size_t>(extra) >= s.size()) {
    ++*pos;
    return kReplacement;
  }
  for (int i = 1; i <= extra; ++i) {
    const uint8_t b = byte(*pos + static_cast<size_t>(i));
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kReplacement;
  }
  *pos += static_cast<size_t>(extra) + 1;
  return cp;
}

void PutUnit(uint32_t unit, std::string* out) {
  out->push_back(static_cast<char>(unit & 0xFF));
  out->push_back(static_cast<char>((unit >> 8) & 0xFF));
}

void PutUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void AppendUtf16Le(std::string_view utf8, std::string* out) {
  out->reserve(out->size() + utf8.size() * 2);
  size_t pos = 0;
  while (pos < utf8.size()) {
    // ASCII fast path: most SQL text and names are plain ASCII.
    const uint8_t b = static_cast<uint8_t>(utf8[pos]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b));
      out->push_back('\0');
      ++pos;
      continue;
    }
    const uint32_t cp = NextCodePoint(utf8, &pos);
    if (cp >= 0x10000) {
      const uint32_t v = cp - 0x10000;
      PutUnit(0xD800 | (v >> 10), out);
      PutUnit(0xDC00 | (v & 0x3FF), out);
    } else {
      PutUnit(cp, out);
    }
  }
}

std::string Utf8ToUtf16Le(std::string_view utf8) {
  std::string out;
  AppendUtf16Le(utf8, &out);
  return out;
}

size_t Utf16Length(std::string_view utf8) {
  size_t units = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<uint8_t>(utf8[pos]) < 0x80) {
      ++pos;
      ++units;
      continue;
    }
    units += NextCodePoint(utf8, &pos) >= 0x10000 ? 2 : 1;
  }
  return units;
}

void AppendUtf8FromUtf16Le(std::string_view utf16, std::string* out) {
  const size_t units = utf16.size() / 2;
  const auto unit = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(utf16[2 * i])) |
           (static_cast<uint32_t>(static_cast<uint8_t>(utf16[2 * i + 1])) << 8);
  };
  out->reserve(out->size() + units);
  for (size_t i = 0; i < units; ++i) {
    const uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      const uint32_t low = unit(i + 1);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        PutUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
        ++i;
        continue;
      }
    }
    PutUtf8(u >= 0xD800 && u <= 0xDFFF ? kReplacement : u, out);
  }
}

std::string Utf16LeToUtf8(std::string_view utf16) {
  std::string out;
  AppendUtf8FromUtf16Le(utf16, &out);
  return out;
}

size_t Utf8PrefixLength(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8.size();
  size_t end = max_bytes;
  // Step back over continuation bytes so the cut lands on a lead byte.
  while (end > 0 && (static_cast<uint8_t>(utf8[end]) & 0xC0) == 0x80) --end;
  return end;
}

}  // namespace emulator
