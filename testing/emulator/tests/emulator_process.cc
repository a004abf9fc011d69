#include "testing/emulator/tests/emulator_process.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#ifndef EHI_MSSQL_EMULATOR
#error "EHI_MSSQL_EMULATOR must name the mssql-emulator binary"
#endif

namespace emulator::testing {

absl::StatusOr<std::unique_ptr<EmulatorProcess>> EmulatorProcess::Start(
    const std::vector<std::string>& args, const std::string& binary) {
  const std::string program = binary.empty() ? EHI_MSSQL_EMULATOR : binary;
  int out[2];
  if (::pipe(out) != 0) return absl::InternalError("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<std::string> argv_storage = {program, "--port", "0"};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    std::perror("execv mssql-emulator");
    ::_exit(127);
  }
  ::close(out[1]);
  // Read the first line: "listening on <port>".
  std::string line;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  ::close(out[0]);
  int port = 0;
  const std::string prefix = "listening on ";
  if (line.rfind(prefix, 0) != 0 || !absl::SimpleAtoi(line.substr(prefix.size()), &port)) {
    int status = 0;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return absl::UnavailableError(
        absl::StrCat("mssql-emulator did not start (first line: '", line, "')"));
  }
  return std::unique_ptr<EmulatorProcess>(new EmulatorProcess(pid, port));
}

int EmulatorProcess::Stop() {
  if (stopped_) return exit_status_;
  stopped_ = true;
  ::kill(pid_, SIGTERM);
  // Give it 10 s to stop cleanly, then kill it.
  for (int i = 0; i < 1000; ++i) {
    if (::waitpid(pid_, &exit_status_, WNOHANG) == pid_) return exit_status_;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &exit_status_, 0);
  return exit_status_;
}

EmulatorProcess::~EmulatorProcess() { Stop(); }

std::string RunCommand(const std::string& command, const std::string& input, int* exit_code) {
  const std::string dir = MakeTempDir();
  const std::string input_path = dir + "/stdin.txt";
  std::ofstream(input_path) << input;
  const std::string full = absl::StrCat("(", command, ") < ", input_path, " 2>&1");
  std::string output;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return output;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) output.append(buf, n);
  const int status = ::pclose(pipe);
  if (exit_code != nullptr) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

bool HaveTool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = absl::StrCat(base != nullptr ? base : "/tmp", "/mssql-emulator-test-XXXXXX");
  if (::mkdtemp(templ.data()) == nullptr) return "/tmp";
  return templ;
}

bool MakeCertificate(const std::string& dir) {
  if (!HaveTool("openssl")) return false;
  const std::string cmd =
      absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout ",
                   dir, "/key.pem -out ", dir, "/cert.pem >/dev/null 2>&1");
  return std::system(cmd.c_str()) == 0;
}

}  // namespace emulator::testing
