#include "server/request_prologue.h"

#include <cstdio>
#include <string>

#include "common/logger.h"
#include "gtest/gtest.h"

namespace ehi::server {
namespace {

google::protobuf::Map<std::string, std::string> Configuration() {
  google::protobuf::Map<std::string, std::string> m;
  m["mssql_server"] = "db.example.org";
  m["mssql_database"] = "Caboodle";
  m["mssql_user"] = "reader";
  m["mssql_password"] = "pw";
  return m;
}

// Captures the logger's lines for the life of the object.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()) { SetLogSink(file_); }
  ~CapturedLog() {
    SetLogSink(nullptr);
    std::fclose(file_);
  }
  std::string Text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string text;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) text.append(buffer, n);
    return text;
  }

 private:
  std::FILE* file_;
};

TEST(RequestPrologueTest, AppliesDebugEitherWay) {
  SetDebugLogging(false);
  auto configuration = Configuration();
  configuration["debug"] = "true";
  ASSERT_TRUE(BeginRequest(configuration).ok());
  EXPECT_TRUE(DebugLoggingEnabled());

  // A request without the key gets the default (false) again.
  ASSERT_TRUE(BeginRequest(Configuration()).ok());
  EXPECT_FALSE(DebugLoggingEnabled());
}

TEST(RequestPrologueTest, LogsWarningsAndReturnsTheConfig) {
  CapturedLog log;
  auto configuration = Configuration();
  configuration["colour"] = "blue";
  configuration["mssql_port"] = "14330";
  absl::StatusOr<Config> config = BeginRequest(configuration);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->port, 14330);
  ASSERT_EQ(config->warnings.size(), 1u);
  const std::string text = log.Text();
  EXPECT_NE(text.find("\"level\":\"WARNING\""), std::string::npos) << text;
  EXPECT_NE(text.find("'colour'"), std::string::npos) << text;
  EXPECT_EQ(text.find("blue"), std::string::npos) << text;
}

TEST(RequestPrologueTest, MalformedConfigurationIsInvalidArgument) {
  auto configuration = Configuration();
  configuration.erase("mssql_server");
  absl::StatusOr<Config> config = BeginRequest(configuration);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ehi::server
