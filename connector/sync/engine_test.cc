#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "connector/sync/sync_engine.h"
#include "connector/sync/testing/fake_source.h"
#include "connector/sync/testing/memory_sink.h"
#include "connector/sync/testing/test_tables.h"
#include "connector/sync/validation.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

constexpr int kPatients = 1000;

struct Fixture {
  FakeDatabase db;
  TableInfo patient = Table("dbo", "Patient",
                            {Col("id", "int", 1), Col("name", "nvarchar"),
                             Col("_LastUpdatedInstant", "datetime2"), Col("_IsDeleted", "bit")});
  TableInfo codes =
      Table("ref", "Codes",
            {Col("code", "nvarchar", 1), Col("seq", "int", 2, true), Col("label", "nvarchar")});
  TableInfo log = Table("dbo", "Log", {Col("line", "nvarchar"), Col("n", "int")});
  std::vector<SourceRow> patients, code_rows, log_rows;

  Fixture() {
    for (int i = 1; i <= kPatients; ++i) {
      patients.push_back(
          {Int(i), Str(absl::StrCat("p", i)), Time(1000 + i % 50), Bit(i % 97 == 0)});
    }
    for (int c = 0; c < 30; ++c) {
      for (int s = 0; s < 5; ++s) {
        code_rows.push_back({Str(absl::StrCat(c % 2 ? "K" : "k", c)), Int(s),
                             Str(absl::StrCat("label", c, "-", s))});
      }
    }
    for (int i = 0; i < 37; ++i) log_rows.push_back({Str("same"), Int(i % 3)});
    db.AddTable(patient, patients);
    db.AddTable(codes, code_rows);
    db.AddTable(log, log_rows);
  }
  void Store() {
    db.SetRows("dbo", "Patient", patients);
    db.SetRows("ref", "Codes", code_rows);
  }
};

Config SmallConfig() {
  Config c;
  c.small.batch_size = 7;
  c.small.readers = 3;
  c.small.queue_size = 20;
  c.small.checkpoint_rows = 100;
  c.retry_sleep_seconds = 0;
  return c;
}

void Keys(MemorySink& sink, const Fixture& f) {
  sink.SetPrimaryKey("dbo", "Patient", {"id"});
  sink.SetPrimaryKey("ref", "Codes", {"code", "seq"});
  sink.SetPrimaryKey(kValidationSchema, kValidationTable, {"tablename", "datetime"});
  (void)f;
}

// The copy a correct sync must produce: live rows keyed like MemorySink.
std::map<std::string, MemorySink::RowText> Expected(const TableInfo& t,
                                                    const std::vector<SourceRow>& rows,
                                                    int deleted) {
  std::map<std::string, MemorySink::RowText> out;
  for (const SourceRow& r : rows) {
    if (deleted >= 0 && r[deleted].boolean) continue;
    std::string key;
    MemorySink::RowText text;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      text[t.columns[i].name] = ValueText(r[i]);
      if (t.primary_key.empty() || t.columns[i].key_ordinal > 0) {
        absl::StrAppend(&key, t.columns[i].name, "=", ValueText(r[i]), "\x1f");
      }
    }
    out[key] = text;
  }
  return out;
}

void ExpectEqual(const MemorySink& sink, const Fixture& f) {
  EXPECT_EQ(sink.Rows("dbo", "Patient"), Expected(f.patient, f.patients, 3));
  EXPECT_EQ(sink.Rows("ref", "Codes"), Expected(f.codes, f.code_rows, -1));
  // Keyless rows are identical here, so compare the count of copies by text.
  size_t log_rows = 0;
  for (const Record& r : sink.log()) {
    if (r.table == "Log" && r.type == RecordType::kTruncate) log_rows = 0;
    if (r.table == "Log" && r.type == RecordType::kUpsert) ++log_rows;
  }
  EXPECT_EQ(log_rows, f.log_rows.size());
}

TEST(EngineTest, FullLoadEqualsSourceEachRowOnce) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  ASSERT_TRUE(RunSync(SmallConfig(), {}, factory, sink).ok());
  ExpectEqual(sink, f);
  std::map<std::string, int> seen;
  for (const Record& r : sink.log()) {
    if (r.table == "Patient" && r.type == RecordType::kUpsert) ++seen[ValueText(r.data[0].second)];
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kPatients - kPatients / 97));
  for (const auto& [k, n] : seen) EXPECT_EQ(n, 1) << k;
  for (size_t n : sink.batch_sizes()) EXPECT_LE(n, kMaxRecordsPerSend);
  // VALIDATION: one row per table with the live count.
  const auto& validation = sink.Rows(kValidationSchema, kValidationTable);
  ASSERT_EQ(validation.size(), 3u);
  for (const auto& [k, row] : validation) {
    if (row.at("tablename") == "dbo.Patient") {
      EXPECT_EQ(row.at("count"), absl::StrCat(kPatients - kPatients / 97));
      EXPECT_EQ(row.at("records_processed"), row.at("count"));
    }
  }
  const nlohmann::json state = nlohmann::json::parse(sink.checkpoints().back());
  EXPECT_EQ(state["tables"]["dbo.Patient"]["phase"], "incremental");
  EXPECT_EQ(state["tables"]["dbo.Patient"]["cursor"], "1970-01-01T00:17:29.0000000");
  EXPECT_EQ(state["tables"]["ref.Codes"]["phase"], "reload");
}

TEST(EngineTest, CatalogOdditiesAreSentAsWarnings) {
  Fixture f;
  f.db.AddCatalogWarning("Column dbo.Patient.Shape has type geography: sent as its text form");
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  ASSERT_TRUE(RunSync(SmallConfig(), {}, factory, sink).ok());
  EXPECT_THAT(sink.warnings(),
              ::testing::Contains(::testing::HasSubstr("dbo.Patient.Shape has type geography")));
}

TEST(EngineTest, PlanOrdersSmallToLargeByRows) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  Config c = SmallConfig();
  c.small_table_threshold = 100;  // Log (37), Codes (150) medium, Patient (1000) large
  c.large_table_threshold = 500;
  ASSERT_TRUE(RunSync(c, {}, factory, sink).ok());
  std::vector<std::string> order;
  for (const Record& r : sink.log()) {
    if (r.table == kValidationTable) order.push_back(r.data[1].second.text);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"dbo.Log", "ref.Codes", "dbo.Patient"}));
}

TEST(EngineTest, TransientErrorsAreRetried) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  f.db.FailNextFetches(3);
  ASSERT_TRUE(RunSync(SmallConfig(), {}, factory, sink).ok());
  ExpectEqual(sink, f);
}

TEST(EngineTest, ResumeAfterCutAtEveryKthCheckpointFullLoad) {
  for (int k = 1; k <= 12; ++k) {
    Fixture f;
    FakeSourceFactory factory(&f.db);
    MemorySink sink;
    Keys(sink, f);
    sink.FailAfterCheckpoints(k);
    absl::Status s = RunSync(SmallConfig(), {}, factory, sink);
    ASSERT_FALSE(s.ok()) << "k=" << k;
    ASSERT_EQ(sink.checkpoints().size(), static_cast<size_t>(k));
    SyncRequest again;
    again.state_json = sink.checkpoints().back();
    sink.FailAfterCheckpoints(-1);
    ASSERT_TRUE(RunSync(SmallConfig(), again, factory, sink).ok()) << k;
    ExpectEqual(sink, f);
  }
}

TEST(EngineTest, IncrementalAppliesUpdatesInsertsAndDeletes) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  ASSERT_TRUE(RunSync(SmallConfig(), {}, factory, sink).ok());
  const std::string state = sink.checkpoints().back();
  // Changes after the cursor (2000 > 1049).
  f.patients[4][1] = Str("renamed");
  f.patients[4][2] = Time(2000);
  f.patients[10][3] = Bit(true);
  f.patients[10][2] = Time(2001);
  f.patients.push_back({Int(5000), Str("new"), Time(2002), Bit(false)});
  f.code_rows.pop_back();  // deleted from a table without change tracking
  f.Store();
  const size_t before = sink.log().size();
  SyncRequest req;
  req.state_json = state;
  ASSERT_TRUE(RunSync(SmallConfig(), req, factory, sink).ok());
  ExpectEqual(sink, f);
  // The 60 s overlap re-reads older changes too (harmless: idempotent), so
  // every soft-deleted row inside it arrives as DELETE again; id 11 once.
  std::set<std::string> soft_deleted;
  for (const SourceRow& r : f.patients) {
    if (r[3].boolean) soft_deleted.insert(ValueText(r[0]));
  }
  int deletes_of_11 = 0;
  for (size_t i = before; i < sink.log().size(); ++i) {
    const Record& r = sink.log()[i];
    if (r.table == "Patient" && r.type == RecordType::kDelete) {
      ASSERT_EQ(r.data.size(), 1u);  // primary key only
      EXPECT_EQ(soft_deleted.count(ValueText(r.data[0].second)), 1u);
      deletes_of_11 += ValueText(r.data[0].second) == "11";
    }
  }
  EXPECT_EQ(deletes_of_11, 1);
  const nlohmann::json j = nlohmann::json::parse(sink.checkpoints().back());
  EXPECT_EQ(j["tables"]["dbo.Patient"]["cursor"], "1970-01-01T00:33:22.0000000");
}

TEST(EngineTest, ResumeAfterCutDuringIncremental) {
  for (int k = 1; k <= 6; ++k) {
    Fixture f;
    FakeSourceFactory factory(&f.db);
    MemorySink sink;
    Keys(sink, f);
    Config c = SmallConfig();
    c.small.checkpoint_rows = 5;
    ASSERT_TRUE(RunSync(c, {}, factory, sink).ok());
    const size_t base = sink.checkpoints().size();
    for (int i = 0; i < 40; ++i) {
      f.patients[i * 7][2] = Time(3000 + i % 4);
      f.patients[i * 7][3] = Bit(i % 5 == 0);
    }
    f.Store();
    sink.FailAfterCheckpoints(static_cast<int>(base) + k);
    SyncRequest req;
    req.state_json = sink.checkpoints().back();
    ASSERT_FALSE(RunSync(c, req, factory, sink).ok());
    req.state_json = sink.checkpoints().back();
    sink.FailAfterCheckpoints(-1);
    ASSERT_TRUE(RunSync(c, req, factory, sink).ok()) << k;
    ExpectEqual(sink, f);
  }
}

TEST(EngineTest, SelectionExcludesTablesAndColumnsAndAnnouncesNewOnes) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  Keys(sink, f);
  SyncRequest req;
  req.selection.present = true;
  req.selection.include_new_schemas = false;
  SchemaSelection dbo;
  dbo.schema = "dbo";
  dbo.include_new_tables = true;  // Log is not listed → new, included
  TableSelection patient;
  patient.table = "Patient";
  patient.columns = {
      {"id", true}, {"name", false}, {"_LastUpdatedInstant", true}, {"_IsDeleted", true}};
  dbo.tables.push_back(patient);
  req.selection.schemas.push_back(dbo);  // schema ref not listed → excluded
  ASSERT_TRUE(RunSync(SmallConfig(), req, factory, sink).ok());
  EXPECT_TRUE(sink.Rows("ref", "Codes").empty());
  for (const auto& [k, row] : sink.Rows("dbo", "Patient")) EXPECT_EQ(row.count("name"), 0u);
  ASSERT_EQ(sink.schema_changes().size(), 1u);
  EXPECT_EQ(sink.schema_changes()[0][0].name, "Log");
  // The announcement precedes Log's first record.
  bool log_seen = false;
  for (const Record& r : sink.log()) log_seen |= r.table == "Log";
  EXPECT_TRUE(log_seen);
}

TEST(EngineTest, BadStateIsInvalidArgument) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  SyncRequest req;
  req.state_json = "{\"version\":2,\"tables\":{}}";
  absl::Status s = RunSync(SmallConfig(), req, factory, sink);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.log().empty());
}

TEST(EngineTest, CancelledSinkStopsPromptly) {
  Fixture f;
  FakeSourceFactory factory(&f.db);
  MemorySink sink;
  sink.Cancel();
  absl::Status s = RunSync(SmallConfig(), {}, factory, sink);
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace ehi::sync
