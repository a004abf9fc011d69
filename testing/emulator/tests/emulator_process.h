// Starts the real mssql-emulator binary on a free port for a test and stops
// it (SIGTERM, then wait) when the object goes away.
//
//   auto emulator = EmulatorProcess::Start({"--password", "pw"});
//   ASSERT_TRUE(emulator.ok()) << emulator.status();
//   Connect("127.0.0.1", (*emulator)->port());
#ifndef EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_
#define EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace emulator::testing {

class EmulatorProcess {
 public:
  // Runs `binary` (default: the mssql-emulator built with the tests) with
  // `--port 0` plus `args`, and waits for its "listening on <port>" line.
  static absl::StatusOr<std::unique_ptr<EmulatorProcess>> Start(
      const std::vector<std::string>& args, const std::string& binary = "");
  ~EmulatorProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and returns the exit status (as from waitpid).
  int Stop();

 private:
  EmulatorProcess(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_;
  int port_;
  bool stopped_ = false;
  int exit_status_ = 0;
};

// Runs a shell command, feeding `input` on stdin; returns stdout+stderr.
std::string RunCommand(const std::string& command, const std::string& input = "",
                       int* exit_code = nullptr);

// True when `tool` is on PATH.
bool HaveTool(const std::string& tool);

// A fresh temporary directory for one test.
std::string MakeTempDir();

// Makes a self-signed certificate and key with the openssl CLI in `dir`
// (cert.pem, key.pem); false when openssl is missing or fails.
bool MakeCertificate(const std::string& dir);

}  // namespace emulator::testing

#endif  // EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_
