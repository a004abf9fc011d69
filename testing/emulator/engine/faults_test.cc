// Each fault, driven over SQL as a client would.
#include <atomic>
#include <chrono>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/engine_test_util.h"

namespace emulator {
namespace {

class FaultsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Exec("CREATE TABLE dbo.F (k int PRIMARY KEY)");
    std::string v;
    for (int i = 1; i <= 50; ++i)
      v += (i > 1 ? "," : "") + std::string("(") + std::to_string(i) + ")";
    Exec("INSERT INTO dbo.F VALUES " + v);
    auto other = engine_->OpenSession();
    ASSERT_TRUE(other.ok());
    other_ = *std::move(other);
  }
  std::unique_ptr<Session> other_;
};

TEST_F(FaultsTest, DeadlockAndLockTimeoutHitTheNextQueryOnAnySession) {
  Exec("EXEC emulator.inject_fault 'deadlock_next_query'");
  RecordingSink sink;
  other_->ExecuteBatch("SELECT COUNT(*) FROM dbo.F", sink);
  ASSERT_EQ(sink.FirstError(), 1205);
  EXPECT_EQ(sink.Errors()[0].severity, 13);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM dbo.F"), "50");  // consumed once
  Exec("EXEC emulator.inject_fault 'lock_timeout_next_query', 2");
  EXPECT_EQ(ErrorOf("SELECT 1 FROM dbo.F WHERE k = 1"), 1222);
  EXPECT_EQ(ErrorOf("DELETE FROM dbo.F WHERE k = 0"), 1222);
  EXPECT_EQ(ErrorOf("SELECT 1 FROM dbo.F WHERE k = 1"), 0);
}

TEST_F(FaultsTest, DropConnectionAfterRows) {
  Exec("EXEC emulator.inject_fault 'drop_connection_after_rows', 20");
  RecordingSink small;
  EXPECT_EQ(other_->ExecuteBatch("SELECT TOP 5 k FROM dbo.F", small), ExecOutcome::kOk);
  RecordingSink sink;
  EXPECT_EQ(other_->ExecuteBatch("SELECT k FROM dbo.F ORDER BY k", sink),
            ExecOutcome::kDropConnection);
  EXPECT_EQ(sink.rows_seen, 20);
  RecordingSink again;
  EXPECT_EQ(session_->ExecuteBatch("SELECT k FROM dbo.F", again), ExecOutcome::kOk);
  EXPECT_EQ(again.rows_seen, 50);
}

TEST_F(FaultsTest, StallIsInterruptedByAttention) {
  Exec("EXEC emulator.inject_fault 'stall_ms', 200");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM dbo.F")[0], "50");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));
  Exec("EXEC emulator.inject_fault 'stall_ms', 60000");
  // ATTENTION arrives while the engine is stalled before the first row.
  struct AttentionSink : RecordingSink {
    std::atomic<bool> attention{false};
    bool Cancelled() override { return attention.load(); }
  } sink;
  start = std::chrono::steady_clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sink.attention = true;
  });
  session_->ExecuteBatch("SELECT k FROM dbo.F", sink);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(sink.rows_seen, 0);
}

TEST_F(FaultsTest, RefuseConnectionsDenySelectAndClear) {
  Exec("EXEC emulator.inject_fault 'refuse_connections', 2");
  EXPECT_TRUE(engine_->ShouldRefuseConnection());
  EXPECT_TRUE(engine_->ShouldRefuseConnection());
  EXPECT_FALSE(engine_->ShouldRefuseConnection());
  Exec("EXEC emulator.inject_fault 'deny_select', 'sys.partitions'");
  RecordingSink sink = Exec("SELECT rows FROM sys.partitions", true);
  ASSERT_EQ(sink.FirstError(), 229);
  EXPECT_EQ(sink.Errors()[0].severity, 14);
  EXPECT_EQ(sink.Errors()[0].text,
            "The SELECT permission was denied on the object 'partitions', "
            "database 'mssqlsystemresource', schema 'sys'.");
  EXPECT_EQ(ErrorOf("SELECT rows FROM sys.partitions"), 229);  // until cleared
  Exec("EXEC emulator.inject_fault 'deny_select', 'sys.dm_db_partition_stats'");
  sink = Exec("SELECT row_count FROM sys.dm_db_partition_stats", true);
  ASSERT_EQ(sink.Errors().size(), 2u);
  EXPECT_EQ(sink.Errors()[0].number, 300);
  EXPECT_EQ(sink.Errors()[1].number, 297);
  Exec("EXEC emulator.inject_fault 'clear'");
  EXPECT_EQ(ErrorOf("SELECT rows FROM sys.partitions"), 0);
  EXPECT_EQ(ErrorOf("EXEC emulator.inject_fault 'no_such_fault'"), 50000);
}

}  // namespace
}  // namespace emulator
