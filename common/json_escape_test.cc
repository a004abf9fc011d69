#include "common/json_escape.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace ehi {
namespace {

TEST(JsonEscapeTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonQuote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(JsonQuote("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(JsonQuote(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f\u007f")");
  EXPECT_EQ(JsonQuote(std::string("nul\0x", 5)), R"("nul\u0000x")");
}

TEST(JsonEscapeTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(JsonQuote("h\xC3\xA9llo \xF0\x9F\x98\x80"), "\"h\xC3\xA9llo \xF0\x9F\x98\x80\"");
  EXPECT_EQ(JsonQuote("bad\xFFx"), "\"bad\xEF\xBF\xBDx\"");
  EXPECT_EQ(JsonQuote("cut\xE2\x82"), "\"cut\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuote("surrogate\xED\xA0\x80"),
            "\"surrogate\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonEscapeTest, EveryByteStringRoundTripsThroughAJsonParser) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  const auto parsed = nlohmann::json::parse(JsonQuote(all));
  const std::string back = parsed.get<std::string>();
  // ASCII survives exactly; the high bytes (invalid alone) became U+FFFD.
  EXPECT_EQ(back.substr(0, 128), all.substr(0, 128));
}

}  // namespace
}  // namespace ehi
