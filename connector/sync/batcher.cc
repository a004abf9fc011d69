#include "connector/sync/batcher.h"

namespace ehi::sync {

size_t ApproximateRecordBytes(const Record& record) {
  size_t n = 16 + record.schema.size() + record.table.size();
  for (const auto& [name, value] : record.data) n += 12 + name.size() + value.text.size();
  return n;
}

absl::Status RecordBatcher::Add(Record record) {
  const size_t bytes = ApproximateRecordBytes(record);
  if (!pending_.empty() && pending_bytes_ + bytes > max_bytes_) {
    if (absl::Status s = Flush(); !s.ok()) return s;
  }
  pending_bytes_ += bytes;
  pending_.push_back(std::move(record));
  if (pending_.size() >= max_records_) return Flush();
  return absl::OkStatus();
}

absl::Status RecordBatcher::Flush() {
  if (pending_.empty()) return absl::OkStatus();
  absl::Status s = sink_.SendRecords(pending_);
  records_sent_ += static_cast<int64_t>(pending_.size());
  pending_.clear();
  pending_bytes_ = 0;
  return s;
}

}  // namespace ehi::sync
