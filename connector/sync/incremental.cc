#include "connector/sync/incremental.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "common/status_macros.h"

namespace ehi::sync {
namespace {

bool IsDeleted(const Value& v) {
  if (v.is_null) return false;
  return v.type == DataType::kBoolean ? v.boolean : v.integer != 0;
}

bool Later(const Value& a, const Value& b) {
  if (a.is_null) return false;
  if (b.is_null) return true;
  return a.timestamp.seconds != b.timestamp.seconds ? a.timestamp.seconds > b.timestamp.seconds
                                                    : a.timestamp.nanos > b.timestamp.nanos;
}

}  // namespace

Value IncrementalFrom(const Value& cursor, int overlap_seconds) {
  Value from = cursor;
  if (!from.is_null) from.timestamp.seconds -= overlap_seconds;
  return from;
}

absl::Status RunIncremental(TableContext& ctx) {
  const TableInfo& info = ctx.info();
  const SelectedTable& sel = ctx.selected();
  const int batch = std::max(1, ctx.planned().settings.batch_size);
  const Value from =
      IncrementalFrom(ctx.table_state().cursor, ctx.config().incremental_overlap_seconds);
  if (ctx.table_state().position.has_value()) {
    LogInfo(absl::StrCat(ctx.name(), ": resuming the incremental run from the saved position"));
  }
  while (!ctx.LimitReached()) {
    if (ctx.sink().Cancelled()) return absl::CancelledError("sync cancelled");
    const Key after = ctx.table_state().position.value_or(Key{});
    std::vector<SourceRow> rows;
    EHI_RETURN_IF_ERROR(
        ctx.writer_source().Run(absl::StrCat(ctx.name(), ": reading changes"), [&](Source& s) {
          rows.clear();
          return s.FetchChangesPage(info, sel.instant_column, from, after, batch, &rows);
        }));
    for (const SourceRow& row : rows) {
      if (sel.deleted_column >= 0 && IsDeleted(row[sel.deleted_column])) {
        EHI_RETURN_IF_ERROR(ctx.SendDelete(row));
      } else {
        EHI_RETURN_IF_ERROR(ctx.SendUpsert(row));
      }
    }
    if (!rows.empty()) {
      Key pos = {rows.back()[sel.instant_column]};
      Key pk = KeyOf(info, rows.back());
      pos.insert(pos.end(), pk.begin(), pk.end());
      ctx.table_state().position = std::move(pos);
      EHI_RETURN_IF_ERROR(ctx.RowsSent(static_cast<int64_t>(rows.size())));
    }
    if (static_cast<int>(rows.size()) < batch) break;
  }
  if (ctx.LimitReached()) return absl::OkStatus();
  TableState& ts = ctx.table_state();
  if (ts.position.has_value() && Later((*ts.position)[0], ts.cursor)) {
    ts.cursor = (*ts.position)[0];
  }
  ts.position.reset();
  return absl::OkStatus();
}

}  // namespace ehi::sync
