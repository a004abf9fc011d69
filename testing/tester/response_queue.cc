#include "testing/tester/response_queue.h"

#include <utility>

namespace tester {

bool ResponseQueue::Push(fivetran_sdk::v2::UpdateResponse response) {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](ResponseQueue* q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(q->mu_) {
        return q->abandoned_ || q->items_.size() < q->capacity_;
      },
      this));
  if (abandoned_) return false;
  items_.push_back(std::move(response));
  return true;
}

void ResponseQueue::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

std::optional<fivetran_sdk::v2::UpdateResponse> ResponseQueue::Pop() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](ResponseQueue* q)
           ABSL_EXCLUSIVE_LOCKS_REQUIRED(q->mu_) { return q->closed_ || !q->items_.empty(); },
      this));
  if (items_.empty()) return std::nullopt;
  fivetran_sdk::v2::UpdateResponse front = std::move(items_.front());
  items_.pop_front();
  return front;
}

void ResponseQueue::Abandon() {
  absl::MutexLock lock(&mu_);
  abandoned_ = true;
  items_.clear();
}

}  // namespace tester
