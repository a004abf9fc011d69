#include "connector/sync/table_context.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/logger.h"

namespace ehi::sync {

Key KeyOf(const TableInfo& table, const SourceRow& row) {
  Key key;
  key.reserve(table.primary_key.size());
  for (int i : table.primary_key) key.push_back(row[i]);
  return key;
}

TableContext::TableContext(const Config& config, const SyncOptions& options,
                           const PlannedTable& table, UpdateSink& sink, RecordBatcher& batcher,
                           SyncState& state, SourceFactory& factory, SourceHolder& writer_source)
    : config_(config),
      options_(options),
      table_(table),
      sink_(sink),
      batcher_(batcher),
      state_(state),
      factory_(factory),
      writer_source_(writer_source),
      key_(StateKey(table.selected.table)),
      start_(absl::Now()),
      last_checkpoint_(start_),
      last_progress_(start_) {}

absl::Status TableContext::SendUpsert(const SourceRow& row) {
  Record r;
  r.schema = info().schema;
  r.table = info().name;
  r.type = RecordType::kUpsert;
  for (size_t i = 0; i < row.size(); ++i) {
    if (selected().emit[i]) r.data.emplace_back(info().columns[i].name, row[i]);
  }
  return batcher_.Add(std::move(r));
}

absl::Status TableContext::SendDelete(const SourceRow& row) {
  Record r;
  r.schema = info().schema;
  r.table = info().name;
  r.type = RecordType::kDelete;
  for (int i : info().primary_key) r.data.emplace_back(info().columns[i].name, row[i]);
  return batcher_.Add(std::move(r));
}

absl::Status TableContext::SendTruncate() {
  Record r;
  r.schema = info().schema;
  r.table = info().name;
  r.type = RecordType::kTruncate;
  return batcher_.Add(std::move(r));
}

absl::Status TableContext::Checkpoint() {
  if (absl::Status s = batcher_.Flush(); !s.ok()) return s;
  absl::StatusOr<std::string> json = SerializeState(state_);
  if (!json.ok()) return json.status();
  rows_since_checkpoint_ = 0;
  last_checkpoint_ = absl::Now();
  return sink_.SendCheckpoint(*json);
}

bool TableContext::LimitReached() const {
  return options_.max_rows_per_table.has_value() && rows_sent_ >= *options_.max_rows_per_table;
}

absl::Status TableContext::RowsSent(int64_t n) {
  rows_sent_ += n;
  rows_since_checkpoint_ += n;
  const absl::Time now = absl::Now();
  if (now - last_progress_ >= options_.progress_interval) {
    last_progress_ = now;
    const double secs = absl::ToDoubleSeconds(now - start_);
    const double rate = secs > 0 ? rows_sent_ / secs : 0;
    std::string line = absl::StrFormat("%s: %d rows, %.0f rows/s", name(), rows_sent_, rate);
    if (table_.rows.has_value() && *table_.rows > 0) {
      const double pct = std::min(100.0, 100.0 * rows_sent_ / *table_.rows);
      const double left = rate > 0 ? std::max(0.0, (*table_.rows - rows_sent_) / rate) : 0;
      absl::StrAppend(&line,
                      absl::StrFormat(", %.1f%% of the estimate, about %.0f s left", pct, left));
    }
    LogInfo(line);
  }
  if (rows_since_checkpoint_ >= table_.settings.checkpoint_rows ||
      (rows_since_checkpoint_ > 0 &&
       now - last_checkpoint_ >= absl::Seconds(config_.checkpoint_max_seconds))) {
    return Checkpoint();
  }
  return absl::OkStatus();
}

void TableContext::LogStart() const {
  LogInfo(absl::StrCat("Table ", table_.order, " ", name(), " (",
                       TableCategoryName(table_.category), ", ",
                       table_.rows.has_value() ? absl::StrCat(*table_.rows) : "unknown",
                       " rows estimated): started"));
}

void TableContext::LogFinish() const {
  const double secs = absl::ToDoubleSeconds(absl::Now() - start_);
  LogInfo(absl::StrFormat("Table %d %s: finished, %d rows in %.1f s (%.0f rows/s)", table_.order,
                          name(), rows_sent_, secs, secs > 0 ? rows_sent_ / secs : 0.0));
}

}  // namespace ehi::sync
