// The ehi-connector process: command line, the gRPC server and its life
// cycle. main.cc only calls ServerMain.
//
//   ehi-connector [--port N]           serve on 0.0.0.0:N and [::]:N
//   ehi-connector --health-check [--port N] [--host H]
//                                      exit 0 if the health service says
//                                      SERVING (for Docker's HEALTHCHECK)
//   ehi-connector --help | --version
//
// SIGTERM/SIGINT: stop accepting calls, tell running streams to end, and
// cancel whatever is still open after 4 s, so the process exits within 5 s.
#ifndef EHI_SERVER_SERVER_MAIN_H_
#define EHI_SERVER_SERVER_MAIN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ehi::server {

struct Options {
  enum class Mode { kServe, kHealthCheck, kHelp, kVersion };
  Mode mode = Mode::kServe;
  int port = 50051;
  std::string host = "127.0.0.1";  // health check target
};

absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args);
std::string UsageText();

// Returns the process exit code.
int ServerMain(int argc, char** argv);

// One health check call against host:port; OK when SERVING.
absl::Status CheckHealth(const std::string& host, int port, int timeout_seconds);

}  // namespace ehi::server

#endif  // EHI_SERVER_SERVER_MAIN_H_
