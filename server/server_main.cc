#include "server/server_main.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "connector/source_driver.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "server/source_connector_service.h"

#ifndef EHI_VERSION
#define EHI_VERSION "0.0.0"
#endif

namespace ehi::server {
namespace {

constexpr auto kGracePeriod = std::chrono::seconds(4);

absl::StatusOr<int> ParsePort(const std::string& text, bool allow_zero) {
  int port = 0;
  if (!absl::SimpleAtoi(text, &port) || port < (allow_zero ? 0 : 1) || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("--port expects a number from ",
                                                   allow_zero ? 0 : 1, " to 65535, got '",
                                                   text.substr(0, 32), "'"));
  }
  return port;
}

// Picks a free TCP port (for --port 0) so that both listeners share it.
absl::StatusOr<int> PickFreePort() {
  const int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError("cannot create a socket to pick a port");
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_any;
  addr.sin6_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return absl::InternalError("cannot pick a free port");
  }
  const int port = ntohs(addr.sin6_port);
  close(fd);
  return port;
}

// Builds and starts a server listening on `addresses`; nullptr if any
// address cannot be bound.
std::unique_ptr<grpc::Server> TryStart(SourceConnectorService& service,
                                       const std::vector<std::string>& addresses) {
  grpc::ServerBuilder builder;
  for (const std::string& address : addresses) {
    builder.AddListeningPort(address, grpc::InsecureServerCredentials());
  }
  builder.RegisterService(&service);
  builder.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  builder.SetMaxSendMessageSize(64 * 1024 * 1024);
  return builder.BuildAndStart();
}

int Serve(const Options& options) {
  // Signals are handled by one thread with sigwait; block them before any
  // other thread (gRPC's, FreeTDS's) starts so they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (absl::Status s = InitializeSourceDriver(); !s.ok()) {
    LogSevere(absl::StrCat("Cannot initialise FreeTDS: ", s.message()));
    return 1;
  }
  int port = options.port;
  if (port == 0) {
    absl::StatusOr<int> picked = PickFreePort();
    if (!picked.ok()) {
      LogSevere(std::string(picked.status().message()));
      return 1;
    }
    port = *picked;
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  SourceConnectorService service;
  const std::string v6 = absl::StrCat("[::]:", port);
  const std::string v4 = absl::StrCat("0.0.0.0:", port);
  // Both families explicitly; where [::] is dual-stack (the Linux default)
  // the second bind may be refused, and [::] alone already serves IPv4.
  // Where IPv6 is disabled, 0.0.0.0 alone serves.
  std::string listening = absl::StrCat(v6, " and ", v4);
  std::unique_ptr<grpc::Server> server = TryStart(service, {v6, v4});
  if (!server) {
    listening = absl::StrCat(v6, " (dual-stack)");
    server = TryStart(service, {v6});
  }
  if (!server) {
    listening = v4;
    server = TryStart(service, {v4});
  }
  if (!server) {
    LogSevere(absl::StrCat("Cannot listen on port ", port, " (in use or not permitted)"));
    return 1;
  }
  LogInfo(absl::StrCat("ehi-connector ", EHI_VERSION, " listening on port ", port, " (", listening,
                       ")"));

  std::thread signal_thread([&]() {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    if (signal_number == 0) return;
    LogInfo(absl::StrCat("Received ", signal_number == SIGTERM ? "SIGTERM" : "SIGINT",
                         ", shutting down"));
    service.BeginShutdown();
    if (auto* health = server->GetHealthCheckService()) health->Shutdown();
    // Calls still running after the grace period are cancelled; their
    // streams end with CANCELLED.
    server->Shutdown(std::chrono::system_clock::now() + kGracePeriod);
  });
  server->Wait();
  // Wait returns after Shutdown; make sure the signal thread is done too.
  if (!service.stopping()) {
    // The server stopped for another reason: release the signal thread.
    kill(getpid(), SIGTERM);
  }
  signal_thread.join();
  LogInfo("ehi-connector stopped");
  return 0;
}

}  // namespace

std::string UsageText() {
  return "Usage: ehi-connector [--port N]\n"
         "       ehi-connector --health-check [--port N] [--host H]\n"
         "       ehi-connector --help | --version\n"
         "\n"
         "Fivetran partner SDK v2 source connector for Microsoft SQL Server (Epic Caboodle).\n"
         "Serves fivetran_sdk.v2.SourceConnector over gRPC on 0.0.0.0:N and [::]:N\n"
         "(default 50051; 0 picks a free port), with the gRPC health service and\n"
         "server reflection. Logs are JSON lines on stdout.\n"
         "\n"
         "  --port N         port to listen on (or to check with --health-check)\n"
         "  --health-check   ask a running connector's health service; exit 0 if SERVING\n"
         "  --host H         host for --health-check (default 127.0.0.1)\n"
         "  --help           this text\n"
         "  --version        print the version\n";
}

absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const std::string& flag) -> absl::StatusOr<std::string> {
      const std::string prefix = flag + "=";
      if (arg.rfind(prefix, 0) == 0) return arg.substr(prefix.size());
      if (i + 1 >= args.size()) return absl::InvalidArgumentError(flag + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.mode = Options::Mode::kHelp;
    } else if (arg == "--version") {
      options.mode = Options::Mode::kVersion;
    } else if (arg == "--health-check") {
      options.mode = Options::Mode::kHealthCheck;
    } else if (arg == "--port" || arg.rfind("--port=", 0) == 0) {
      absl::StatusOr<std::string> v = value("--port");
      if (!v.ok()) return v.status();
      absl::StatusOr<int> port = ParsePort(*v, /*allow_zero=*/true);
      if (!port.ok()) return port.status();
      options.port = *port;
    } else if (arg == "--host" || arg.rfind("--host=", 0) == 0) {
      absl::StatusOr<std::string> v = value("--host");
      if (!v.ok()) return v.status();
      options.host = *v;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument '", arg.substr(0, 64), "'"));
    }
  }
  if (options.mode == Options::Mode::kHealthCheck && options.port == 0) {
    return absl::InvalidArgumentError("--health-check needs a --port other than 0");
  }
  return options;
}

int ServerMain(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<Options> options = ParseOptions(args);
  if (!options.ok()) {
    std::fprintf(stderr, "ehi-connector: %s\n\n%s", std::string(options.status().message()).c_str(),
                 UsageText().c_str());
    return 2;
  }
  switch (options->mode) {
    case Options::Mode::kHelp:
      std::fputs(UsageText().c_str(), stdout);
      return 0;
    case Options::Mode::kVersion:
      std::printf("ehi-connector %s\n", EHI_VERSION);
      return 0;
    case Options::Mode::kHealthCheck: {
      absl::Status s = CheckHealth(options->host, options->port, 3);
      if (!s.ok()) {
        std::fprintf(stderr, "unhealthy: %s\n", std::string(s.message()).c_str());
        return 1;
      }
      std::puts("SERVING");
      return 0;
    }
    case Options::Mode::kServe:
      return Serve(*options);
  }
  return 0;
}

}  // namespace ehi::server
