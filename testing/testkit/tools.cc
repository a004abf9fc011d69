#include "testing/testkit/tools.h"

#include <unistd.h>

#include <cstdlib>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "testing/testkit/files.h"
#include "testing/testkit/subprocess.h"
#include "testing/testkit/temp_dir.h"

namespace ehi::testkit {

std::optional<std::string> FindTool(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  for (absl::string_view dir : absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    const std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

bool HaveTool(const std::string& name) { return FindTool(name).has_value(); }

CommandResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_input,
                         absl::Duration timeout) {
  CommandResult result;
  // Input and output both go through files: no pipe can fill up and stall
  // the child while we wait.
  TempDir dir("ehi-run");
  SubprocessOptions options;
  options.stdin_path = dir.File("stdin");
  options.stdout_path = dir.File("output");
  options.stderr_to_stdout = true;
  if (absl::Status s = WriteFile(options.stdin_path, stdin_input); !s.ok()) {
    result.output = std::string(s.message());
    return result;
  }
  absl::StatusOr<Subprocess> process = Subprocess::Start(argv, options);
  if (!process.ok()) {
    result.output = std::string(process.status().message());
    return result;
  }
  absl::StatusOr<int> code = process->Wait(timeout);
  result.output = process->output();
  if (code.ok()) {
    result.exit_code = *code;
  } else {
    absl::StrAppend(&result.output, "\n[", code.status().message(), "]");
  }
  return result;
}

CommandResult RunCommand(const std::string& command, const std::string& stdin_input,
                         absl::Duration timeout) {
  return RunProgram({"/bin/sh", "-c", command}, stdin_input, timeout);
}

}  // namespace ehi::testkit
