#include "server/server_main.h"

#include "gtest/gtest.h"

namespace ehi::server {
namespace {

TEST(OptionsTest, Defaults) {
  absl::StatusOr<Options> o = ParseOptions({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->mode, Options::Mode::kServe);
  EXPECT_EQ(o->port, 50051);
}

TEST(OptionsTest, Forms) {
  EXPECT_EQ(ParseOptions({"--port", "123"})->port, 123);
  EXPECT_EQ(ParseOptions({"--port=0"})->port, 0);
  EXPECT_EQ(ParseOptions({"--help"})->mode, Options::Mode::kHelp);
  EXPECT_EQ(ParseOptions({"--version"})->mode, Options::Mode::kVersion);
  absl::StatusOr<Options> h = ParseOptions({"--health-check", "--port", "9", "--host", "::1"});
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->mode, Options::Mode::kHealthCheck);
  EXPECT_EQ(h->host, "::1");
}

TEST(OptionsTest, Errors) {
  EXPECT_FALSE(ParseOptions({"--port"}).ok());
  EXPECT_FALSE(ParseOptions({"--port", "x"}).ok());
  EXPECT_FALSE(ParseOptions({"--port", "70000"}).ok());
  EXPECT_FALSE(ParseOptions({"--port", "-1"}).ok());
  EXPECT_FALSE(ParseOptions({"--frobnicate"}).ok());
  EXPECT_FALSE(ParseOptions({"--health-check", "--port", "0"}).ok());
}

}  // namespace
}  // namespace ehi::server
