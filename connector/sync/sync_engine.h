// The sync behind the Update RPC. One call = one sync:
//   1. discover the catalog with row counts (one catalog query set),
//   2. parse the saved state against it (bad state → INVALID_ARGUMENT),
//   3. apply the orchestrator's selection, plan small → medium → large and
//      log the plan,
//   4. per table: announce it if new (SchemaChange), then full load
//      (full_load.h), incremental (incremental.h) or full reread with
//      TRUNCATE (tables without _LastUpdatedInstant), then one VALIDATION
//      record (validation.h) and a checkpoint,
//   5. a final checkpoint.
//
//   SqlSourceFactory factory(config.ConnectionSettings());
//   absl::Status s = RunSync(config, {selection, state_json}, factory, sink);
//
// Outcomes: errors that need the user (login failed, database missing) are
// sent as a Task and returned (FAILED_PRECONDITION and the like); a table
// the login may not read is skipped with a Warning; transient errors are
// retried inside (retry.h); cancellation (UpdateSink::Cancelled) returns
// CANCELLED within about a second, with every reader joined and every
// connection closed.
//
// Thread-safety: RunSync blocks the calling thread (the stream's one writer)
// and starts reader threads it joins before returning.
#ifndef EHI_CONNECTOR_SYNC_SYNC_ENGINE_H_
#define EHI_CONNECTOR_SYNC_SYNC_ENGINE_H_

#include <string>

#include "absl/status/status.h"
#include "connector/config.h"
#include "connector/sync/selection.h"
#include "connector/sync/source.h"
#include "connector/sync/table_context.h"
#include "connector/sync/update_sink.h"

namespace ehi::sync {

struct SyncRequest {
  Selection selection;
  std::string state_json;
};

absl::Status RunSync(const Config& config, const SyncRequest& request, SourceFactory& factory,
                     UpdateSink& sink, const SyncOptions& options = {});

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_SYNC_ENGINE_H_
