#include "testing/emulator/wire/ucs2.h"

#include "gtest/gtest.h"

namespace emulator {
namespace {

TEST(Ucs2Test, RoundTripsBmpAndSurrogatePairs) {
  const std::string text = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80";  // "héllo € 😀"
  const std::string utf16 = Utf8ToUtf16Le(text);
  EXPECT_EQ(utf16.size(), 2u * 10);
  EXPECT_EQ(Utf16Length(text), 10u);
  EXPECT_EQ(utf16.substr(16), std::string("\x3D\xD8\x00\xDE", 4));
  EXPECT_EQ(Utf16LeToUtf8(utf16), text);
}

TEST(Ucs2Test, ReplacesInvalidInput) {
  EXPECT_EQ(Utf16LeToUtf8(Utf8ToUtf16Le("a\xFF"
                                        "b")),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(Utf16LeToUtf8(Utf8ToUtf16Le("\xE2\x82")), "\xEF\xBF\xBD\xEF\xBF\xBD");
  // An unpaired high surrogate, then an odd trailing byte.
  EXPECT_EQ(Utf16LeToUtf8(std::string("\x3D\xD8\x41\x00\x42", 5)),
            "\xEF\xBF\xBD"
            "A");
}

TEST(Ucs2Test, PrefixDoesNotCutSequences) {
  const std::string text = "ab\xE2\x82\xAC";
  EXPECT_EQ(Utf8PrefixLength(text, 4), 2u);
  EXPECT_EQ(Utf8PrefixLength(text, 5), 5u);
  EXPECT_EQ(Utf8PrefixLength(text, 100), 5u);
}

}  // namespace
}  // namespace emulator
