// Statement forms end to end through Session::ExecuteBatch.
#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/engine_test_util.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;

class SqlTest : public EngineTest {};

TEST_F(SqlTest, CreateInsertSelect) {
  Exec(
      "CREATE TABLE dbo.Patient (Id int NOT NULL PRIMARY KEY, [Name] nvarchar(50) NULL, "
      "Born date, Score decimal(10,2))");
  RecordingSink ins = Exec(
      "INSERT INTO dbo.Patient (Id, Name, Born, Score) VALUES "
      "(2, N'Zoë', '2001-02-03', 12.5), (1, 'Al', NULL, -3)");
  ASSERT_EQ(ins.statements.size(), 1u);
  EXPECT_TRUE(ins.statements[0].has_count);
  EXPECT_EQ(ins.statements[0].count, 2);
  EXPECT_THAT(Rows("SELECT Id, Name, Born, Score FROM Patient ORDER BY Id"),
              ElementsAre("1|Al|NULL|-3.00", "2|Zoë|2001-02-03|12.50"));
  RecordingSink sel = Exec("SELECT TOP (1) [Id], p.Name AS n FROM [dbo].[Patient] p WHERE Id > 1");
  ASSERT_EQ(sel.statements.size(), 1u);
  ASSERT_EQ(sel.statements[0].columns.size(), 2u);
  EXPECT_EQ(sel.statements[0].columns[0].name, "Id");
  EXPECT_EQ(sel.statements[0].columns[0].type.id, TypeId::kInt);
  EXPECT_EQ(sel.statements[0].columns[1].name, "n");
  EXPECT_EQ(sel.statements[0].columns[1].type.id, TypeId::kNVarChar);
  EXPECT_EQ(sel.statements[0].columns[1].type.length, 50);
}

}  // namespace
}  // namespace emulator

namespace emulator {
namespace {

TEST_F(SqlTest, ConcurrentSessionsShareOneDatabase) {
  Exec("CREATE TABLE dbo.C (k int PRIMARY KEY, who int)");
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto session = engine_->OpenSession();
      if (!session.ok()) {
        ++errors;
        return;
      }
      for (int i = 0; i < 50; ++i) {
        RecordingSink sink;
        (*session)->ExecuteBatch("INSERT INTO dbo.C VALUES (" + std::to_string(t * 1000 + i) +
                                     ", " + std::to_string(t) + "); SELECT COUNT(*) FROM dbo.C",
                                 sink);
        if (sink.FirstError() != 0) ++errors;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM dbo.C"), "200");
  EXPECT_EQ(Scalar("SELECT SUM(rows) FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.C')"),
            "200");
}

}  // namespace
}  // namespace emulator
