// Planner, selection, batcher and queue.
#include <thread>

#include "connector/sync/batcher.h"
#include "connector/sync/memory_sink.h"
#include "connector/sync/page_queue.h"
#include "connector/sync/planner.h"
#include "connector/sync/selection.h"
#include "connector/sync/test_tables.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

SelectedTable Sel(const std::string& name, std::optional<int64_t> rows) {
  SelectedTable s;
  s.table = Table("dbo", name, {Col("id", "int", 1)});
  s.table.row_count = rows;
  s.emit = {true};
  return s;
}

TEST(PlannerTest, OrdersByCategoryThenRowsThenName) {
  Config c;
  c.small_table_threshold = 100;
  c.large_table_threshold = 1000;
  std::vector<PlannedTable> plan =
      BuildPlan({Sel("Huge", 5000), Sel("B", 10), Sel("A", 10), Sel("Mid", 500),
                 Sel("Unknown", std::nullopt), Sel("Tiny", 1)},
                c);
  std::vector<std::string> names;
  for (const PlannedTable& p : plan) names.push_back(p.selected.table.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Tiny", "A", "B", "Mid", "Huge", "Unknown"}));
  EXPECT_EQ(plan[0].order, 1);
  EXPECT_EQ(plan[3].category, TableCategory::kMedium);
  EXPECT_EQ(plan[5].category, TableCategory::kLarge);
  EXPECT_EQ(plan[4].settings.readers, c.large.readers);
}

TEST(PlannerTest, SummaryListsTenThenMore) {
  std::vector<SelectedTable> many;
  for (int i = 0; i < 13; ++i) many.push_back(Sel("T" + std::to_string(10 + i), 1));
  std::vector<std::string> lines = PlanSummary(BuildPlan(std::move(many), Config{}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("small: 13 tables, 13 rows (100.0%)"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("dbo.T19 ... and 3 more"), std::string::npos) << lines[1];
}

TEST(SelectionTest, NoSelectionTakesEverything) {
  TableInfo t = Table("dbo", "T", {Col("id", "int", 1), Col("_IsDeleted", "bit")});
  std::vector<SelectedTable> s = ApplySelection({t}, Selection{});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].deleted_column, 1);
  EXPECT_FALSE(s[0].is_new);
}

TEST(SelectionTest, ExcludedColumnsAreReadOnlyWhenNeeded) {
  TableInfo t = Table("dbo", "T",
                      {Col("id", "int", 1), Col("secret", "nvarchar"), Col("_IsDeleted", "bit"),
                       Col("fresh", "int")});
  Selection sel;
  sel.present = true;
  SchemaSelection ss;
  ss.schema = "dbo";
  TableSelection ts;
  ts.table = "T";
  ts.columns = {{"id", false}, {"secret", false}, {"_IsDeleted", false}};
  ts.include_new_columns = true;
  ss.tables = {ts};
  sel.schemas = {ss};
  std::vector<SelectedTable> s = ApplySelection({t}, sel);
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].table.columns.size(), 3u);  // id (key), _IsDeleted (needed), fresh (new)
  EXPECT_EQ(s[0].emit, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(s[0].deleted_column, 1);
  EXPECT_TRUE(s[0].has_new_columns);
  TableInfo announced = s[0].Announced();
  ASSERT_EQ(announced.columns.size(), 2u);
  EXPECT_EQ(announced.primary_key, std::vector<int>{0});
}

TEST(SelectionTest, ExcludedAndNewTables) {
  std::vector<TableInfo> tables = {Table("a", "X", {Col("id", "int", 1)}),
                                   Table("a", "Y", {Col("id", "int", 1)}),
                                   Table("b", "Z", {Col("id", "int", 1)})};
  Selection sel;
  sel.present = true;
  sel.include_new_schemas = true;
  SchemaSelection a;
  a.schema = "a";
  a.include_new_tables = false;
  TableSelection x;
  x.table = "X";
  x.included = false;
  a.tables = {x};
  sel.schemas = {a};
  std::vector<SelectedTable> s = ApplySelection(tables, sel);
  ASSERT_EQ(s.size(), 1u);  // X excluded, Y new but not wanted, Z in a new schema
  EXPECT_EQ(s[0].table.name, "Z");
  EXPECT_TRUE(s[0].is_new);
}

Record Rec(size_t bytes) {
  Record r;
  r.table = "t";
  r.data.push_back({"c", Str(std::string(bytes, 'x'))});
  return r;
}

TEST(BatcherTest, AtMostHundredRecordsPerSend) {
  MemorySink sink;
  RecordBatcher b(sink);
  for (int i = 0; i < 250; ++i) ASSERT_TRUE(b.Add(Rec(1)).ok());
  ASSERT_TRUE(b.Flush().ok());
  EXPECT_EQ(sink.batch_sizes(), (std::vector<size_t>{100, 100, 50}));
  EXPECT_EQ(b.records_sent(), 250);
}

TEST(BatcherTest, ByteBudgetSplitsWideRows) {
  MemorySink sink;
  RecordBatcher b(sink, 100, 10000);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(b.Add(Rec(4000)).ok());
  ASSERT_TRUE(b.Add(Rec(50000)).ok());  // alone
  ASSERT_TRUE(b.Flush().ok());
  EXPECT_EQ(sink.batch_sizes(), (std::vector<size_t>{2, 2, 1, 1}));
}

TEST(BatcherTest, FailedSendIsReturned) {
  MemorySink sink;
  sink.FailAfterCheckpoints(0);
  RecordBatcher b(sink);
  ASSERT_TRUE(b.Add(Rec(1)).ok());
  EXPECT_FALSE(b.Flush().ok());
}

QueueItem Rows(int n) {
  QueueItem it;
  it.rows.resize(n);
  return it;
}

TEST(PageQueueTest, BlocksWhenFullAndKeepsOrder) {
  PageQueue q(10);
  ASSERT_TRUE(q.Push(Rows(6)));
  std::atomic<bool> pushed{false};
  std::thread t([&] {
    q.Push(Rows(6));  // would exceed 10 rows
    pushed = true;
  });
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(q.Pop(absl::Seconds(1))->rows.size(), 6u);
  t.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(q.queued_rows(), 6u);
}

TEST(PageQueueTest, OversizedItemAcceptedWhenEmptyAndCloseUnblocks) {
  PageQueue q(2);
  ASSERT_TRUE(q.Push(Rows(5)));
  std::thread t([&] { EXPECT_FALSE(q.Push(Rows(1))); });
  absl::SleepFor(absl::Milliseconds(50));
  q.Close();
  t.join();
  EXPECT_FALSE(q.Push(Rows(1)));
}

TEST(PageQueueTest, PopTimesOut) {
  PageQueue q(2);
  const absl::Time start = absl::Now();
  EXPECT_FALSE(q.Pop(absl::Milliseconds(50)).has_value());
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(45));
}

}  // namespace
}  // namespace ehi::sync
