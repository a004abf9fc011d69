// Groups records for UpdateSink::SendRecords: at most kMaxRecordsPerSend
// records per call and, for wide rows, at most `max_bytes` of approximate
// payload (a single record larger than that travels alone).
//
//   RecordBatcher batcher(sink);
//   EHI_RETURN_IF_ERROR(batcher.Add(std::move(record)));
//   EHI_RETURN_IF_ERROR(batcher.Flush());   // before a checkpoint
//
// Thread-safety: one thread (the writer).
#ifndef EHI_CONNECTOR_SYNC_BATCHER_H_
#define EHI_CONNECTOR_SYNC_BATCHER_H_

#include <vector>

#include "connector/sync/update_sink.h"

namespace ehi::sync {

inline constexpr size_t kDefaultBatchBytes = 1 << 20;

// Rough wire size of a record (names, values, per-field overhead).
size_t ApproximateRecordBytes(const Record& record);

class RecordBatcher {
 public:
  explicit RecordBatcher(UpdateSink& sink, size_t max_records = kMaxRecordsPerSend,
                         size_t max_bytes = kDefaultBatchBytes)
      : sink_(sink), max_records_(max_records), max_bytes_(max_bytes) {}

  absl::Status Add(Record record);
  absl::Status Flush();
  int64_t records_sent() const { return records_sent_; }

 private:
  UpdateSink& sink_;
  const size_t max_records_;
  const size_t max_bytes_;
  std::vector<Record> pending_;
  size_t pending_bytes_ = 0;
  int64_t records_sent_ = 0;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_BATCHER_H_
