// The bounded queue between a table's readers and the one writer. Capacity
// counts rows, so memory is bounded whatever the table size: a reader blocks
// in Push() while the queue is full, so a slow sink slows the readers.
//
//   PageQueue q(/*capacity_rows=*/10000);
//   reader: if (!q.Push(std::move(item))) return;   // closed: stop
//   writer: std::optional<QueueItem> item = q.Pop(absl::Milliseconds(100));
//
// An item larger than the capacity is accepted when the queue is empty, so a
// batch bigger than the queue cannot deadlock.
//
// Thread-safety: all methods from any thread.
#ifndef EHI_CONNECTOR_SYNC_PAGE_QUEUE_H_
#define EHI_CONNECTOR_SYNC_PAGE_QUEUE_H_

#include <deque>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "connector/sync/source.h"

namespace ehi::sync {

struct QueueItem {
  enum class Kind { kRows, kRangeDone, kReaderDone };
  Kind kind = Kind::kRows;
  int range = -1;               // kRows, kRangeDone
  std::vector<SourceRow> rows;  // kRows, in key order
  absl::Status status;          // kReaderDone
};

class PageQueue {
 public:
  explicit PageQueue(size_t capacity_rows) : capacity_(capacity_rows == 0 ? 1 : capacity_rows) {}

  // Blocks while full; false once closed (the item is dropped).
  bool Push(QueueItem item);
  // Waits up to `timeout`; nullopt on timeout or when closed and empty.
  std::optional<QueueItem> Pop(absl::Duration timeout);
  // Wakes every waiter; later pushes fail.
  void Close();
  size_t queued_rows() const;

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  std::deque<QueueItem> items_ ABSL_GUARDED_BY(mu_);
  size_t rows_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_PAGE_QUEUE_H_
