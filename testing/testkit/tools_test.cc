#include "testing/testkit/tools.h"

#include "gtest/gtest.h"
#include "testing/testkit/ports.h"
#include "testing/testkit/wait_for.h"

namespace ehi::testkit {
namespace {

TEST(ToolsTest, FindsProgramsOnPath) {
  std::optional<std::string> sh = FindTool("sh");
  ASSERT_TRUE(sh.has_value());
  EXPECT_EQ(sh->front(), '/');
  EXPECT_TRUE(HaveTool("/bin/sh"));
  EXPECT_FALSE(HaveTool("ehi-no-such-tool-on-path"));
  EXPECT_FALSE(HaveTool(""));
}

TEST(ToolsTest, RunCommandFeedsStdinAndCombinesOutput) {
  CommandResult r = RunCommand("tr a-z A-Z; echo err >&2; exit 4", "hello\n");
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.output, "HELLO\nerr\n");
  EXPECT_EQ(RunCommand("true").exit_code, 0);
}

TEST(ToolsTest, RunTimesOut) {
  CommandResult r = RunProgram({"/bin/sleep", "30"}, "", absl::Milliseconds(200));
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_NE(r.output.find("did not exit"), std::string::npos) << r.output;
}

TEST(WaitForTest, TrueOnceThePredicateHolds) {
  int calls = 0;
  EXPECT_TRUE(WaitFor([&] { return ++calls == 3; }, absl::Seconds(10), absl::Milliseconds(1)));
  EXPECT_EQ(calls, 3);
  EXPECT_FALSE(WaitFor([] { return false; }, absl::Milliseconds(50)));
}

TEST(PortsTest, PicksAUsablePort) {
  absl::StatusOr<int> port = PickFreePort();
  ASSERT_TRUE(port.ok()) << port.status();
  EXPECT_GT(*port, 0);
  EXPECT_LT(*port, 65536);
}

}  // namespace
}  // namespace ehi::testkit
