// Incremental sync of one table with _LastUpdatedInstant and a primary key:
// rows with instant ≥ cursor − Config::incremental_overlap_seconds, in
// keyset order on (instant, primary key). _IsDeleted = 1 → DELETE (primary
// key columns only), otherwise UPSERT. The state's "position" (the last
// (instant, pk) sent) lets an interrupted run resume mid-way; when the run
// completes the cursor becomes the greatest instant read (never the wall
// clock) and the position is cleared. Rows whose instant is NULL are never
// seen by an incremental run (Caboodle always sets it).
//
// Runs on the writer thread with the writer's Source; cancellation is
// checked between pages and the engine's watchdog cancels a running query.
#ifndef EHI_CONNECTOR_SYNC_INCREMENTAL_H_
#define EHI_CONNECTOR_SYNC_INCREMENTAL_H_

#include "absl/status/status.h"
#include "connector/sync/table_context.h"

namespace ehi::sync {

absl::Status RunIncremental(TableContext& ctx);

// The lower bound of a run: cursor − overlap (NULL cursor → NULL).
Value IncrementalFrom(const Value& cursor, int overlap_seconds);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_INCREMENTAL_H_
