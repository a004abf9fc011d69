#include "connector/sync/retry.h"

#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "connector/sqlserver/errors.h"

namespace ehi::sync {

RetryPolicy RetryPolicy::FromConfig(const Config& config) {
  RetryPolicy p;
  p.max_retries = std::max(0, config.max_retries);
  p.base_delay = absl::Seconds(std::max(0, config.retry_sleep_seconds));
  return p;
}

absl::Duration RetryPolicy::Delay(int attempt, double jitter) const {
  absl::Duration d = base_delay;
  for (int i = 0; i < attempt && d < max_delay; ++i) d *= 2;
  d = std::min(d, max_delay);
  return d * (0.5 + 0.5 * jitter);
}

void SourceHolder::Cancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  if (source_ != nullptr) source_->Cancel();
}

bool SourceHolder::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

void SourceHolder::Close() {
  std::unique_ptr<Source> old;
  absl::MutexLock lock(&mu_);
  old = std::move(source_);
}

absl::Status SourceHolder::Run(absl::string_view what,
                               absl::FunctionRef<absl::Status(Source&)> fn) {
  static thread_local std::mt19937 rng(std::random_device{}());
  absl::Status last;
  for (int attempt = 0;; ++attempt) {
    Source* source = nullptr;
    {
      absl::MutexLock lock(&mu_);
      if (cancelled_) return absl::CancelledError(absl::StrCat(what, ": cancelled"));
      source = source_.get();
    }
    if (source == nullptr) {
      absl::StatusOr<std::unique_ptr<Source>> opened = factory_.Open();
      if (opened.ok()) {
        absl::MutexLock lock(&mu_);
        source_ = std::move(*opened);
        source = source_.get();
        if (cancelled_) source->Cancel();
        last = absl::OkStatus();
      } else {
        last = opened.status();
      }
    }
    if (source != nullptr) {
      last = fn(*source);
      if (last.ok()) return last;
    }
    if (!sqlserver::IsTransient(last)) return last;
    Close();
    if (attempt >= policy_.max_retries) {
      return absl::Status(last.code(), absl::StrCat(what, ": giving up after ", attempt,
                                                    " retries: ", last.message()));
    }
    const absl::Duration delay =
        policy_.Delay(attempt, std::uniform_real_distribution<double>(0, 1)(rng));
    LogWarning(absl::StrCat(what, ": transient error (", last.message(), "); retry ", attempt + 1,
                            " of ", policy_.max_retries, " in ", absl::FormatDuration(delay)));
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&cancelled_), delay);
  }
}

}  // namespace ehi::sync
