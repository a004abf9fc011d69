#include "connector/sync/page_queue.h"

#include <atomic>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

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
