#include "testing/tester/response_queue.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace tester {
namespace {

fivetran_sdk::v2::UpdateResponse Checkpoint(int n) {
  fivetran_sdk::v2::UpdateResponse r;
  r.mutable_checkpoint()->set_state_json(std::to_string(n));
  return r;
}

TEST(ResponseQueueTest, DeliversInOrderThroughABoundedBuffer) {
  ResponseQueue queue(3);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(queue.Push(Checkpoint(i)));
    queue.Close();
  });
  std::vector<int> seen;
  while (auto r = queue.Pop()) seen.push_back(std::stoi(r->checkpoint().state_json()));
  producer.join();
  ASSERT_EQ(seen.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen[i], i);
}

TEST(ResponseQueueTest, AbandonReleasesABlockedProducer) {
  ResponseQueue queue(1);
  ASSERT_TRUE(queue.Push(Checkpoint(0)));
  bool pushed = true;
  std::thread producer([&] { pushed = queue.Push(Checkpoint(1)); });  // blocks: full
  queue.Abandon();
  producer.join();
  EXPECT_FALSE(pushed);
}

}  // namespace
}  // namespace tester
