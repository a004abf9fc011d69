// Real processes for integration and end-to-end tests: the mssql-emulator
// and ehi-connector built in this tree on free ports, and a gRPC client for
// the connector. Built on ehi_testkit (testing/testkit) and the emulator's
// launcher (testing/emulator/tests/emulator_process.h); what this adds is the
// connector's start-up contract (a "listening on port" log line, then the
// health service) and the configuration that points it at an emulator.
//
//   absl::StatusOr<RunningEmulator> emu = StartEmulator();
//   ASSERT_TRUE(emu.ok()) << emu.status();     // not built or crashed: fails
//   absl::StatusOr<RunningConnector> conn = StartConnector();
//   ASSERT_TRUE(conn.ok()) << conn.status();
//   ConnectorClient client(conn->port);
//   fivetran_sdk::v2::SchemaResponse schema;
//   grpc::Status s = client.Schema(EmulatorConfig(*emu), &schema);
#ifndef EHI_TESTING_E2E_FIXTURES_H_
#define EHI_TESTING_E2E_FIXTURES_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connector_sdk.grpc.pb.h"
#include "grpcpp/channel.h"
#include "testing/emulator/tests/emulator_process.h"
#include "testing/testkit/subprocess.h"

namespace ehi::e2e {

using ConfigMap = std::map<std::string, std::string>;

struct EmulatorOptions {
  std::string user = "ehi_user";
  std::string password = "Emul@tor-Pa55";
  std::string database = "Caboodle";
  std::string seed = "demo";  // empty: no seed
  std::string tls_cert;       // PEM paths; empty: no TLS
  std::string tls_key;
  std::string encryption;  // off | on | required; empty: emulator default
  std::string data = ":memory:";
  std::string stderr_path;  // emulator log (JSON lines); empty: inherit
};

struct RunningEmulator {
  std::unique_ptr<emulator::testing::EmulatorProcess> process;
  int port = 0;
  EmulatorOptions options;
};

// Starts the in-tree mssql-emulator with `options` on a free port.
absl::StatusOr<RunningEmulator> StartEmulator(const EmulatorOptions& options = {});

// The connector configuration for an emulator: server 127.0.0.1, its port,
// database, user, password and encryption off, then `overrides`.
ConfigMap EmulatorConfig(const RunningEmulator& emulator, const ConfigMap& overrides = {});

// Path of the ehi-connector built in this tree.
std::string ConnectorBinary();

struct RunningConnector {
  testkit::Subprocess process;
  int port = 0;
};

// Starts the in-tree ehi-connector on a free port and waits for its
// "listening" log line and an accepting gRPC channel. `env` is added to the
// inherited environment (test hooks such as
// EHI_SYNC_TEST_MAX_ROWS_PER_TABLE). An error names the binary and says why
// it did not start (not built, exit code, output).
absl::StatusOr<RunningConnector> StartConnector(const std::string& stderr_path = "",
                                                const std::map<std::string, std::string>& env = {});

// Blocking client for fivetran_sdk.v2.SourceConnector with a per-call
// deadline.
class ConnectorClient {
 public:
  explicit ConnectorClient(int port, absl::Duration deadline = absl::Seconds(60));

  grpc::Status ConfigurationForm(fivetran_sdk::v2::ConfigurationFormResponse* out);
  grpc::Status Test(const std::string& name, const ConfigMap& config,
                    fivetran_sdk::v2::TestResponse* out);
  grpc::Status Schema(const ConfigMap& config, fivetran_sdk::v2::SchemaResponse* out);
  // Starts an Update stream; read with reader->Read(), end with Finish().
  std::unique_ptr<grpc::ClientReader<fivetran_sdk::v2::UpdateResponse>> Update(
      grpc::ClientContext* context, const fivetran_sdk::v2::UpdateRequest& request);

  fivetran_sdk::v2::SourceConnector::Stub& stub() { return *stub_; }

 private:
  void Prepare(grpc::ClientContext* context) const;
  absl::Duration deadline_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<fivetran_sdk::v2::SourceConnector::Stub> stub_;
};

}  // namespace ehi::e2e

#endif  // EHI_TESTING_E2E_FIXTURES_H_
