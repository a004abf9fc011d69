#include "connector/sync/full_load.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/sync/page_queue.h"

namespace ehi::sync {
namespace {

// Plans a fresh load: cursor snapshot, ranges, TRUNCATE.
absl::Status StartFresh(TableContext& ctx) {
  const SelectedTable& sel = ctx.selected();
  TableState fresh;
  fresh.phase = Phase::kFullLoad;
  if (sel.instant_column >= 0) {
    EHI_RETURN_IF_ERROR(ctx.writer_source().Run(
        absl::StrCat(ctx.name(), ": reading MAX(_LastUpdatedInstant)"), [&](Source& s) {
          EHI_ASSIGN_OR_RETURN(fresh.cursor, s.MaxValue(ctx.info(), sel.instant_column));
          return absl::OkStatus();
        }));
    fresh.has_cursor = true;
  }
  std::vector<Value> points;
  const int parts = std::max(1, ctx.planned().settings.readers);
  if (parts > 1) {
    absl::Status s = ctx.writer_source().Run(
        absl::StrCat(ctx.name(), ": computing key ranges"), [&](Source& src) {
          points.clear();
          EHI_ASSIGN_OR_RETURN(points, src.SplitPoints(ctx.info(), parts));
          return absl::OkStatus();
        });
    if (absl::IsCancelled(s) || absl::IsPermissionDenied(s)) return s;
    if (!s.ok()) {
      // Splitting is an optimisation: one range is always correct.
      LogWarning(absl::StrCat(ctx.name(), ": could not split into key ranges (", s.message(),
                              "); reading it as one range"));
      points.clear();
    }
  }
  for (size_t i = 0; i <= points.size(); ++i) {
    RangeState r;
    if (i > 0) r.lower = points[i - 1];
    if (i < points.size()) r.upper = points[i];
    fresh.ranges.push_back(std::move(r));
  }
  ctx.table_state() = std::move(fresh);
  return ctx.SendTruncate();
}

absl::Status LoadKeyless(TableContext& ctx) {
  const SelectedTable& sel = ctx.selected();
  int64_t sent = 0;
  EHI_RETURN_IF_ERROR(ctx.writer_source().Run(
      absl::StrCat(ctx.name(), ": reading (no primary key, one pass)"), [&](Source& s) {
        EHI_RETURN_IF_ERROR(ctx.SendTruncate());
        sent = 0;
        return s.ScanAll(ctx.info(), sel.deleted_column, [&](SourceRow row) -> absl::Status {
          if (ctx.sink().Cancelled()) return absl::CancelledError("sync cancelled");
          EHI_RETURN_IF_ERROR(ctx.SendUpsert(row));
          ++sent;
          return absl::OkStatus();
        });
      }));
  // Counted at the end: a checkpoint in the middle could not resume anyway.
  ctx.table_state() = TableState{};
  ctx.table_state().phase = Phase::kReload;
  return ctx.RowsSent(sent);
}

struct Reader {
  std::unique_ptr<SourceHolder> holder;
  std::thread thread;
};

// One reader: takes ranges from the shared list and pages through them.
void ReadRanges(TableContext& ctx, SourceHolder& holder, PageQueue& queue,
                std::atomic<size_t>& next, const std::vector<int>& todo,
                const std::vector<KeyBounds>& all_bounds,
                const std::vector<std::optional<Key>>& start_keys, const std::atomic<bool>& stop) {
  const TableInfo& info = ctx.info();
  const int deleted = ctx.selected().deleted_column;
  const int batch = std::max(1, ctx.planned().settings.batch_size);
  absl::Status status;
  for (size_t i = next++; i < todo.size() && status.ok() && !stop.load(); i = next++) {
    const int range = todo[i];
    const KeyBounds& bounds = all_bounds[range];
    Key after = start_keys[range].value_or(Key{});
    while (!stop.load()) {
      std::vector<SourceRow> rows;
      status = holder.Run(absl::StrCat(info.schema, ".", info.name, ": reading range ", range),
                          [&](Source& s) {
                            rows.clear();
                            return s.FetchKeysetPage(info, deleted, bounds, after, batch, &rows);
                          });
      if (!status.ok()) break;
      const bool last = static_cast<int>(rows.size()) < batch;
      if (!rows.empty()) {
        after = KeyOf(info, rows.back());
        QueueItem item;
        item.range = range;
        item.rows = std::move(rows);
        if (!queue.Push(std::move(item))) return;
      }
      if (last) {
        QueueItem done;
        done.kind = QueueItem::Kind::kRangeDone;
        done.range = range;
        if (!queue.Push(std::move(done))) return;
        break;
      }
    }
  }
  holder.Close();
  QueueItem bye;
  bye.kind = QueueItem::Kind::kReaderDone;
  bye.status = status;
  queue.Push(std::move(bye));
}

}  // namespace

absl::Status RunFullLoad(TableContext& ctx) {
  const TableInfo& info = ctx.info();
  if (info.primary_key.empty()) return LoadKeyless(ctx);
  TableState& ts = ctx.table_state();
  if (ts.phase != Phase::kFullLoad || ts.ranges.empty()) {
    EHI_RETURN_IF_ERROR(StartFresh(ctx));
  } else {
    LogInfo(absl::StrCat(ctx.name(), ": resuming the full load from the saved state"));
  }
  std::vector<int> todo;
  // Readers get copies: the writer updates the state while they run.
  std::vector<std::optional<Key>> start_keys;
  std::vector<KeyBounds> all_bounds;
  for (size_t i = 0; i < ctx.table_state().ranges.size(); ++i) {
    const RangeState& r = ctx.table_state().ranges[i];
    start_keys.push_back(r.last_key);
    all_bounds.push_back(KeyBounds{r.lower, r.upper});
    if (!r.done) todo.push_back(static_cast<int>(i));
  }
  const int n_readers =
      std::min<int>(std::max(1, ctx.planned().settings.readers), static_cast<int>(todo.size()));
  PageQueue queue(static_cast<size_t>(std::max(1, ctx.planned().settings.queue_size)));
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::vector<Reader> readers(n_readers);
  for (Reader& r : readers) {
    r.holder = std::make_unique<SourceHolder>(ctx.factory(), RetryPolicy::FromConfig(ctx.config()));
  }
  // Threads start after every holder exists: the stop path cancels them all.
  for (Reader& r : readers) {
    r.thread =
        std::thread(ReadRanges, std::ref(ctx), std::ref(*r.holder), std::ref(queue), std::ref(next),
                    std::cref(todo), std::cref(all_bounds), std::cref(start_keys), std::cref(stop));
  }
  absl::Status status;
  int finished = 0;
  while (finished < n_readers) {
    if (ctx.sink().Cancelled()) {
      status = absl::CancelledError("sync cancelled by the orchestrator or shutdown");
      break;
    }
    if (ctx.LimitReached()) break;  // test hook: leave the load unfinished
    std::optional<QueueItem> item = queue.Pop(absl::Milliseconds(100));
    if (!item.has_value()) continue;
    if (item->kind == QueueItem::Kind::kReaderDone) {
      ++finished;
      if (!item->status.ok()) {
        status = item->status;
        break;
      }
      continue;
    }
    RangeState& range = ctx.table_state().ranges[item->range];
    if (item->kind == QueueItem::Kind::kRangeDone) {
      range.done = true;
      continue;
    }
    for (const SourceRow& row : item->rows) {
      status = ctx.SendUpsert(row);
      if (!status.ok()) break;
    }
    if (!status.ok()) break;
    range.last_key = KeyOf(info, item->rows.back());
    status = ctx.RowsSent(static_cast<int64_t>(item->rows.size()));
    if (!status.ok()) break;
  }
  // Stop readers: close the queue (unblocks pushes), cancel running queries.
  stop.store(true);
  queue.Close();
  if (finished < n_readers) {
    for (Reader& r : readers) r.holder->Cancel();
  }
  for (Reader& r : readers) r.thread.join();
  if (!status.ok()) return status;
  if (finished < n_readers) return absl::OkStatus();  // limit reached
  // Every range is done: the table moves on.
  TableState done;
  if (ctx.selected().instant_column >= 0) {
    done.phase = Phase::kIncremental;
    done.has_cursor = true;
    done.cursor = ctx.table_state().cursor;
  } else {
    done.phase = Phase::kReload;
  }
  ctx.table_state() = std::move(done);
  return absl::OkStatus();
}

}  // namespace ehi::sync
