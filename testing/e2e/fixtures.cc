#include "testing/e2e/fixtures.h"

#include <signal.h>

#include <chrono>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "testing/testkit/ports.h"

#ifndef EHI_CONNECTOR_PATH
#error "EHI_CONNECTOR_PATH must name the ehi-connector binary"
#endif

namespace ehi::e2e {

namespace v2 = fivetran_sdk::v2;

absl::StatusOr<RunningEmulator> StartEmulator(const EmulatorOptions& o) {
  std::vector<std::string> args = {"--data",     o.data,     "--user",     o.user,
                                   "--password", o.password, "--database", o.database};
  if (!o.seed.empty()) args.insert(args.end(), {"--seed", o.seed});
  if (!o.tls_cert.empty()) args.insert(args.end(), {"--tls-cert", o.tls_cert});
  if (!o.tls_key.empty()) args.insert(args.end(), {"--tls-key", o.tls_key});
  if (!o.encryption.empty()) args.insert(args.end(), {"--encryption", o.encryption});
  absl::StatusOr<std::unique_ptr<emulator::testing::EmulatorProcess>> process =
      emulator::testing::EmulatorProcess::Start(args, o.stderr_path);
  if (!process.ok()) return process.status();
  RunningEmulator emulator;
  emulator.port = (*process)->port();
  emulator.process = *std::move(process);
  emulator.options = o;
  return emulator;
}

ConfigMap EmulatorConfig(const RunningEmulator& emulator, const ConfigMap& overrides) {
  ConfigMap config = {{"mssql_server", "127.0.0.1"},
                      {"mssql_port", std::to_string(emulator.port)},
                      {"mssql_database", emulator.options.database},
                      {"mssql_user", emulator.options.user},
                      {"mssql_password", emulator.options.password},
                      {"encryption", "off"},
                      {"login_timeout_seconds", "10"},
                      {"query_timeout_seconds", "60"}};
  for (const auto& [k, v] : overrides) config[k] = v;
  return config;
}

std::string ConnectorBinary() { return EHI_CONNECTOR_PATH; }

absl::StatusOr<RunningConnector> StartConnector(const std::string& stderr_path,
                                                const std::map<std::string, std::string>& env) {
  testkit::SubprocessOptions options;
  options.env = env;
  options.stderr_path = stderr_path;
  std::string why;
  for (int attempt = 0; attempt < 3; ++attempt) {
    absl::StatusOr<int> port = testkit::PickFreePort();
    if (!port.ok()) return port.status();
    absl::StatusOr<testkit::Subprocess> process =
        testkit::Subprocess::Start({ConnectorBinary(), "--port", std::to_string(*port)}, options);
    if (!process.ok()) {
      return absl::Status(process.status().code(), absl::StrCat("ehi-connector did not start: ",
                                                                process.status().message()));
    }
    absl::StatusOr<std::string> line = process->WaitForLine("listening on port", absl::Seconds(20));
    if (!line.ok()) {
      why = std::string(line.status().message());
      absl::StatusOr<int> code = process->Stop(SIGKILL, absl::Seconds(5));
      if (code.ok()) absl::StrAppend(&why, "; exit code ", *code);
      continue;  // perhaps the port was taken in between: try another
    }
    // The server accepts connections once it is up.
    auto channel =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials());
    if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
      why = absl::StrCat("no gRPC connection to port ", *port, " within 10s");
      continue;
    }
    RunningConnector connector{*std::move(process), *port};
    return connector;
  }
  return absl::UnavailableError(
      absl::StrCat("ehi-connector (", ConnectorBinary(), ") did not start (3 attempts): ", why));
}

ConnectorClient::ConnectorClient(int port, absl::Duration deadline)
    : deadline_(deadline),
      channel_(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials())),
      stub_(v2::SourceConnector::NewStub(channel_)) {}

void ConnectorClient::Prepare(grpc::ClientContext* context) const {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(absl::ToInt64Milliseconds(deadline_)));
}

grpc::Status ConnectorClient::ConfigurationForm(v2::ConfigurationFormResponse* out) {
  grpc::ClientContext context;
  Prepare(&context);
  return stub_->ConfigurationForm(&context, v2::ConfigurationFormRequest(), out);
}

grpc::Status ConnectorClient::Test(const std::string& name, const ConfigMap& config,
                                   v2::TestResponse* out) {
  grpc::ClientContext context;
  Prepare(&context);
  v2::TestRequest request;
  request.set_name(name);
  request.mutable_configuration()->insert(config.begin(), config.end());
  return stub_->Test(&context, request, out);
}

grpc::Status ConnectorClient::Schema(const ConfigMap& config, v2::SchemaResponse* out) {
  grpc::ClientContext context;
  Prepare(&context);
  v2::SchemaRequest request;
  request.mutable_configuration()->insert(config.begin(), config.end());
  return stub_->Schema(&context, request, out);
}

std::unique_ptr<grpc::ClientReader<v2::UpdateResponse>> ConnectorClient::Update(
    grpc::ClientContext* context, const v2::UpdateRequest& request) {
  return stub_->Update(context, request);
}

}  // namespace ehi::e2e
