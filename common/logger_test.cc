#include "common/logger.h"

#include <cstdio>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace ehi {
namespace {

TEST(LoggerTest, FormatsTheSdkLineShape) {
  const auto line = FormatLogLine(LogLevel::kWarning, "odd \"thing\"\n", "sdk_connector");
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["level"], "WARNING");
  EXPECT_EQ(json["message"], "odd \"thing\"\n");
  EXPECT_EQ(json["message-origin"], "sdk_connector");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LoggerTest, DebugLinesOnlyWhenEnabled) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  SetLogSink(sink);
  SetDebugLogging(false);
  LogDebug("hidden");
  LogSevere("shown");
  SetDebugLogging(true);
  LogDebug("visible");
  SetDebugLogging(false);
  SetLogSink(nullptr);

  std::rewind(sink);
  char buf[1024];
  std::string text;
  while (std::fgets(buf, sizeof buf, sink)) text += buf;
  std::fclose(sink);
  EXPECT_EQ(text.find("hidden"), std::string::npos);
  EXPECT_NE(text.find(R"("level":"SEVERE","message":"shown")"), std::string::npos);
  EXPECT_NE(text.find(R"("message":"visible")"), std::string::npos);
}

}  // namespace
}  // namespace ehi
