#include "connector/sync/page_queue.h"

namespace ehi::sync {

bool PageQueue::Push(QueueItem item) {
  const size_t n = item.rows.size();
  absl::MutexLock lock(&mu_);
  auto has_room = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || rows_ == 0 || rows_ + n <= capacity_;
  };
  mu_.Await(absl::Condition(&has_room));
  if (closed_) return false;
  rows_ += n;
  items_.push_back(std::move(item));
  return true;
}

std::optional<QueueItem> PageQueue::Pop(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return closed_ || !items_.empty(); };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  if (items_.empty()) return std::nullopt;
  QueueItem item = std::move(items_.front());
  items_.pop_front();
  rows_ -= item.rows.size();
  return item;
}

void PageQueue::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

size_t PageQueue::queued_rows() const {
  absl::MutexLock lock(&mu_);
  return rows_;
}

}  // namespace ehi::sync
