// UTF-8 <-> UTF-16LE conversion for TDS strings (SQL text, names, nvarchar).
//
// TDS calls it UCS-2 but both FreeTDS and tedious pass surrogate pairs
// through, so non-BMP characters are encoded as pairs. Invalid input never
// fails: bad UTF-8 bytes and unpaired surrogates become U+FFFD, as a server
// must not crash on what a client sends.
#ifndef EHI_TESTING_EMULATOR_WIRE_UCS2_H_
#define EHI_TESTING_EMULATOR_WIRE_UCS2_H_

#include <string>
#include <string_view>

namespace emulator {

// Appends the UTF-16LE encoding of `utf8` to `out`.
void AppendUtf16Le(std::string_view utf8, std::string* out);
std::string Utf8ToUtf16Le(std::string_view utf8);
// Number of UTF-16 code units `utf8` encodes to.
size_t Utf16Length(std::string_view utf8);

// Appends the UTF-8 encoding of UTF-16LE bytes (an odd trailing byte is
// dropped) to `out`.
void AppendUtf8FromUtf16Le(std::string_view utf16, std::string* out);
std::string Utf16LeToUtf8(std::string_view utf16);

// Longest prefix of `utf8` of at most `max_bytes` bytes that does not cut a
// multi-byte sequence.
size_t Utf8PrefixLength(std::string_view utf8, size_t max_bytes);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_UCS2_H_
