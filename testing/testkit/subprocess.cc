#include "testing/testkit/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "testing/testkit/files.h"
#include "testing/testkit/tools.h"

extern char** environ;

namespace ehi::testkit {
namespace {

int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

// The child's environment: ours, with `extra` added or replaced. Built
// before fork() so the child only calls async-signal-safe functions.
std::vector<std::string> Environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (extra.count(name) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : extra) env.push_back(absl::StrCat(name, "=", value));
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// In the child: reports errno on `report_fd` and exits.
[[noreturn]] void ChildFail(int report_fd) {
  const int error = errno;
  ssize_t ignored = write(report_fd, &error, sizeof(error));
  (void)ignored;
  _exit(127);
}

}  // namespace

absl::StatusOr<Subprocess> Subprocess::Start(const std::vector<std::string>& argv,
                                             const SubprocessOptions& options) {
  if (argv.empty()) return absl::InvalidArgumentError("Subprocess::Start: empty argv");
  std::vector<std::string> args = argv;
  if (args[0].find('/') == std::string::npos) {
    std::optional<std::string> found = FindTool(args[0]);
    if (!found) return absl::NotFoundError(absl::StrCat("'", args[0], "' is not on PATH"));
    args[0] = *found;
  }
  std::vector<std::string> env = Environment(options.env);
  std::vector<char*> arg_pointers = Pointers(args);
  std::vector<char*> env_pointers = Pointers(env);
  const bool piped = options.stdout_path.empty();

  int out[2] = {-1, -1};
  int report[2] = {-1, -1};  // exec failures travel back through here
  if (piped && pipe2(out, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  if (pipe2(report, O_CLOEXEC) != 0) {
    if (piped) {
      close(out[0]);
      close(out[1]);
    }
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    for (int fd : {out[0], out[1], report[0], report[1]}) {
      if (fd >= 0) close(fd);
    }
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(error)));
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on. Die with the
    // parent; if it is already gone, do not start at all.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(127);
    const int in = open(options.stdin_path.empty() ? "/dev/null" : options.stdin_path.c_str(),
                        O_RDONLY | O_CLOEXEC);
    if (in < 0 || dup2(in, STDIN_FILENO) < 0) ChildFail(report[1]);
    if (piped) {
      if (dup2(out[1], STDOUT_FILENO) < 0) ChildFail(report[1]);
    } else {
      const int file =
          open(options.stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (file < 0 || dup2(file, STDOUT_FILENO) < 0) ChildFail(report[1]);
    }
    if (options.stderr_to_stdout) {
      if (dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ChildFail(report[1]);
    } else if (!options.stderr_path.empty()) {
      const int file =
          open(options.stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      if (file < 0 || dup2(file, STDERR_FILENO) < 0) ChildFail(report[1]);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    ChildFail(report[1]);
  }
  close(report[1]);
  if (piped) close(out[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(report[0], &child_errno, sizeof(child_errno));
  } while (n < 0 && errno == EINTR);
  close(report[0]);
  if (n > 0) {  // the child could not set itself up or exec
    waitpid(pid, nullptr, 0);
    if (piped) close(out[0]);
    const std::string message =
        absl::StrCat("cannot execute ", args[0], ": ", std::strerror(child_errno));
    if (child_errno == ENOENT) return absl::NotFoundError(message);
    if (child_errno == EACCES) return absl::PermissionDeniedError(message);
    return absl::InternalError(message);
  }
  Subprocess process;
  process.argv_ = std::move(args);
  process.pid_ = pid;
  process.stdout_fd_ = piped ? out[0] : -1;
  process.stdout_path_ = options.stdout_path;
  return process;
}

Subprocess::Subprocess(Subprocess&& other) noexcept { *this = std::move(other); }

Subprocess& Subprocess::operator=(Subprocess&& other) noexcept {
  if (this != &other) {
    Release();
    argv_ = std::move(other.argv_);
    pid_ = std::exchange(other.pid_, -1);
    exit_code_ = std::exchange(other.exit_code_, std::nullopt);
    stdout_fd_ = std::exchange(other.stdout_fd_, -1);
    stdout_path_ = std::move(other.stdout_path_);
    buffer_ = std::move(other.buffer_);
    seen_ = std::move(other.seen_);
  }
  return *this;
}

Subprocess::~Subprocess() { Release(); }

void Subprocess::Release() {
  if (pid_ > 0 && !exit_code_) {
    kill(pid_, SIGKILL);
    Reap(/*block=*/true);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  pid_ = -1;
}

bool Subprocess::Reap(bool block) {
  if (exit_code_) return true;
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r != pid_) return false;
  exit_code_ = ExitCode(status);
  return true;
}

absl::StatusOr<std::string> Subprocess::ReadLine(absl::Duration timeout) {
  if (stdout_fd_ < 0) {
    return absl::FailedPreconditionError("stdout is not piped (it goes to a file)");
  }
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    const size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      absl::StrAppend(&seen_, line, "\n");
      return line;
    }
    const int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (ms <= 0) {
      return absl::DeadlineExceededError(absl::StrCat("no output line from ", argv_[0], " within ",
                                                      absl::FormatDuration(timeout)));
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(ms));
    if (ready <= 0) continue;  // EINTR or timeout: the deadline check decides
    char chunk[4096];
    const ssize_t n = read(stdout_fd_, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::OutOfRangeError(
          absl::StrCat("output of ", argv_[0], " ended; it wrote: '", output(), "'"));
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

absl::StatusOr<std::string> Subprocess::WaitForLine(const std::string& needle,
                                                    absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::StatusOr<std::string> line = ReadLine(deadline - absl::Now());
    if (!line.ok()) {
      return absl::Status(line.status().code(), absl::StrCat("waiting for a line with '", needle,
                                                             "': ", line.status().message()));
    }
    if (line->find(needle) != std::string::npos) return line;
  }
}

std::string Subprocess::output() const {
  if (!stdout_path_.empty()) return ReadFile(stdout_path_).value_or("");
  return seen_ + buffer_;
}

absl::Status Subprocess::Signal(int signal) {
  if (pid_ <= 0 || exit_code_) {
    return absl::FailedPreconditionError(
        absl::StrCat(argv_.empty() ? "process" : argv_[0], " is not running"));
  }
  if (kill(pid_, signal) != 0) {
    return absl::InternalError(absl::StrCat("kill: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> Subprocess::Wait(absl::Duration timeout) {
  if (pid_ <= 0) return absl::FailedPreconditionError("no process");
  const absl::Time deadline = absl::Now() + timeout;
  while (!Reap(/*block=*/false)) {
    if (absl::Now() >= deadline) {
      kill(pid_, SIGKILL);
      Reap(/*block=*/true);
      return absl::DeadlineExceededError(absl::StrCat(argv_[0], " did not exit within ",
                                                      absl::FormatDuration(timeout), "; killed"));
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  return *exit_code_;
}

absl::StatusOr<int> Subprocess::Stop(int signal, absl::Duration timeout) {
  if (!running()) {
    if (exit_code_) return *exit_code_;
    return absl::FailedPreconditionError("no process");
  }
  absl::Status sent = Signal(signal);
  if (!sent.ok()) return sent;
  return Wait(timeout);
}

bool Subprocess::running() { return pid_ > 0 && !Reap(/*block=*/false); }

}  // namespace ehi::testkit
