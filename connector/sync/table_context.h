// What the writer needs while syncing one table: the sink (through the
// batcher), the whole sync state (checkpoints carry every table), the
// checkpoint cadence and progress logging. Full load and incremental share
// it.
//
// Checkpoint rule: Checkpoint() first flushes the batcher, so the state it
// sends covers only records already handed to the sink.
//
// Thread-safety: writer thread only.
#ifndef EHI_CONNECTOR_SYNC_TABLE_CONTEXT_H_
#define EHI_CONNECTOR_SYNC_TABLE_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "connector/config.h"
#include "connector/sync/batcher.h"
#include "connector/sync/planner.h"
#include "connector/sync/retry.h"
#include "connector/sync/source.h"
#include "connector/sync/state.h"
#include "connector/sync/update_sink.h"

namespace ehi::sync {

// Engine knobs that are not user configuration.
struct SyncOptions {
  absl::Duration progress_interval = absl::Seconds(30);
  // Test hook: stop reading a table after about this many rows (its state
  // stays "full_load", unfinished). Never set in production.
  std::optional<int64_t> max_rows_per_table;
  size_t batch_bytes = kDefaultBatchBytes;
};

class TableContext {
 public:
  TableContext(const Config& config, const SyncOptions& options, const PlannedTable& table,
               UpdateSink& sink, RecordBatcher& batcher, SyncState& state, SourceFactory& factory,
               SourceHolder& writer_source);

  const Config& config() const { return config_; }
  const SyncOptions& options() const { return options_; }
  const PlannedTable& planned() const { return table_; }
  const SelectedTable& selected() const { return table_.selected; }
  const TableInfo& info() const { return table_.selected.table; }
  UpdateSink& sink() { return sink_; }
  SourceFactory& factory() { return factory_; }
  SourceHolder& writer_source() { return writer_source_; }
  TableState& table_state() { return state_.tables[key_]; }
  const std::string& name() const { return key_; }

  // UPSERT of the emitted columns of `row`.
  absl::Status SendUpsert(const SourceRow& row);
  // DELETE carrying the primary key columns only.
  absl::Status SendDelete(const SourceRow& row);
  absl::Status SendTruncate();
  // Counts rows sent; checkpoints when the cadence says so; logs progress.
  absl::Status RowsSent(int64_t n);
  absl::Status Checkpoint();
  int64_t rows_sent() const { return rows_sent_; }
  bool LimitReached() const;
  void LogStart() const;
  void LogFinish() const;

 private:
  const Config& config_;
  const SyncOptions& options_;
  const PlannedTable& table_;
  UpdateSink& sink_;
  RecordBatcher& batcher_;
  SyncState& state_;
  SourceFactory& factory_;
  SourceHolder& writer_source_;
  const std::string key_;
  int64_t rows_sent_ = 0;
  int64_t rows_since_checkpoint_ = 0;
  absl::Time start_;
  absl::Time last_checkpoint_;
  absl::Time last_progress_;
};

// Key values (primary key columns) of a row.
Key KeyOf(const TableInfo& table, const SourceRow& row);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_TABLE_CONTEXT_H_
