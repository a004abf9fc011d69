// tester_demo_source: a scripted SDK v2 source with a small Caboodle-like
// table and a VALIDATION table, for trying connector-tester (and the demo
// script's warehouse side) without the emulator and the sync engine.
//
//   tester_demo_source --port N            serve until killed
//   tester_demo_source --health-check --port N   exit 0 when N answers
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "testing/tester/testkit/scripted_source.h"

namespace {

using namespace tester::testkit;  // NOLINT: builders only

constexpr int kPatients = 50;

v2::ValueType Naive(int64_t seconds) {
  v2::ValueType v;
  v.mutable_naive_datetime()->set_seconds(seconds);
  return v;
}

grpc::Status Serve(const v2::UpdateRequest&, UpdateWriter* w) {
  std::vector<v2::Record> batch;
  int live = 0;
  for (int key = 1; key <= kPatients; ++key) {
    bool deleted = key % 10 == 0;
    if (deleted) continue;  // soft-deleted in the source: not loaded
    ++live;
    batch.push_back(MakeRecord("dbo", "PatientDim", v2::UPSERT,
                               {{"PatientKey", Int(key)},
                                {"Name", Str(absl::StrCat("Patient ", key))},
                                {"BirthDate", DateDays(3000 + key)},
                                {"_LastUpdatedInstant", Naive(1700000000 + key)},
                                {"_IsDeleted", Bool(false)}}));
  }
  w->Write(Batch(std::move(batch)));
  w->Write(Single(MakeRecord("dbo", "VALIDATION", v2::UPSERT,
                             {{"datetime", UtcMicros(1700000000000000)},
                              {"tablename", Str("PatientDim")},
                              {"count", Long(live)},
                              {"records_processed", Long(live)},
                              {"category", Str("small")},
                              {"processing_order", Int(1)}})));
  w->Write(CheckpointResponse(R"({"version":1})"));
  return grpc::Status::OK;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  bool health = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--port" && i + 1 < argc) {
      if (!absl::SimpleAtoi(argv[++i], &port)) return 2;
    } else if (arg == "--health-check") {
      health = true;
    } else {
      std::fprintf(stderr, "usage: tester_demo_source [--health-check] --port N\n");
      return 2;
    }
  }
  if (health) {
    auto channel =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    return channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(1))
               ? 0
               : 1;
  }
  ScriptedSource source;
  source.form =
      MakeForm({"mssql_server", "mssql_user", "mssql_password"}, {{"connect", "Connect"}});
  v2::Schema* dbo = source.schema.mutable_with_schema()->add_schemas();
  dbo->set_name("dbo");
  *dbo->add_tables() = MakeTable(
      "PatientDim",
      {Col("PatientKey", v2::INT, true), Col("Name", v2::STRING), Col("BirthDate", v2::NAIVE_DATE),
       Col("_LastUpdatedInstant", v2::NAIVE_DATETIME), Col("_IsDeleted", v2::BOOLEAN)});
  *dbo->add_tables() = MakeTable(
      "VALIDATION", {Col("datetime", v2::UTC_DATETIME, true), Col("tablename", v2::STRING, true),
                     Col("count", v2::LONG), Col("records_processed", v2::LONG),
                     Col("category", v2::STRING), Col("processing_order", v2::INT)});
  source.update = Serve;
  // ScriptedSource binds port 0; serve on the requested port instead.
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials());
  builder.RegisterService(&source);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    std::fprintf(stderr, "cannot listen on port %d\n", port);
    return 1;
  }
  server->Wait();
  return 0;
}
