// An UpdateSink that keeps everything in memory, for tests of the engine. It
// applies records to an in-memory copy of each table (keyed by the primary
// key columns given to SetPrimaryKey, or by the whole row for keyless tables)
// so tests can compare the copy with the source.
//
//   MemorySink sink;
//   sink.SetPrimaryKey("dbo", "t", {"id"});
//   sink.FailAfterCheckpoints(3);   // simulate a cut stream
//   RunSync(..., sink);
//   EXPECT_EQ(sink.Rows("dbo", "t").size(), 10);
//
// Thread-safety: Send* from one thread; Cancelled() from any thread.
#ifndef EHI_CONNECTOR_SYNC_TESTING_MEMORY_SINK_H_
#define EHI_CONNECTOR_SYNC_TESTING_MEMORY_SINK_H_

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "connector/sync/update_sink.h"

namespace ehi::sync {

// A value rendered as text for comparisons ("NULL" for NULL).
std::string ValueText(const Value& v);

class MemorySink : public UpdateSink {
 public:
  using RowText = std::map<std::string, std::string>;  // column → ValueText

  absl::Status SendRecords(absl::Span<const Record> records) override;
  absl::Status SendSchemaChange(const std::vector<TableInfo>& tables) override;
  absl::Status SendCheckpoint(const std::string& state_json) override;
  absl::Status SendWarning(const std::string& message) override;
  absl::Status SendTask(const std::string& message) override;
  bool Cancelled() const override { return cancelled_.load(); }

  void SetPrimaryKey(const std::string& schema, const std::string& table,
                     std::vector<std::string> columns);
  // After the n-th checkpoint every Send* fails (the stream is cut).
  void FailAfterCheckpoints(int n) { fail_after_checkpoints_ = n; }
  void Cancel() { cancelled_.store(true); }

  // The copy of a table: rows keyed by their key text.
  const std::map<std::string, RowText>& Rows(const std::string& schema,
                                             const std::string& table) const;
  const std::vector<std::string>& checkpoints() const { return checkpoints_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::vector<std::string>& tasks() const { return tasks_; }
  const std::vector<std::vector<TableInfo>>& schema_changes() const { return schema_changes_; }
  // Every record in arrival order.
  const std::vector<Record>& log() const { return log_; }
  // Sizes of the SendRecords calls.
  const std::vector<size_t>& batch_sizes() const { return batch_sizes_; }

 private:
  absl::Status CheckOpen() const;
  std::string KeyOf(const Record& r) const;
  std::map<std::string, std::vector<std::string>> keys_;  // "s.t" → pk columns
  std::map<std::string, std::map<std::string, RowText>> tables_;
  std::vector<std::string> checkpoints_, warnings_, tasks_;
  std::vector<std::vector<TableInfo>> schema_changes_;
  std::vector<Record> log_;
  std::vector<size_t> batch_sizes_;
  int fail_after_checkpoints_ = -1;
  std::atomic<bool> cancelled_{false};
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_TESTING_MEMORY_SINK_H_
