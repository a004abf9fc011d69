#include "testing/tester/progress.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tester {
namespace {

double Rate(int64_t rows, absl::Duration elapsed) {
  double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0.001 ? rows / seconds : 0.0;
}

}  // namespace

std::string FormatSyncProgress(const SyncCounts& c) {
  const std::vector<std::pair<const char*, int64_t>> lines = {{"Upserts", c.upserts},
                                                              {"Updates", c.updates},
                                                              {"Deletes", c.deletes},
                                                              {"Truncates", c.truncates},
                                                              {"SchemaChanges", c.schema_changes},
                                                              {"Checkpoints", c.checkpoints},
                                                              {"Warnings", c.warnings}};
  std::string out = "SYNC PROGRESS:\n";
  absl::StrAppendFormat(&out, "%-15s| %s\n", "Operation", "Calls");
  absl::StrAppend(&out, std::string(15, '-'), "+", std::string(12, '-'), "\n");
  for (const auto& [name, value] : lines) {
    absl::StrAppendFormat(&out, "%-15s| %d\n", name, value);
  }
  return out;
}

ProgressDisplay::ProgressDisplay(std::FILE* out, bool terminal, absl::Duration interval)
    : out_(out),
      terminal_(terminal),
      interval_(terminal ? absl::Milliseconds(250) : interval),
      start_(absl::Now()),
      last_render_(start_) {}

void ProgressDisplay::AddRows(const std::string& table, int64_t rows) {
  absl::Time now = absl::Now();
  TableProgress& p = tables_[table];
  if (p.rows == 0) p.first = now;
  p.rows += rows;
  p.last = now;
  total_ += rows;
  current_ = table;
  if (now - last_render_ >= interval_) Render(now);
}

void ProgressDisplay::Render(absl::Time now) {
  last_render_ = now;
  const TableProgress& p = tables_[current_];
  std::string line = absl::StrFormat(
      "%s: %d rows (%.0f rows/s) | total %d rows (%.0f rows/s), %d tables", current_, p.rows,
      Rate(p.rows, now - p.first), total_, Rate(total_, now - start_), tables_.size());
  if (terminal_) {
    absl::FPrintF(out_, "\r\033[K%s", line);
    line_shown_ = true;
  } else {
    absl::FPrintF(out_, "progress: %s\n", line);
  }
  std::fflush(out_);
}

void ProgressDisplay::Interrupt() {
  if (terminal_ && line_shown_) {
    absl::FPrintF(out_, "\r\033[K");
    line_shown_ = false;
  }
}

void ProgressDisplay::Finish() {
  Interrupt();
  for (const auto& [table, p] : tables_) {
    // A rate over a few milliseconds (one batch) says nothing.
    absl::Duration span = p.last - p.first;
    std::string rate = span >= absl::Milliseconds(50)
                           ? absl::StrFormat("%10.0f rows/s", Rate(p.rows, span))
                           : std::string();
    absl::FPrintF(out_, "  %-40s %10d rows  %s\n", table, p.rows, rate);
  }
  std::fflush(out_);
}

}  // namespace tester
