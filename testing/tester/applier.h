// Applies SDK v2 operations to the warehouse with Fivetran's semantics, in
// batches.
//
//   UPSERT    replaces the whole row (absent columns become NULL) and
//             clears _fivetran_deleted, reviving a deleted row.
//   UPDATE    changes only the columns sent; unknown keys are ignored; a key
//             that is not in the table changes nothing.
//   DELETE    soft: _fivetran_deleted = true.
//   TRUNCATE  soft-deletes the table's rows synced before it.
// Every write sets _fivetran_synced. Tables without a primary key are keyed
// by _fivetran_id (see row_hash.h); UPDATE and DELETE on them find the row by
// an explicit `_fivetran_id` value in the data, else (DELETE) by the hash of
// the full row sent.
//
// How: records go through DuckDB's appender into one TEMP staging table per
// destination table, and a run of same-kind records is merged with one
// set-based statement (INSERT OR REPLACE / UPDATE ... FROM), deduplicated per
// key by arrival order. A record of another kind for the same table (or a
// TRUNCATE, a schema change, a commit) merges the pending run first, so the
// per-key order of operations is the stream's order. All of it runs inside
// one transaction that Commit() ends; nothing is durable before Commit().
//
// Not thread-safe.
#ifndef EHI_TESTING_TESTER_APPLIER_H_
#define EHI_TESTING_TESTER_APPLIER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "connector_sdk.pb.h"
#include "testing/tester/catalog.h"
#include "testing/tester/database.h"
#include "testing/tester/progress.h"

namespace tester {

class Applier {
 public:
  // Rows staged before a run is merged even without a commit.
  static constexpr int64_t kDefaultFlushRows = 100000;

  Applier(Database* db, Catalog* catalog, int64_t flush_rows = kDefaultFlushRows);
  ~Applier();

  // Starts the transaction the operations run in.
  absl::Status Begin();
  // One record (single or from a `records` batch). Counts it.
  absl::Status Apply(const fivetran_sdk::v2::Record& record);
  // Creates tables and adds columns; drops nothing.
  absl::Status ApplySchemaChange(const fivetran_sdk::v2::SchemaChange& change);
  // Merges everything staged and commits; the next operation opens a new
  // transaction.
  absl::Status Commit();

  const SyncCounts& counts() const { return counts_; }
  // Called with (table display name, rows) for each record applied.
  void set_row_observer(std::function<void(const std::string&, int64_t)> f) {
    row_observer_ = std::move(f);
  }

 private:
  struct Stage;
  absl::StatusOr<Stage*> StageFor(TableDef& table);
  absl::Status Flush(TableDef& table, Stage& stage);
  absl::Status FlushAll();
  absl::Status Truncate(TableDef& table);
  absl::Status AppendRecord(TableDef& table, Stage& stage, const fivetran_sdk::v2::Record& record);
  std::string NextSyncTimestamp();

  Database* db_;
  Catalog* catalog_;
  int64_t flush_rows_;
  bool in_transaction_ = false;
  int64_t last_synced_micros_ = 0;
  int next_stage_id_ = 0;
  SyncCounts counts_;
  absl::flat_hash_map<const TableDef*, std::unique_ptr<Stage>> stages_;
  std::function<void(const std::string&, int64_t)> row_observer_;
};

}  // namespace tester

#endif  // EHI_TESTING_TESTER_APPLIER_H_
