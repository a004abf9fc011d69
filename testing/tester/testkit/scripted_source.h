// A scripted SDK v2 source for process-level tests of connector-tester: a
// real gRPC server on a free port whose ConfigurationForm, Test and Schema
// answers are set by the test and whose Update runs a test-supplied script
// against the real stream. It records every call and request so tests can
// check what the tester sent (configuration, selection, state).
//
//   ScriptedSource source;
//   source.schema = ...;
//   source.update = [](const v2::UpdateRequest& req, UpdateWriter* w) {
//     w->Write(Upserts("dbo", "t", {...}));
//     w->Write(CheckpointResponse(R"({"cursor":1})"));
//     return grpc::Status::OK;
//   };
//   int port = source.Start();
//
// Set the public members before Start(); the recorded calls are guarded.
#ifndef EHI_TESTING_TESTER_TESTKIT_SCRIPTED_SOURCE_H_
#define EHI_TESTING_TESTER_TESTKIT_SCRIPTED_SOURCE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "connector_sdk.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace tester::testkit {

namespace v2 = ::fivetran_sdk::v2;
using UpdateWriter = grpc::ServerWriter<v2::UpdateResponse>;
using UpdateScript = std::function<grpc::Status(const v2::UpdateRequest&, UpdateWriter*)>;

class ScriptedSource final : public v2::SourceConnector::Service {
 public:
  ScriptedSource();
  ~ScriptedSource() override;

  // Starts listening on 127.0.0.1 and returns the port.
  int Start();
  void Stop();

  v2::ConfigurationFormResponse form;
  // Test name -> failure message; tests not listed succeed.
  std::map<std::string, std::string> test_failures;
  v2::SchemaResponse schema;
  UpdateScript update;

  std::vector<std::string> calls() const;  // "Test:<name>", "Schema", ...
  std::vector<v2::UpdateRequest> update_requests() const;

  grpc::Status ConfigurationForm(grpc::ServerContext*, const v2::ConfigurationFormRequest*,
                                 v2::ConfigurationFormResponse*) override;
  grpc::Status Test(grpc::ServerContext*, const v2::TestRequest*, v2::TestResponse*) override;
  grpc::Status Schema(grpc::ServerContext*, const v2::SchemaRequest*, v2::SchemaResponse*) override;
  grpc::Status Update(grpc::ServerContext*, const v2::UpdateRequest*, UpdateWriter*) override;

 private:
  void Record(std::string call);
  std::unique_ptr<grpc::Server> server_;
  mutable absl::Mutex mu_;
  std::vector<std::string> calls_ ABSL_GUARDED_BY(mu_);
  std::vector<v2::UpdateRequest> update_requests_ ABSL_GUARDED_BY(mu_);
};

// Builders for scripts and fixtures.
v2::ValueType Long(int64_t v);
v2::ValueType Int(int32_t v);
v2::ValueType Str(const std::string& v);
v2::ValueType Dec(const std::string& v);
v2::ValueType Bool(bool v);
v2::ValueType Null();
v2::ValueType UtcMicros(int64_t micros);
v2::ValueType DateDays(int64_t days);

v2::Column Col(const std::string& name, v2::DataType type, bool key = false);
v2::Column DecimalCol(const std::string& name, int precision, int scale);
v2::Table MakeTable(const std::string& name, std::vector<v2::Column> columns);

v2::Record MakeRecord(const std::string& schema, const std::string& table, v2::RecordType type,
                      const std::map<std::string, v2::ValueType>& data);
v2::UpdateResponse Single(v2::Record record);
v2::UpdateResponse Batch(std::vector<v2::Record> records);
v2::UpdateResponse CheckpointResponse(const std::string& state_json);
v2::UpdateResponse WarningResponse(const std::string& message);
v2::UpdateResponse TaskResponse(const std::string& message);
v2::UpdateResponse SchemaChangeResponse(const std::string& schema, v2::Table table);

// A form with required text fields `names` and one test per `tests` entry
// (name, label).
v2::ConfigurationFormResponse MakeForm(
    const std::vector<std::string>& names,
    const std::vector<std::pair<std::string, std::string>>& tests);

}  // namespace tester::testkit

#endif  // EHI_TESTING_TESTER_TESTKIT_SCRIPTED_SOURCE_H_
