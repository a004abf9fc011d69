// A child process for tests: argv plus extra environment, stdout piped to the
// test (read line by line with timeouts) or written to a file, stderr to a
// file or inherited, and a destructor that never leaves it running.
//
//   absl::StatusOr<Subprocess> emulator =
//       Subprocess::Start({"/path/to/mssql-emulator", "--port", "0"});
//   ASSERT_TRUE(emulator.ok()) << emulator.status();   // e.g. "cannot execute"
//   absl::StatusOr<std::string> line =
//       emulator->WaitForLine("listening on", absl::Seconds(10));
//   ...
//   absl::StatusOr<int> code = emulator->Stop(SIGTERM, absl::Seconds(5));
//
// Exit codes follow the shell: the exit status, or 128 + the signal number
// when a signal ended the process.
//
// A Subprocess is movable, not copyable, and not thread-safe: one test
// thread drives it. The child is started with an empty signal mask (a gRPC
// server in the test may have blocked signals), so SIGTERM reaches it.
// It is killed (SIGKILL) when the thread that started it dies, so a test
// that crashes (a sanitizer report, say) leaves no server behind holding
// ctest's output pipe open; start children from the test's own thread.
#ifndef EHI_TESTING_TESTKIT_SUBPROCESS_H_
#define EHI_TESTING_TESTKIT_SUBPROCESS_H_

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ehi::testkit {

struct SubprocessOptions {
  // Added to (or replacing entries of) the inherited environment.
  std::map<std::string, std::string> env;
  // Empty: stdout is piped to the Subprocess (ReadLine, WaitForLine).
  // Otherwise stdout goes to this file (created or truncated) and output()
  // reads it back.
  std::string stdout_path;
  // Empty: stderr is inherited (it shows in the test's log). Otherwise it is
  // appended to this file.
  std::string stderr_path;
  // stderr joins stdout (pipe or file); stderr_path is then ignored.
  bool stderr_to_stdout = false;
  // Empty: stdin is /dev/null. Otherwise the child reads this file.
  std::string stdin_path;
};

class Subprocess {
 public:
  // Starts argv[0] (a path, or a program name looked up on PATH). Fails
  // with NOT_FOUND / PERMISSION_DENIED naming the program when it cannot be
  // executed, so a missing binary is an error here, not a silent exit 127.
  static absl::StatusOr<Subprocess> Start(const std::vector<std::string>& argv,
                                          const SubprocessOptions& options = {});

  Subprocess(Subprocess&& other) noexcept;
  Subprocess& operator=(Subprocess&& other) noexcept;
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  // Sends SIGKILL to a child still running and reaps it.
  ~Subprocess();

  // The next stdout line, without its newline. DEADLINE_EXCEEDED when none
  // arrives in time; OUT_OF_RANGE at end of output (the message holds the
  // output so far). FAILED_PRECONDITION when stdout is not piped.
  absl::StatusOr<std::string> ReadLine(absl::Duration timeout);
  // Reads lines until one contains `needle` and returns it.
  absl::StatusOr<std::string> WaitForLine(const std::string& needle, absl::Duration timeout);
  // The output so far: the lines read from the pipe (and any partial line
  // buffered), or the stdout file's content.
  std::string output() const;

  // Sends `signal`.
  absl::Status Signal(int signal);
  // Waits up to `timeout` for the exit and returns the exit code. After the
  // timeout the child is killed (SIGKILL) and DEADLINE_EXCEEDED returned.
  absl::StatusOr<int> Wait(absl::Duration timeout);
  // Signal(signal) then Wait(timeout).
  absl::StatusOr<int> Stop(int signal, absl::Duration timeout);

  // False once the child has exited (it is reaped then).
  bool running();
  // The exit code once the child has been reaped.
  std::optional<int> exit_code() const { return exit_code_; }
  pid_t pid() const { return pid_; }
  const std::vector<std::string>& argv() const { return argv_; }

 private:
  Subprocess() = default;
  // Reaps the child if it has exited (or waits when `block`); true if reaped.
  bool Reap(bool block);
  void Release();

  std::vector<std::string> argv_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  int stdout_fd_ = -1;  // read end of the stdout pipe, if piped
  std::string stdout_path_;
  std::string buffer_;  // bytes read but not yet returned as a line
  std::string seen_;    // lines returned so far
};

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_SUBPROCESS_H_
