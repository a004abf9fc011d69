#include "testing/emulator/tests/emulator_process.h"

#include <signal.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

#ifndef EHI_MSSQL_EMULATOR
#error "EHI_MSSQL_EMULATOR must name the mssql-emulator binary"
#endif

namespace emulator::testing {

std::string EmulatorBinary() { return EHI_MSSQL_EMULATOR; }

absl::StatusOr<std::unique_ptr<EmulatorProcess>> EmulatorProcess::Start(
    const std::vector<std::string>& args, const std::string& stderr_path) {
  std::vector<std::string> argv = {EmulatorBinary(), "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  ehi::testkit::SubprocessOptions options;
  options.stderr_path = stderr_path;
  absl::StatusOr<ehi::testkit::Subprocess> process = ehi::testkit::Subprocess::Start(argv, options);
  if (!process.ok()) {
    return absl::Status(process.status().code(),
                        absl::StrCat("mssql-emulator did not start: ", process.status().message()));
  }
  // The demo seed at a large scale takes a while before the port opens.
  absl::StatusOr<std::string> line = process->ReadLine(absl::Seconds(60));
  const std::string prefix = "listening on ";
  int port = 0;
  if (line.ok() && line->rfind(prefix, 0) == 0 &&
      absl::SimpleAtoi(line->substr(prefix.size()), &port)) {
    return std::unique_ptr<EmulatorProcess>(new EmulatorProcess(*std::move(process), port));
  }
  std::string why = line.ok() ? absl::StrCat("first line was '", *line, "'")
                              : std::string(line.status().message());
  absl::StatusOr<int> code = process->Stop(SIGKILL, absl::Seconds(5));
  if (code.ok()) absl::StrAppend(&why, "; exit code ", *code);
  return absl::UnavailableError(
      absl::StrCat("mssql-emulator (", EmulatorBinary(), ") did not start: ", why));
}

absl::StatusOr<int> EmulatorProcess::Stop() { return process_.Stop(SIGTERM, absl::Seconds(10)); }

EmulatorProcess::~EmulatorProcess() {
  if (process_.running()) Stop().IgnoreError();
}

}  // namespace emulator::testing
