// Test helpers shared by the integration and end-to-end tests (connector
// host, tester, sync engine): child processes, free ports, temporary
// directories, TLS certificates made with the openssl CLI.
//
//   TempDir dir;                                     // removed on scope exit
//   absl::StatusOr<ChildProcess> emu = ChildProcess::Start(
//       {emulator_path, "--port", "0", "--seed", "demo"});
//   absl::StatusOr<std::string> line = emu->ReadLine(absl::Seconds(10));
//   // "listening on 40123"
//
// Not thread-safe: a ChildProcess is driven by one test thread.
#ifndef EHI_TESTING_E2E_PROCESS_H_
#define EHI_TESTING_E2E_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ehi::e2e {

// A child process with its stdout piped to the parent (stderr is inherited
// unless `stderr_path` is given). The destructor sends SIGKILL if the
// process is still running.
class ChildProcess {
 public:
  static absl::StatusOr<ChildProcess> Start(const std::vector<std::string>& argv,
                                            const std::map<std::string, std::string>& env = {},
                                            const std::string& stderr_path = "");
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  // Next stdout line (without the newline), or DEADLINE_EXCEEDED / NOT_FOUND
  // at end of output.
  absl::StatusOr<std::string> ReadLine(absl::Duration timeout);
  // Reads lines until one contains `needle`; returns that line.
  absl::StatusOr<std::string> WaitForLine(const std::string& needle, absl::Duration timeout);
  // Everything read so far.
  const std::string& output() const { return seen_; }

  // Sends `signal` and waits up to `timeout` for the exit; returns the
  // raw wait status, or DEADLINE_EXCEEDED (the process is then killed).
  absl::StatusOr<int> Stop(int signal, absl::Duration timeout);
  bool running();
  pid_t pid() const { return pid_; }

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  bool reaped_ = false;
  std::string buffer_;
  std::string seen_;
};

// A TCP port that was free a moment ago (bound on port 0 and released).
int PickFreePort();

// mkdtemp directory, removed recursively on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs a shell command, returning its exit status (0 = success).
int RunCommand(const std::string& command);

struct TlsFiles {
  std::string ca_cert;      // PEM of the CA that signed the server cert
  std::string server_cert;  // PEM, CN and subjectAltName = host name
  std::string server_key;   // PEM private key
};
// A CA and a server certificate for `host_name` (DNS and IP SANs for
// localhost/127.0.0.1/::1 too), RSA 2048, via the openssl CLI.
absl::StatusOr<TlsFiles> MakeTlsFiles(const std::string& dir, const std::string& host_name);

std::string ReadFileOrEmpty(const std::string& path);

}  // namespace ehi::e2e

#endif  // EHI_TESTING_E2E_PROCESS_H_
