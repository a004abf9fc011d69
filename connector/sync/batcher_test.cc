#include "connector/sync/batcher.h"

#include <string>
#include <vector>

#include "connector/sync/testing/memory_sink.h"
#include "connector/sync/testing/test_tables.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

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

}  // namespace
}  // namespace ehi::sync
