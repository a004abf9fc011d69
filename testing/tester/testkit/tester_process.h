// Runs the real connector-tester binary as a child process, for process-level
// tests (and the end-to-end tests against the real connector). Output
// (stdout and stderr) goes to a file so it can be read while the process
// runs; stdin is /dev/null, as in CI.
//
//   TesterProcess p;
//   ASSERT_TRUE(p.Start({"--port", "4000", "--data-dir", dir}).ok());
//   ProcessResult r = p.Wait(absl::Seconds(60));
//   EXPECT_EQ(r.exit_code, 0) << r.output;
#ifndef EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_
#define EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace tester::testkit {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string output;
};

class TesterProcess {
 public:
  TesterProcess();
  ~TesterProcess();  // kills a process still running
  TesterProcess(const TesterProcess&) = delete;
  TesterProcess& operator=(const TesterProcess&) = delete;

  static std::string BinaryPath();

  absl::Status Start(const std::vector<std::string>& args);
  // Waits for exit; kills (SIGKILL) after `timeout`.
  ProcessResult Wait(absl::Duration timeout);
  void Kill(int signal);
  std::string Output() const;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string output_path_;
};

// Start + Wait.
ProcessResult RunTester(const std::vector<std::string>& args,
                        absl::Duration timeout = absl::Seconds(120));

// A fresh, empty folder under $TMPDIR (or /tmp).
std::string MakeTempDir(const std::string& prefix);

// Polls `predicate` every 20 ms until it is true or `timeout` passes.
bool WaitFor(const std::function<bool()>& predicate, absl::Duration timeout);

}  // namespace tester::testkit

#endif  // EHI_TESTING_TESTER_TESTKIT_TESTER_PROCESS_H_
