// Retries of transient database errors, and ownership of one reader's
// Source (connection).
//
//   SourceHolder holder(factory, RetryPolicy::FromConfig(config));
//   EHI_RETURN_IF_ERROR(holder.Run("reading dbo.T", [&](Source& s) {
//     rows.clear();                      // each attempt starts afresh
//     return s.FetchKeysetPage(...);
//   }));
//
// On a transient error (sqlserver::IsTransient) the connection is closed, the
// holder waits an exponentially growing, jittered delay (base · 2^attempt,
// capped, times a random factor in [0.5, 1]) and reopens; after max_retries
// retries the last error is returned. The function passed to Run() must be
// safe to repeat (callers resume from the last key they have *read*).
//
// Thread-safety: Run() from one thread; Cancel() from any thread: it cancels
// the running query (Source::Cancel), ends a backoff wait at once, and makes
// every later Run() return CANCELLED.
#ifndef EHI_CONNECTOR_SYNC_RETRY_H_
#define EHI_CONNECTOR_SYNC_RETRY_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "connector/config.h"
#include "connector/sync/source.h"

namespace ehi::sync {

struct RetryPolicy {
  int max_retries = 5;
  absl::Duration base_delay = absl::Seconds(5);
  absl::Duration max_delay = absl::Minutes(5);
  static RetryPolicy FromConfig(const Config& config);
  // Delay before retry number `attempt` (0-based), with `jitter` in [0, 1).
  absl::Duration Delay(int attempt, double jitter) const;
};

class SourceHolder {
 public:
  SourceHolder(SourceFactory& factory, RetryPolicy policy) : factory_(factory), policy_(policy) {}
  SourceHolder(const SourceHolder&) = delete;
  SourceHolder& operator=(const SourceHolder&) = delete;

  absl::Status Run(absl::string_view what, absl::FunctionRef<absl::Status(Source&)> fn);
  void Cancel();
  bool cancelled() const;
  // Closes the connection (the holder reopens on the next Run()).
  void Close();

 private:
  SourceFactory& factory_;
  const RetryPolicy policy_;
  mutable absl::Mutex mu_;
  std::unique_ptr<Source> source_ ABSL_GUARDED_BY(mu_);
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_RETRY_H_
