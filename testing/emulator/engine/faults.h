// Fault injection, process-wide and thread-safe.
//
//   EXEC emulator.inject_fault 'deadlock_next_query'        -- error 1205
//   EXEC emulator.inject_fault 'lock_timeout_next_query', 2 -- error 1222, twice
//   EXEC emulator.inject_fault 'drop_connection_after_rows', 5000
//   EXEC emulator.inject_fault 'stall_ms', 3000
//   EXEC emulator.inject_fault 'refuse_connections', 3
//   EXEC emulator.inject_fault 'deny_select', 'sys.partitions'
//   EXEC emulator.inject_fault 'clear'
//
// Scopes (all process-wide, shared by every session):
//   deadlock_next_query [N=1]      the next N data statements (SELECT, INSERT,
//   lock_timeout_next_query [N=1]  UPDATE, DELETE) on any session fail.
//   drop_connection_after_rows N   armed until some result set reaches N rows;
//                                  that connection is dropped right after
//                                  sending row N; then disarmed.
//   stall_ms N                     the next SELECT on any session waits N ms
//                                  before its first row (ATTENTION ends it).
//   refuse_connections N           the next N accepted connections are
//                                  refused before login.
//   deny_select 'schema.object'    until cleared: SELECTs reading the object
//                                  fail with 229 (sys.dm_db_partition_stats:
//                                  300 + 297).
//   clear                          removes every fault.
#ifndef EHI_TESTING_EMULATOR_ENGINE_FAULTS_H_
#define EHI_TESTING_EMULATOR_ENGINE_FAULTS_H_

#include <atomic>
#include <cstdint>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace emulator {

class FaultInjector {
 public:
  // `name` is the fault; `int_arg`/`text_arg` its argument (when given).
  absl::Status Inject(absl::string_view name, bool has_int, int64_t int_arg,
                      absl::string_view text_arg);
  void Clear();

  // Consumes a pending deadlock/lock-timeout fault for a data statement.
  // Returns 0 (none), 1205 or 1222.
  int TakeQueryFault();
  // Consumes the stall for the next SELECT (0 = none).
  int64_t TakeStallMs();
  // The armed row limit, or -1. Cheap: read once per statement.
  int64_t drop_after_rows() const { return drop_after_rows_.load(std::memory_order_relaxed); }
  // True for exactly one caller once a result set reached the limit.
  bool ClaimDrop();
  bool ShouldRefuseConnection();
  // `object` is "schema.name", lower case.
  bool IsDenied(absl::string_view object) const;

 private:
  mutable absl::Mutex mu_;
  int deadlocks_ ABSL_GUARDED_BY(mu_) = 0;
  int lock_timeouts_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t stall_ms_ ABSL_GUARDED_BY(mu_) = 0;
  int refuse_ ABSL_GUARDED_BY(mu_) = 0;
  std::set<std::string> denied_ ABSL_GUARDED_BY(mu_);
  std::atomic<int64_t> drop_after_rows_{-1};
  std::atomic<bool> any_pending_{false};
  void UpdatePending() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_FAULTS_H_
