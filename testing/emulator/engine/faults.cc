#include "testing/emulator/engine/faults.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_error.h"

namespace emulator {

absl::Status FaultInjector::Inject(absl::string_view raw_name, bool has_int, int64_t int_arg,
                                   absl::string_view text_arg) {
  std::string name = absl::AsciiStrToLower(raw_name);
  auto need_count = [&]() -> absl::Status {
    if (!has_int || int_arg < 0) {
      return SqlError(50000, 16,
                      absl::StrCat("emulator.inject_fault '", name,
                                   "' needs a non-negative integer argument."));
    }
    return absl::OkStatus();
  };
  absl::MutexLock lock(&mu_);
  if (name == "clear") {
    deadlocks_ = lock_timeouts_ = refuse_ = 0;
    stall_ms_ = 0;
    denied_.clear();
    drop_after_rows_.store(-1);
  } else if (name == "deadlock_next_query") {
    deadlocks_ += has_int ? static_cast<int>(std::max<int64_t>(int_arg, 0)) : 1;
  } else if (name == "lock_timeout_next_query") {
    lock_timeouts_ += has_int ? static_cast<int>(std::max<int64_t>(int_arg, 0)) : 1;
  } else if (name == "drop_connection_after_rows") {
    if (absl::Status s = need_count(); !s.ok()) return s;
    drop_after_rows_.store(int_arg);
  } else if (name == "stall_ms") {
    if (absl::Status s = need_count(); !s.ok()) return s;
    stall_ms_ = int_arg;
  } else if (name == "refuse_connections") {
    if (absl::Status s = need_count(); !s.ok()) return s;
    refuse_ = static_cast<int>(int_arg);
  } else if (name == "deny_select") {
    std::string object = absl::AsciiStrToLower(text_arg);
    if (object.empty()) {
      return SqlError(50000, 16, "emulator.inject_fault 'deny_select' needs an object name.");
    }
    if (object.find('.') == std::string::npos) object = "dbo." + object;
    denied_.insert(object);
  } else {
    return SqlError(50000, 16,
                    absl::StrCat("Unknown fault '", raw_name,
                                 "'. Known: deadlock_next_query, "
                                 "lock_timeout_next_query, drop_connection_after_rows, "
                                 "stall_ms, refuse_connections, deny_select, clear."));
  }
  UpdatePending();
  return absl::OkStatus();
}

void FaultInjector::Clear() {
  absl::MutexLock lock(&mu_);
  deadlocks_ = lock_timeouts_ = refuse_ = 0;
  stall_ms_ = 0;
  denied_.clear();
  drop_after_rows_.store(-1);
  UpdatePending();
}

void FaultInjector::UpdatePending() {
  any_pending_.store(deadlocks_ > 0 || lock_timeouts_ > 0 || stall_ms_ > 0 || !denied_.empty());
}

int FaultInjector::TakeQueryFault() {
  if (!any_pending_.load(std::memory_order_relaxed)) return 0;
  absl::MutexLock lock(&mu_);
  int out = 0;
  if (deadlocks_ > 0) {
    --deadlocks_;
    out = 1205;
  } else if (lock_timeouts_ > 0) {
    --lock_timeouts_;
    out = 1222;
  }
  UpdatePending();
  return out;
}

int64_t FaultInjector::TakeStallMs() {
  if (!any_pending_.load(std::memory_order_relaxed)) return 0;
  absl::MutexLock lock(&mu_);
  int64_t out = stall_ms_;
  stall_ms_ = 0;
  UpdatePending();
  return out;
}

bool FaultInjector::ClaimDrop() {
  int64_t armed = drop_after_rows_.load();
  return armed >= 0 && drop_after_rows_.compare_exchange_strong(armed, -1);
}

bool FaultInjector::ShouldRefuseConnection() {
  absl::MutexLock lock(&mu_);
  if (refuse_ <= 0) return false;
  --refuse_;
  return true;
}

bool FaultInjector::IsDenied(absl::string_view object) const {
  if (!any_pending_.load(std::memory_order_relaxed)) return false;
  absl::MutexLock lock(&mu_);
  return denied_.count(std::string(object)) > 0;
}

}  // namespace emulator
