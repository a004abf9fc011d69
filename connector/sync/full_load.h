// Full load of one table: keyset pagination over the whole primary key in
// half-open ranges of the leading key column, read by parallel readers (one
// Source/connection each) into a bounded PageQueue; the calling thread is
// the one writer: it sends UPSERTs and records each range's last key *sent*
// in the state, so a checkpoint resumes every range exactly after the last
// row written. Soft-deleted rows (_IsDeleted = 1) are not loaded.
//
// A fresh load (no full_load entry in the state) first snapshots
// MAX(_LastUpdatedInstant) as the future incremental cursor, computes the
// ranges, and sends a TRUNCATE record (so rows deleted in the source since
// an earlier sync disappear, and a reload never duplicates).
//
// Tables without a primary key are read in one pass on the writer's
// connection, preceded by TRUNCATE; they are restartable only from the
// beginning (the state is written only when they finish; a retry after a
// transient error sends TRUNCATE again and rereads).
//
//   TableContext ctx(...);
//   EHI_RETURN_IF_ERROR(RunFullLoad(ctx));
//
// Cancellation: the writer polls UpdateSink::Cancelled() between queue pops
// (every 100 ms at most); on cancel or error it closes the queue and cancels
// every reader's query (Source::Cancel), then joins the readers.
#ifndef EHI_CONNECTOR_SYNC_FULL_LOAD_H_
#define EHI_CONNECTOR_SYNC_FULL_LOAD_H_

#include "absl/status/status.h"
#include "connector/sync/table_context.h"

namespace ehi::sync {

absl::Status RunFullLoad(TableContext& ctx);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_FULL_LOAD_H_
