// A bounded queue between the thread that reads the Update stream and the
// thread that applies it, so receiving (gRPC, protobuf parsing) overlaps
// with DuckDB merges. Bounded: a slow warehouse slows the reader, and with
// it the connector, instead of growing memory.
//
// Thread-safe. One producer, one consumer.
#ifndef EHI_TESTING_TESTER_RESPONSE_QUEUE_H_
#define EHI_TESTING_TESTER_RESPONSE_QUEUE_H_

#include <cstddef>
#include <deque>
#include <optional>

#include "absl/synchronization/mutex.h"
#include "connector_sdk.pb.h"

namespace tester {

class ResponseQueue {
 public:
  explicit ResponseQueue(size_t capacity) : capacity_(capacity) {}

  // Blocks while full; false once the consumer has Abandon()ed the queue.
  bool Push(fivetran_sdk::v2::UpdateResponse response);
  // The producer is done (stream ended or failed).
  void Close();
  // Blocks while empty; std::nullopt after Close() once drained.
  std::optional<fivetran_sdk::v2::UpdateResponse> Pop();
  // The consumer stops: pending and future pushes are dropped.
  void Abandon();

 private:
  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<fivetran_sdk::v2::UpdateResponse> items_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool abandoned_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace tester

#endif  // EHI_TESTING_TESTER_RESPONSE_QUEUE_H_
