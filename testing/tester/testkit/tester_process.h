// Runs the real connector-tester binary (the one built in this tree) as a
// child process, for process-level tests of the tester and the end-to-end
// tests against the real connector. Built on ehi::testkit::Subprocess; what
// it adds is the tester's conventions: stdout and stderr together in one
// file that can be read while it runs, stdin /dev/null as in CI.
//
//   TesterProcess p;
//   ASSERT_TRUE(p.Start({"--port", "4000", "--data-dir", dir}).ok());
//   ProcessResult r = p.Wait(absl::Seconds(60));
//   EXPECT_EQ(r.exit_code, 0) << r.output;
#ifndef EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_
#define EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "testing/testkit/subprocess.h"
#include "testing/testkit/temp_dir.h"

namespace tester::testkit {

struct ProcessResult {
  // Exit code, 128 + signal when killed by a signal; -1 when the tester
  // could not start or did not finish in time (`output` then says why).
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

class TesterProcess {
 public:
  TesterProcess() = default;
  // Kills a process still running.
  ~TesterProcess() = default;
  TesterProcess(const TesterProcess&) = delete;
  TesterProcess& operator=(const TesterProcess&) = delete;

  // The connector-tester built in this tree.
  static std::string BinaryPath();

  // Starts BinaryPath() with `args`; an error names the binary when it
  // cannot be executed.
  absl::Status Start(const std::vector<std::string>& args);
  // Waits for the exit; kills (SIGKILL) after `timeout`.
  ProcessResult Wait(absl::Duration timeout);
  void Kill(int signal);
  // stdout and stderr so far.
  std::string Output() const;
  pid_t pid() const { return process_ ? process_->pid() : -1; }

 private:
  ehi::testkit::TempDir dir_{"tester-output"};
  std::optional<ehi::testkit::Subprocess> process_;
};

// Start + Wait.
ProcessResult RunTester(const std::vector<std::string>& args,
                        absl::Duration timeout = absl::Seconds(120));

}  // namespace tester::testkit

#endif  // EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_
