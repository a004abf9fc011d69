// Demo dataset and synthetic tables.
#include <chrono>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/demo_seed.h"
#include "testing/emulator/engine/engine_test_util.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;

class SeedTest : public EngineTest {};

TEST_F(SeedTest, DemoCountsMatchCatalogAndData) {
  auto start = std::chrono::steady_clock::now();
  Open(EngineOptions{":memory:", "Caboodle", "", "demo", 1});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  int64_t total = 0;
  for (const DemoTableCount& c : DemoTableCounts(1)) {
    total += c.rows;
    EXPECT_EQ(Scalar("SELECT COUNT_BIG(*) FROM dbo." + c.name), std::to_string(c.rows)) << c.name;
    EXPECT_EQ(
        Scalar("SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = OBJECT_ID('dbo." +
               c.name + "') AND p.index_id IN (0, 1)"),
        std::to_string(c.rows))
        << c.name;
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" +
                     c.name + "' AND COLUMN_NAME IN ('_LastUpdatedInstant', '_IsDeleted')"),
              "2")
        << c.name;
  }
  EXPECT_GT(total, 2000);
  EXPECT_LT(total, 10000);
  // Keys: composite, string, uniqueidentifier, and one heap.
  EXPECT_THAT(
      Rows("SELECT t.name, COUNT(*) FROM sys.tables t JOIN sys.index_columns ic ON "
           "ic.object_id = t.object_id GROUP BY t.name HAVING t.name IN "
           "('MedicationOrderFact', 'ProviderDim', 'LabComponentResultFact') ORDER BY t.name"),
      ElementsAre("LabComponentResultFact|1", "MedicationOrderFact|2", "ProviderDim|1"));
  EXPECT_EQ(Scalar("SELECT type_desc FROM sys.indexes WHERE object_id = "
                   "OBJECT_ID('dbo.FlowsheetValueFact')"),
            "HEAP");
  EXPECT_NE(Scalar("SELECT COUNT(*) FROM dbo.PatientDim WHERE _IsDeleted = 1"), "0");
  EXPECT_NE(Scalar("SELECT COUNT(*) FROM dbo.PatientDim WHERE Name IS NULL"), "0");
  // Deterministic content.
  EXPECT_EQ(Scalar("SELECT PatientEpicId FROM dbo.PatientDim WHERE PatientDurableKey = 100003"),
            "Z1000021");
  std::string first = Scalar(
      "SELECT TOP 1 CAST(LabResultId AS nvarchar(36)) FROM "
      "dbo.LabComponentResultFact ORDER BY LabResultId");
  Open(EngineOptions{":memory:", "Caboodle", "", "demo", 1});
  EXPECT_EQ(Scalar("SELECT TOP 1 CAST(LabResultId AS nvarchar(36)) FROM "
                   "dbo.LabComponentResultFact ORDER BY LabResultId"),
            first);
}

TEST_F(SeedTest, SyntheticBillionRowTable) {
  Exec("EXEC emulator.create_synthetic_table 'dbo', 'Huge', 1000000000");
  EXPECT_EQ(Scalar("SELECT row_count FROM sys.dm_db_partition_stats WHERE object_id = "
                   "OBJECT_ID('dbo.Huge')"),
            "1000000000");
  EXPECT_THAT(Rows("SELECT c.name FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = "
                   "i.object_id AND ic.index_id = i.index_id JOIN sys.columns c ON c.object_id = "
                   "ic.object_id AND c.column_id = ic.column_id WHERE i.object_id = "
                   "OBJECT_ID('dbo.Huge') AND i.is_primary_key = 1"),
              ElementsAre("FlowsheetValueKey"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(Rows("SELECT TOP (3) FlowsheetValueKey FROM dbo.Huge WHERE FlowsheetValueKey > "
                   "999999990 ORDER BY FlowsheetValueKey"),
              ElementsAre("999999991", "999999992", "999999993"));
  EXPECT_THAT(Rows("SELECT TOP 2 FlowsheetValueKey FROM dbo.Huge ORDER BY FlowsheetValueKey DESC"),
              ElementsAre("1000000000", "999999999"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
  // Values are a function of the key.
  std::string a = Scalar("SELECT * FROM dbo.Huge WHERE FlowsheetValueKey = 123456789");
  EXPECT_EQ(Scalar("SELECT * FROM dbo.Huge WHERE FlowsheetValueKey = 123456789"), a);
  RecordingSink s =
      Exec("SELECT NumericValue, TakenInstant FROM dbo.Huge WHERE FlowsheetValueKey = 5");
  EXPECT_EQ(s.statements[0].columns[0].type.id, TypeId::kDecimal);
  EXPECT_EQ(s.statements[0].columns[1].type.id, TypeId::kDateTime2);
  EXPECT_EQ(ErrorOf("INSERT INTO dbo.Huge (FlowsheetValueKey) VALUES (1)"), 4406);
}

TEST_F(SeedTest, SyntheticStreamingThroughput) {
  Exec("EXEC emulator.create_synthetic_table 'dbo', 'Big', 300000");
  struct CountingSink : RecordingSink {
    bool Row(const std::vector<Value>&) override { return ++n > 0; }
    int64_t n = 0;
  } sink;
  auto start = std::chrono::steady_clock::now();
  session_->ExecuteBatch(
      "SELECT * FROM dbo.Big WHERE FlowsheetValueKey > 0 ORDER BY FlowsheetValueKey", sink);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(sink.n, 300000);
  // A figure for the log, not a bound: rates belong in benchmarks.
  std::printf("synthetic 10-column stream: %.0f rows/s\n", sink.n / secs);
}

}  // namespace
}  // namespace emulator
