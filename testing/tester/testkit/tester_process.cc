#include "testing/tester/testkit/tester_process.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace tester::testkit {

std::string TesterProcess::BinaryPath() { return CONNECTOR_TESTER_PATH; }

absl::Status TesterProcess::Start(const std::vector<std::string>& args) {
  if (process_ && process_->running()) return absl::FailedPreconditionError("already running");
  std::vector<std::string> argv = {BinaryPath()};
  argv.insert(argv.end(), args.begin(), args.end());
  ehi::testkit::SubprocessOptions options;
  options.stdout_path = dir_.File("output.txt");
  options.stderr_to_stdout = true;
  absl::StatusOr<ehi::testkit::Subprocess> process = ehi::testkit::Subprocess::Start(argv, options);
  if (!process.ok()) {
    return absl::Status(process.status().code(), absl::StrCat("connector-tester did not start: ",
                                                              process.status().message()));
  }
  process_ = *std::move(process);
  return absl::OkStatus();
}

ProcessResult TesterProcess::Wait(absl::Duration timeout) {
  ProcessResult result;
  if (!process_) {
    result.output = "connector-tester was not started";
    return result;
  }
  absl::StatusOr<int> code = process_->Wait(timeout);
  result.output = Output();
  if (code.ok()) {
    result.exit_code = *code;
  } else {
    absl::StrAppend(&result.output, "\n[", code.status().message(), "]");
  }
  return result;
}

void TesterProcess::Kill(int signal) {
  if (process_) process_->Signal(signal).IgnoreError();
}

std::string TesterProcess::Output() const { return process_ ? process_->output() : ""; }

ProcessResult RunTester(const std::vector<std::string>& args, absl::Duration timeout) {
  TesterProcess process;
  if (absl::Status started = process.Start(args); !started.ok()) {
    return ProcessResult{-1, started.ToString()};
  }
  return process.Wait(timeout);
}

}  // namespace tester::testkit
