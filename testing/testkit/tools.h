// Programs on PATH and shell commands, for tests that drive command-line
// clients (tsql, node, openssl).
//
//   ASSERT_TRUE(HaveTool("tsql")) << "run scripts/deps.sh test";
//   CommandResult r = RunCommand("tsql -H 127.0.0.1 -p 1433 -U sa -P pw", "SELECT 1\ngo\n");
//   EXPECT_EQ(r.exit_code, 0) << r.output;
#ifndef EHI_TESTING_TESTKIT_TOOLS_H_
#define EHI_TESTING_TESTKIT_TOOLS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace ehi::testkit {

// The absolute path of the executable `name` on PATH; a `name` holding a
// '/' is returned as is when it is executable.
std::optional<std::string> FindTool(const std::string& name);
bool HaveTool(const std::string& name);

struct CommandResult {
  // The exit code (128 + signal when killed); -1 when the program could
  // not be started or did not finish in time (`output` then says why).
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved as written
};

// Runs `argv` with `stdin_input` on its stdin and waits up to `timeout`.
CommandResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_input = "",
                         absl::Duration timeout = absl::Minutes(5));

// Runs `command` through /bin/sh -c (so it may hold pipes, quotes and
// variable assignments), like RunProgram().
CommandResult RunCommand(const std::string& command, const std::string& stdin_input = "",
                         absl::Duration timeout = absl::Minutes(5));

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_TOOLS_H_
