#include "connector/sync/sync_engine.h"

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/sqlserver/errors.h"
#include "connector/sync/full_load.h"
#include "connector/sync/incremental.h"
#include "connector/sync/planner.h"
#include "connector/sync/retry.h"
#include "connector/sync/state.h"
#include "connector/sync/validation.h"

namespace ehi::sync {
namespace {

// Cancels the writer's running query when the sink reports cancellation,
// so a long query on the writer thread stops within about a second too.
class CancelWatch {
 public:
  CancelWatch(UpdateSink& sink, SourceHolder& holder)
      : thread_([this, &sink, &holder] {
          while (!done_.WaitForNotificationWithTimeout(absl::Milliseconds(100))) {
            if (sink.Cancelled()) {
              holder.Cancel();
              return;
            }
          }
        }) {}
  ~CancelWatch() {
    done_.Notify();
    thread_.join();
  }

 private:
  absl::Notification done_;
  std::thread thread_;
};

absl::Status SyncTable(TableContext& ctx, UpdateSink& sink) {
  const SelectedTable& sel = ctx.selected();
  ctx.LogStart();
  if (sel.is_new || sel.has_new_columns) {
    EHI_RETURN_IF_ERROR(ctx.Checkpoint());  // flushes earlier records first
    EHI_RETURN_IF_ERROR(sink.SendSchemaChange({sel.Announced()}));
  }
  TableState& ts = ctx.table_state();
  const bool incremental =
      ts.phase == Phase::kIncremental && sel.instant_column >= 0 && !ctx.info().primary_key.empty();
  if (incremental) {
    EHI_RETURN_IF_ERROR(RunIncremental(ctx));
  } else {
    if (ts.phase != Phase::kFullLoad) ts = TableState{};  // reload: start afresh
    EHI_RETURN_IF_ERROR(RunFullLoad(ctx));
  }
  ctx.LogFinish();
  return absl::OkStatus();
}

}  // namespace

absl::Status RunSync(const Config& config, const SyncRequest& request, SourceFactory& factory,
                     UpdateSink& sink, const SyncOptions& options) {
  SourceHolder writer(factory, RetryPolicy::FromConfig(config));
  CancelWatch watch(sink, writer);
  auto user_action = [&](const absl::Status& s) -> absl::Status {
    if (sqlserver::IsUserActionRequired(s)) {
      absl::Status t = sink.SendTask(std::string(s.message()));
      if (!t.ok()) return t;
    }
    return s;
  };

  Catalog catalog;
  absl::Status s = writer.Run("discovering tables", [&](Source& src) {
    EHI_ASSIGN_OR_RETURN(catalog, src.Discover(config.filter));
    return absl::OkStatus();
  });
  if (!s.ok()) return user_action(s);
  // Recoverable oddities (fallback-mapped types, unreadable row counts) are
  // the user's to know: logged and sent as Warning.
  for (const std::string& w : catalog.warnings) {
    LogWarning(w);
    EHI_RETURN_IF_ERROR(sink.SendWarning(w));
  }
  for (const TableInfo& t : catalog.tables) {
    if (absl::EqualsIgnoreCase(t.schema, kValidationSchema) &&
        absl::EqualsIgnoreCase(t.name, kValidationTable)) {
      EHI_RETURN_IF_ERROR(sink.SendWarning(
          absl::StrCat("Source table ", t.schema, ".", t.name,
                       " has the name of this connector's VALIDATION table; both write to the same "
                       "destination table.")));
    }
  }

  EHI_ASSIGN_OR_RETURN(ParsedState parsed, ParseState(request.state_json, catalog.tables));
  SyncState state = std::move(parsed.state);
  for (const std::string& w : parsed.warnings) EHI_RETURN_IF_ERROR(sink.SendWarning(w));

  std::vector<PlannedTable> plan =
      BuildPlan(ApplySelection(catalog.tables, request.selection), config);
  for (const std::string& line : PlanSummary(plan)) LogInfo(line);

  RecordBatcher batcher(sink, kMaxRecordsPerSend, options.batch_bytes);
  for (const PlannedTable& p : plan) {
    if (sink.Cancelled()) return absl::CancelledError("sync cancelled");
    TableContext ctx(config, options, p, sink, batcher, state, factory, writer);
    s = SyncTable(ctx, sink);
    if (absl::IsPermissionDenied(s)) {
      EHI_RETURN_IF_ERROR(batcher.Flush());
      EHI_RETURN_IF_ERROR(
          sink.SendWarning(absl::StrCat("Skipped table ", ctx.name(), ": ", s.message())));
      continue;
    }
    if (!s.ok()) return user_action(s);
    int64_t count = 0;
    s = writer.Run(absl::StrCat(ctx.name(), ": counting live rows"), [&](Source& src) {
      EHI_ASSIGN_OR_RETURN(count, src.CountLive(ctx.info(), p.selected.deleted_column));
      return absl::OkStatus();
    });
    if (!s.ok()) return user_action(s);
    EHI_RETURN_IF_ERROR(batcher.Add(
        ValidationRecord(absl::Now(), ctx.name(), count, ctx.rows_sent(), p.category, p.order)));
    EHI_RETURN_IF_ERROR(ctx.Checkpoint());
  }
  EHI_RETURN_IF_ERROR(batcher.Flush());
  EHI_ASSIGN_OR_RETURN(std::string json, SerializeState(state));
  EHI_RETURN_IF_ERROR(sink.SendCheckpoint(json));
  LogInfo(absl::StrCat("Sync finished: ", plan.size(), " tables"));
  return absl::OkStatus();
}

}  // namespace ehi::sync
