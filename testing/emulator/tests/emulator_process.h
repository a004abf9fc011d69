// Starts the real mssql-emulator binary (the one built with the tests) on a
// free port and stops it (SIGTERM, then wait) when the object goes away.
// Built on ehi::testkit::Subprocess; what it adds is the emulator's start-up
// contract: `--port 0` and a first stdout line "listening on <port>".
//
//   auto emulator = EmulatorProcess::Start({"--password", "pw"});
//   ASSERT_TRUE(emulator.ok()) << emulator.status();  // missing or crashed: fails
//   Connect("127.0.0.1", (*emulator)->port());
#ifndef EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_
#define EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "testing/testkit/subprocess.h"

namespace emulator::testing {

// Path of the mssql-emulator built in this tree.
std::string EmulatorBinary();

class EmulatorProcess {
 public:
  // Runs EmulatorBinary() with `--port 0` plus `args` and waits for its
  // "listening on <port>" line. `stderr_path` receives the JSON log lines
  // (empty: inherited, so they show in the test's output). An error names
  // the binary and says why it did not start (not built, exited with a
  // code, no such line in time).
  static absl::StatusOr<std::unique_ptr<EmulatorProcess>> Start(
      const std::vector<std::string>& args, const std::string& stderr_path = "");
  ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return process_.pid(); }
  ehi::testkit::Subprocess& process() { return process_; }
  // SIGTERM, up to 10 s for the exit (then SIGKILL); the exit code.
  absl::StatusOr<int> Stop();

 private:
  EmulatorProcess(ehi::testkit::Subprocess process, int port)
      : process_(std::move(process)), port_(port) {}
  ehi::testkit::Subprocess process_;
  int port_;
};

}  // namespace emulator::testing

#endif  // EHI_TESTING_EMULATOR_TESTS_EMULATOR_PROCESS_H_
