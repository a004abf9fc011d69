// What a sync did, and how it is shown while it runs.
//
// SyncCounts is the closing `SYNC PROGRESS` table. ProgressDisplay shows rows
// and rows/s per table while records arrive: on a terminal one line rewritten
// in place (current table, its rows and rate, the total), otherwise a plain
// line every `interval` so CI logs stay readable.
#ifndef EHI_TESTING_TESTER_PROGRESS_H_
#define EHI_TESTING_TESTER_PROGRESS_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace tester {

struct SyncCounts {
  int64_t upserts = 0;
  int64_t updates = 0;
  int64_t deletes = 0;
  int64_t truncates = 0;
  int64_t schema_changes = 0;
  int64_t checkpoints = 0;
  int64_t warnings = 0;
};

// The closing table, one operation per line:
//   SYNC PROGRESS:
//   Operation      | Calls
//   ---------------+------------
//   Upserts        | 1200
std::string FormatSyncProgress(const SyncCounts& counts);

class ProgressDisplay {
 public:
  // `out` is written to only; a terminal gets the rewritten line.
  ProgressDisplay(std::FILE* out, bool terminal, absl::Duration interval = absl::Seconds(5));

  // Rows of one table were received (any record type).
  void AddRows(const std::string& table, int64_t rows);
  // Clears the terminal line before other output is printed.
  void Interrupt();
  // Final per-table summary lines.
  void Finish();

 private:
  struct TableProgress {
    int64_t rows = 0;
    absl::Time first = absl::InfinitePast();
    absl::Time last = absl::InfinitePast();
  };
  void Render(absl::Time now);

  std::FILE* out_;
  bool terminal_;
  absl::Duration interval_;
  absl::Time start_;
  absl::Time last_render_;
  bool line_shown_ = false;
  std::string current_;
  int64_t total_ = 0;
  std::map<std::string, TableProgress> tables_;
};

}  // namespace tester

#endif  // EHI_TESTING_TESTER_PROGRESS_H_
