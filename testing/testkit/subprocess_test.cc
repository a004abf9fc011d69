#include "testing/testkit/subprocess.h"

#include <signal.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/testkit/files.h"
#include "testing/testkit/temp_dir.h"

namespace ehi::testkit {
namespace {

using ::testing::HasSubstr;

TEST(SubprocessTest, ReadsLinesAndExitCode) {
  absl::StatusOr<Subprocess> p = Subprocess::Start({"/bin/sh", "-c", "echo one; echo two; exit 3"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->ReadLine(absl::Seconds(10)), "one");
  EXPECT_EQ(*p->ReadLine(absl::Seconds(10)), "two");
  absl::StatusOr<std::string> end = p->ReadLine(absl::Seconds(10));
  EXPECT_EQ(end.status().code(), absl::StatusCode::kOutOfRange) << end.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(10)), 3);
  EXPECT_FALSE(p->running());
  EXPECT_EQ(p->exit_code(), 3);
  EXPECT_EQ(p->output(), "one\ntwo\n");
}

TEST(SubprocessTest, LooksUpPathAndPassesEnvironment) {
  SubprocessOptions options;
  options.env = {{"EHI_TESTKIT_GREETING", "hello there"}};
  absl::StatusOr<Subprocess> p =
      Subprocess::Start({"sh", "-c", "echo \"$EHI_TESTKIT_GREETING\""}, options);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->WaitForLine("hello", absl::Seconds(10)), "hello there");
  EXPECT_EQ(*p->Wait(absl::Seconds(10)), 0);
}

TEST(SubprocessTest, MissingProgramFailsAtStart) {
  absl::StatusOr<Subprocess> p = Subprocess::Start({"/nonexistent/ehi-program", "--port", "1"});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(p.status().message(), HasSubstr("/nonexistent/ehi-program"));
  EXPECT_FALSE(Subprocess::Start({"ehi-no-such-tool-on-path"}).ok());
}

TEST(SubprocessTest, ReadLineTimesOut) {
  absl::StatusOr<Subprocess> p = Subprocess::Start({"/bin/sleep", "30"});
  ASSERT_TRUE(p.ok()) << p.status();
  const absl::Time start = absl::Now();
  absl::StatusOr<std::string> line = p->ReadLine(absl::Milliseconds(200));
  EXPECT_EQ(line.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_TRUE(p->running());
}

TEST(SubprocessTest, StopReportsTheSignal) {
  absl::StatusOr<Subprocess> p = Subprocess::Start({"/bin/sleep", "30"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Stop(SIGTERM, absl::Seconds(10)), 128 + SIGTERM);
  EXPECT_FALSE(p->running());
  // Stopping again reports the same exit.
  EXPECT_EQ(*p->Stop(SIGTERM, absl::Seconds(1)), 128 + SIGTERM);
}

TEST(SubprocessTest, WaitTimesOutAndKills) {
  absl::StatusOr<Subprocess> p =
      Subprocess::Start({"/bin/sh", "-c", "trap '' TERM; echo ready; exec sleep 30"});
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(p->WaitForLine("ready", absl::Seconds(10)).ok());  // SIGTERM is ignored now
  absl::StatusOr<int> code = p->Stop(SIGTERM, absl::Milliseconds(300));
  EXPECT_EQ(code.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(p->running());
  EXPECT_EQ(p->exit_code(), 128 + SIGKILL);
}

TEST(SubprocessTest, OutputToAFileWithStderr) {
  TempDir dir;
  SubprocessOptions options;
  options.stdout_path = dir.File("out.txt");
  options.stderr_to_stdout = true;
  absl::StatusOr<Subprocess> p =
      Subprocess::Start({"/bin/sh", "-c", "echo out; echo err >&2"}, options);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(10)), 0);
  EXPECT_EQ(p->output(), "out\nerr\n");
  EXPECT_EQ(p->ReadLine(absl::Seconds(1)).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SubprocessTest, StderrToItsOwnFileAndStdinFromAFile) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("in.txt"), "from stdin\n").ok());
  SubprocessOptions options;
  options.stdin_path = dir.File("in.txt");
  options.stderr_path = dir.File("err.txt");
  absl::StatusOr<Subprocess> p =
      Subprocess::Start({"/bin/sh", "-c", "cat; echo oops >&2"}, options);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->ReadLine(absl::Seconds(10)), "from stdin");
  EXPECT_EQ(*p->Wait(absl::Seconds(10)), 0);
  EXPECT_EQ(*ReadFile(dir.File("err.txt")), "oops\n");
}

TEST(SubprocessTest, DestructionKillsAndMovesKeepOwnership) {
  pid_t pid = -1;
  {
    absl::StatusOr<Subprocess> p = Subprocess::Start({"/bin/sleep", "30"});
    ASSERT_TRUE(p.ok()) << p.status();
    Subprocess moved = *std::move(p);
    pid = moved.pid();
    ASSERT_GT(pid, 0);
    EXPECT_TRUE(moved.running());
  }
  // Reaped by the destructor: the pid no longer names our child.
  EXPECT_NE(kill(pid, 0), 0);
}

}  // namespace
}  // namespace ehi::testkit
