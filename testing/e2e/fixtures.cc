#include "testing/e2e/fixtures.h"

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace ehi::e2e {

namespace v2 = fivetran_sdk::v2;

absl::StatusOr<RunningEmulator> StartEmulator(const std::string& binary, const EmulatorOptions& o) {
  std::vector<std::string> argv = {binary,     "--port",     "0",       "--data",
                                   o.data,     "--user",     o.user,    "--password",
                                   o.password, "--database", o.database};
  if (!o.seed.empty()) argv.insert(argv.end(), {"--seed", o.seed});
  if (!o.tls_cert.empty()) argv.insert(argv.end(), {"--tls-cert", o.tls_cert});
  if (!o.tls_key.empty()) argv.insert(argv.end(), {"--tls-key", o.tls_key});
  if (!o.encryption.empty()) argv.insert(argv.end(), {"--encryption", o.encryption});
  absl::StatusOr<ChildProcess> process = ChildProcess::Start(argv, {}, o.stderr_path);
  if (!process.ok()) return process.status();
  absl::StatusOr<std::string> line = process->ReadLine(absl::Seconds(60));
  if (!line.ok()) return line.status();
  const std::string prefix = "listening on ";
  int port = 0;
  if (line->rfind(prefix, 0) != 0 || !absl::SimpleAtoi(line->substr(prefix.size()), &port)) {
    return absl::InternalError(absl::StrCat("unexpected first emulator line: ", *line));
  }
  RunningEmulator emulator{*std::move(process), port, o};
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

absl::StatusOr<RunningConnector> StartConnector(const std::string& binary,
                                                const std::string& stderr_path,
                                                const std::map<std::string, std::string>& env) {
  absl::Status last = absl::UnknownError("not started");
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int port = PickFreePort();
    absl::StatusOr<ChildProcess> process =
        ChildProcess::Start({binary, "--port", std::to_string(port)}, env, stderr_path);
    if (!process.ok()) return process.status();
    absl::StatusOr<std::string> line = process->WaitForLine("listening on port", absl::Seconds(20));
    if (!line.ok()) {
      last = line.status();
      continue;  // port taken in between: try another
    }
    // The health service answers once the server is up.
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    auto channel =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10)) ||
        absl::Now() > deadline) {
      last = absl::UnavailableError("connector did not accept connections");
      continue;
    }
    RunningConnector connector{*std::move(process), port};
    return connector;
  }
  return last;
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
