#include "testing/tester/testkit/tester_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace tester::testkit {

TesterProcess::TesterProcess() = default;

TesterProcess::~TesterProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (!output_path_.empty()) {
    ::unlink(output_path_.c_str());
    ::rmdir(output_path_.substr(0, output_path_.rfind('/')).c_str());
  }
}

std::string TesterProcess::BinaryPath() { return CONNECTOR_TESTER_PATH; }

absl::Status TesterProcess::Start(const std::vector<std::string>& args) {
  std::string dir = MakeTempDir("tester-output");
  output_path_ = dir + "/output.txt";
  std::vector<std::string> argv_storage = {BinaryPath()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    int out = ::open(output_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) ::_exit(126);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  return absl::OkStatus();
}

ProcessResult TesterProcess::Wait(absl::Duration timeout) {
  ProcessResult result;
  absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (pid_ > 0) {
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      break;
    }
    if (absl::Now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  result.output = Output();
  return result;
}

void TesterProcess::Kill(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
}

std::string TesterProcess::Output() const {
  std::ifstream in(output_path_);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ProcessResult RunTester(const std::vector<std::string>& args, absl::Duration timeout) {
  TesterProcess process;
  if (!process.Start(args).ok()) return {};
  return process.Wait(timeout);
}

std::string MakeTempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(base != nullptr ? base : "/tmp", "/", prefix, "-XXXXXX");
  char* made = ::mkdtemp(pattern.data());
  return made != nullptr ? std::string(made) : std::string();
}

bool WaitFor(const std::function<bool()>& predicate, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (predicate()) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return predicate();
}

}  // namespace tester::testkit
