// Process-level tests: the real connector-tester binary against a scripted
// SDK v2 source on a real gRPC port, writing a real DuckDB file.
#include "testing/tester/testkit/tester_process.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/tester/database.h"
#include "testing/tester/testkit/scripted_source.h"
#include "testing/testkit/files.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/wait_for.h"

namespace tester::testkit {
namespace {

using ::ehi::testkit::WaitFor;

// A file the tester has not written (yet) reads as "".
std::string ReadFile(const std::string& path) { return ehi::testkit::ReadFile(path).value_or(""); }

void WriteFile(const std::string& path, const std::string& text) {
  ASSERT_TRUE(ehi::testkit::WriteFile(path, text).ok()) << path;
}

class TesterProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_.form =
        MakeForm({"server", "password"}, {{"connect", "Connection"}, {"read", "Read access"}});
    v2::Schema* dbo = source_.schema.mutable_with_schema()->add_schemas();
    dbo->set_name("dbo");
    *dbo->add_tables() =
        MakeTable("Patient", {Col("Id", v2::LONG, true), Col("Name", v2::STRING),
                              DecimalCol("Balance", 10, 2), Col("Updated", v2::UTC_DATETIME)});
    *dbo->add_tables() = MakeTable("Log", {Col("Msg", v2::STRING), Col("N", v2::INT)});
    WriteFile(dir_ + "/configuration.json", R"({"server": "db", "password": "pw", "extra": 5})");
  }
  void TearDown() override {
    source_.Stop();
    if (HasFailure()) temp_.Keep();  // for a look at warehouse.db
  }

  std::vector<std::string> Args() { return {"--port", std::to_string(port_), "--data-dir", dir_}; }
  int StartSource() {
    port_ = source_.Start();
    return port_;
  }
  // One query on warehouse.db (read-only, after the tester exited).
  std::string Scalar(const std::string& sql) {
    auto db = Database::Open(dir_ + "/warehouse.db", /*read_only=*/true);
    EXPECT_TRUE(db.ok()) << db.status();
    if (!db.ok()) return "";
    auto r = (*db)->Query(sql);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->Scalar() : "";
  }

  ehi::testkit::TempDir temp_{"tester-e2e"};
  std::string dir_ = temp_.path();
  int port_ = 0;
  ScriptedSource source_;
};

v2::Record Patient(int64_t id, const std::string& name) {
  return MakeRecord("dbo", "Patient", v2::UPSERT,
                    {{"Id", Long(id)},
                     {"Name", Str(name)},
                     {"Balance", Dec(absl::StrCat(id, ".25"))},
                     {"Updated", UtcMicros(1700000000000000 + id)}});
}

TEST_F(TesterProcessTest, FullFlowWritesWarehouseStateAndSelection) {
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    for (int batch = 0; batch < 3; ++batch) {
      std::vector<v2::Record> records;
      for (int i = 0; i < 100; ++i) {
        records.push_back(Patient(batch * 100 + i + 1, "p"));
      }
      w->Write(Batch(std::move(records)));
    }
    w->Write(CheckpointResponse(R"({"cursor":1})"));
    w->Write(Single(MakeRecord("dbo", "Patient", v2::DELETE, {{"Id", Long(1)}})));
    w->Write(Single(
        MakeRecord("dbo", "Patient", v2::UPDATE, {{"Id", Long(2)}, {"Name", Str("renamed")}})));
    w->Write(WarningResponse("table Foo skipped: no permission"));
    w->Write(Batch({MakeRecord("dbo", "Log", v2::UPSERT, {{"Msg", Str("a")}, {"N", Int(1)}}),
                    MakeRecord("dbo", "Log", v2::UPSERT, {{"Msg", Str("a")}, {"N", Int(1)}}),
                    MakeRecord("dbo", "Log", v2::UPSERT, {{"Msg", Str("b")}})}));
    w->Write(CheckpointResponse(R"({"cursor":2})"));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("[Connection]: PASSED\n[Read access]: PASSED\n"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("table Foo skipped: no permission"), std::string::npos);
  EXPECT_NE(r.output.find("SYNC PROGRESS:\n"
                          "Operation      | Calls\n"
                          "---------------+------------\n"
                          "Upserts        | 303\n"
                          "Updates        | 1\n"
                          "Deletes        | 1\n"
                          "Truncates      | 0\n"
                          "SchemaChanges  | 0\n"
                          "Checkpoints    | 2\n"
                          "Warnings       | 1\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("\nSync SUCCEEDED\n"), std::string::npos);
  EXPECT_EQ(ReadFile(dir_ + "/state.json"), R"({"cursor":2})");

  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.patient"), "300");
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.patient "
                   "WHERE _fivetran_deleted"),
            "1");
  EXPECT_EQ(Scalar("SELECT name || ' ' || balance || ' ' || updated FROM "
                   "default_schema_dbo.patient WHERE id = 2"),
            "renamed 2.25 2023-11-14 22:13:20.000002+00");
  EXPECT_EQ(Scalar("SELECT string_agg(msg || ':' || coalesce(n::VARCHAR, '-'), "
                   "',' ORDER BY msg) FROM default_schema_dbo.log"),
            "a:1,b:-");

  // What the tester sent: the configuration, every test, a full selection.
  EXPECT_EQ(source_.calls(), (std::vector<std::string>{"ConfigurationForm", "Test:connect",
                                                       "Test:read", "Schema", "Update"}));
  auto requests = source_.update_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].has_state_json());
  EXPECT_EQ(requests[0].configuration().at("extra"), "5");
  const auto& dbo = requests[0].selection().with_schema().schemas(0);
  EXPECT_TRUE(dbo.included());
  EXPECT_TRUE(dbo.tables(0).columns().at("Name"));
  EXPECT_NE(ReadFile(dir_ + "/schema_selection.txt").find("[x] column Balance"), std::string::npos);
}

TEST_F(TesterProcessTest, SelectionEditsAndStateCarryToTheNextRun) {
  source_.update = [](const v2::UpdateRequest& request, UpdateWriter* w) {
    bool second = request.has_state_json();
    w->Write(Single(Patient(second ? 2 : 1, "x")));
    w->Write(CheckpointResponse(second ? R"({"run":2})" : R"({"run":1})"));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult first = RunTester(Args());
  ASSERT_EQ(first.exit_code, 0) << first.output;

  std::string selection = ReadFile(dir_ + "/schema_selection.txt");
  selection.replace(selection.find("[x] table Log"), 3, "[ ]");
  selection.replace(selection.find("[x] column Name"), 3, "[ ]");
  WriteFile(dir_ + "/schema_selection.txt", selection);
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(
        MakeRecord("dbo", "Patient", v2::UPSERT, {{"Id", Long(2)}, {"Balance", Dec("9.50")}})));
    w->Write(CheckpointResponse(R"({"run":2})"));
    return grpc::Status::OK;
  };
  ProcessResult second = RunTester(Args());
  ASSERT_EQ(second.exit_code, 0) << second.output;

  auto requests = source_.update_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].state_json(), R"({"run":1})");
  const auto& dbo = requests[1].selection().with_schema().schemas(0);
  EXPECT_FALSE(dbo.tables(0).columns().at("Name"));
  EXPECT_TRUE(dbo.tables(0).columns().at("Balance"));
  EXPECT_FALSE(dbo.tables(1).included());
  std::string rewritten = ReadFile(dir_ + "/schema_selection.txt");
  EXPECT_NE(rewritten.find("[ ] table Log"), std::string::npos);
  EXPECT_NE(rewritten.find("[ ] column Name"), std::string::npos);
  EXPECT_EQ(ReadFile(dir_ + "/state.json"), R"({"run":2})");
  EXPECT_EQ(Scalar("SELECT string_agg(id || ':' || coalesce(name, '-') || ':' "
                   "|| balance, ',' ORDER BY id) FROM default_schema_dbo.patient"),
            "1:x:1.25,2:-:9.50");
}

TEST_F(TesterProcessTest, ASelectionExcludedColumnSentAnywayFailsTheSync) {
  WriteFile(dir_ + "/schema_selection.txt",
            "[x] schema dbo\n  [x] table Patient\n    [ ] column Name\n");
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(Patient(1, "should not be here")));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("Sync FAILED: UPSERT for dbo.Patient carries column "
                          "'Name'"),
            std::string::npos)
      << r.output;
}

TEST_F(TesterProcessTest, TaskFailsTheSyncAndKeepsTheLastCheckpoint) {
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(Patient(1, "kept")));
    w->Write(CheckpointResponse(R"({"cursor":1})"));
    w->Write(Single(Patient(2, "rolled back")));
    w->Write(TaskResponse("Login failed for user 'ehi'. Fix the password."));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("Upserts        | 2\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\nSync FAILED: Task: Login failed for user 'ehi'. "
                          "Fix the password.\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(ReadFile(dir_ + "/state.json"), R"({"cursor":1})");
  EXPECT_EQ(Scalar("SELECT string_agg(id::VARCHAR, ',') FROM "
                   "default_schema_dbo.patient"),
            "1");
}

TEST_F(TesterProcessTest, AFailedTestStopsBeforeSchema) {
  source_.test_failures["connect"] = "Login failed: wrong password";
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("[Connection]: FAILED: Login failed: wrong password\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("Sync FAILED: test 'Connection' failed"), std::string::npos);
  EXPECT_EQ(source_.calls(), (std::vector<std::string>{"ConfigurationForm", "Test:connect"}));
}

TEST_F(TesterProcessTest, MissingConfigurationListsRequiredFields) {
  ::unlink((dir_ + "/configuration.json").c_str());
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("configuration.json does not exist"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("server (server label), password (password label)"), std::string::npos)
      << r.output;
}

TEST_F(TesterProcessTest, BadInputFilesAreClearErrors) {
  ASSERT_GT(StartSource(), 0);
  WriteFile(dir_ + "/configuration.json", "{\"server\": [1]}");
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("configuration.json: value of \"server\" must be"), std::string::npos)
      << r.output;

  WriteFile(dir_ + "/configuration.json", R"({"server":"a","password":"b"})");
  WriteFile(dir_ + "/state.json", "{\"cursor\": ");
  r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("state.json is not valid JSON"), std::string::npos) << r.output;

  ::unlink((dir_ + "/state.json").c_str());
  WriteFile(dir_ + "/schema_selection.txt", "[x] schema dbo\n[y] table X\n");
  r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("schema_selection.txt line 2"), std::string::npos) << r.output;
}

TEST_F(TesterProcessTest, UndeclaredTableAndBadCheckpointFail) {
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(MakeRecord("dbo", "Nowhere", v2::UPSERT, {{"a", Long(1)}})));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("Sync FAILED: table dbo.Nowhere was never declared"), std::string::npos)
      << r.output;

  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(CheckpointResponse("not json"));
    return grpc::Status::OK;
  };
  r = RunTester(Args());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("state_json is not valid JSON"), std::string::npos) << r.output;
}

TEST_F(TesterProcessTest, SchemaChangeAndTruncateMidStream) {
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(Patient(1, "a")));
    w->Write(Single(Patient(2, "b")));
    w->Write(Single(MakeRecord("dbo", "Patient", v2::TRUNCATE, {})));
    w->Write(SchemaChangeResponse(
        "dbo", MakeTable("Patient", {Col("Id", v2::LONG, true), Col("Email", v2::STRING)})));
    w->Write(SchemaChangeResponse("dbo", MakeTable("Visit", {Col("VisitId", v2::LONG, true)})));
    w->Write(
        Single(MakeRecord("dbo", "Patient", v2::UPSERT, {{"Id", Long(3)}, {"Email", Str("c@x")}})));
    w->Write(Single(MakeRecord("dbo", "Visit", v2::UPSERT, {{"VisitId", Long(7)}})));
    w->Write(CheckpointResponse("{}"));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ProcessResult r = RunTester(Args());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Truncates      | 1\nSchemaChanges  | 2\n"), std::string::npos)
      << r.output;
  EXPECT_EQ(Scalar("SELECT string_agg(id || ':' || _fivetran_deleted || ':' || "
                   "coalesce(email, '-'), ',' ORDER BY id) FROM "
                   "default_schema_dbo.patient"),
            "1:true:-,2:true:-,3:false:c@x");
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.visit"), "1");
}

TEST_F(TesterProcessTest, KilledMidSyncThenRerunCompletesExactlyOnce) {
  constexpr int kRows = 6000;
  constexpr int kPerCheckpoint = 500;
  std::atomic<bool> stall{true};
  // Resumable source: state {"next": k} continues at row k.
  source_.update = [&stall](const v2::UpdateRequest& request, UpdateWriter* w) {
    int next = 1;
    if (request.has_state_json()) {
      next = nlohmann::json::parse(request.state_json())["next"].get<int>();
    }
    int checkpoints = 0;
    while (next <= kRows) {
      std::vector<v2::Record> batch;
      for (int i = 0; i < 100 && next <= kRows; ++i, ++next) {
        batch.push_back(Patient(next, absl::StrCat("row", next)));
      }
      if (!w->Write(Batch(std::move(batch)))) return grpc::Status::CANCELLED;
      if ((next - 1) % kPerCheckpoint == 0) {
        w->Write(CheckpointResponse(absl::StrCat(R"({"next":)", next, "}")));
        if (++checkpoints == 3 && stall.load()) {
          // Rows past the checkpoint, then hang until killed.
          w->Write(Single(Patient(next, "uncommitted")));
          while (stall.load()) absl::SleepFor(absl::Milliseconds(20));
          return grpc::Status::CANCELLED;
        }
      }
    }
    w->Write(CheckpointResponse(R"({"next":999999})"));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  TesterProcess first;
  ASSERT_TRUE(first.Start(Args()).ok());
  const std::string state = dir_ + "/state.json";
  ASSERT_TRUE(WaitFor([&] { return ReadFile(state) == R"({"next":1501})"; }, absl::Seconds(60)))
      << first.Output();
  absl::SleepFor(absl::Milliseconds(200));
  first.Kill(SIGKILL);
  ProcessResult killed = first.Wait(absl::Seconds(10));
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL);
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.patient"), "1500");

  stall = false;
  ProcessResult second = RunTester(Args());
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(source_.update_requests().back().state_json(), R"({"next":1501})");
  EXPECT_NE(second.output.find("Upserts        | 4500\n"), std::string::npos) << second.output;
  EXPECT_EQ(Scalar("SELECT count(*) || ':' || count(DISTINCT id) || ':' || "
                   "min(id) || ':' || max(id) || ':' || "
                   "count(*) FILTER (name = 'row' || id) FROM "
                   "default_schema_dbo.patient"),
            "6000:6000:1:6000:6000");
  EXPECT_EQ(ReadFile(state), R"({"next":999999})");
}

TEST_F(TesterProcessTest, QueryCommandPrintsATable) {
  source_.update = [](const v2::UpdateRequest&, UpdateWriter* w) {
    w->Write(Single(Patient(1, "Ann")));
    w->Write(Single(Patient(2, "Bo")));
    return grpc::Status::OK;
  };
  ASSERT_GT(StartSource(), 0);
  ASSERT_EQ(RunTester(Args()).exit_code, 0);
  ProcessResult r = RunTester({"query", "--data-dir", dir_,
                               "SELECT id, name, NULL AS nothing FROM default_schema_dbo.patient "
                               "ORDER BY id;"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "id | name | nothing\n"
            "---+------+--------\n"
            "1  | Ann  | NULL   \n"
            "2  | Bo   | NULL   \n"
            "(2 rows)\n");
  r = RunTester({"query", "--data-dir", dir_, "--tsv",
                 "SELECT id, name, NULL FROM default_schema_dbo.patient ORDER BY id"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "1\tAnn\t\n2\tBo\t\n");
  r = RunTester({"query", "--data-dir", dir_, "SELECT * FROM nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("query failed"), std::string::npos);
}

TEST_F(TesterProcessTest, UnreachableConnectorFailsClearly) {
  // A port nothing listens on: bind one, note it, close it.
  int port = ScriptedSource().Start();
  ProcessResult r =
      RunTester({"--port", std::to_string(port), "--data-dir", dir_, "--connect-timeout", "1"},
                absl::Seconds(60));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("Sync FAILED: cannot reach the connector"), std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace tester::testkit
