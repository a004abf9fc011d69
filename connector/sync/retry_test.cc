#include "connector/sync/retry.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "connector/config.h"
#include "connector/sqlserver/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using ::testing::HasSubstr;

absl::Status Deadlock() { return sqlserver::MakeSqlError(1205, "deadlock victim"); }

// A Source that reads nothing; it only records whether it was cancelled.
class StubSource : public Source {
 public:
  explicit StubSource(std::atomic<int>* cancels) : cancels_(cancels) {}
  absl::StatusOr<Catalog> Discover(const NameFilter&) override { return Unused(); }
  absl::Status FetchKeysetPage(const TableInfo&, int, const KeyBounds&, const std::vector<Value>&,
                               int, std::vector<SourceRow>*) override {
    return Unused();
  }
  absl::Status ScanAll(const TableInfo&, int, absl::FunctionRef<absl::Status(SourceRow)>) override {
    return Unused();
  }
  absl::Status FetchChangesPage(const TableInfo&, int, const Value&, const std::vector<Value>&, int,
                                std::vector<SourceRow>*) override {
    return Unused();
  }
  absl::StatusOr<std::vector<Value>> SplitPoints(const TableInfo&, int) override {
    return Unused();
  }
  absl::StatusOr<Value> MaxValue(const TableInfo&, int) override { return Unused(); }
  absl::StatusOr<int64_t> CountLive(const TableInfo&, int) override { return Unused(); }
  void Cancel() override { cancels_->fetch_add(1); }

 private:
  static absl::Status Unused() { return absl::UnimplementedError("not used by these tests"); }
  std::atomic<int>* cancels_;
};

// Opens StubSources; the first Open() calls fail with the queued statuses.
class StubFactory : public SourceFactory {
 public:
  void FailNextOpens(std::vector<absl::Status> failures) {
    absl::MutexLock lock(&mu_);
    failures_.assign(failures.begin(), failures.end());
  }
  absl::StatusOr<std::unique_ptr<Source>> Open() override {
    absl::MutexLock lock(&mu_);
    ++opens_;
    if (!failures_.empty()) {
      absl::Status s = failures_.front();
      failures_.pop_front();
      return s;
    }
    return std::unique_ptr<Source>(std::make_unique<StubSource>(&cancels_));
  }
  int opens() const {
    absl::MutexLock lock(&mu_);
    return opens_;
  }
  int cancels() const { return cancels_.load(); }

 private:
  mutable absl::Mutex mu_;
  std::deque<absl::Status> failures_ ABSL_GUARDED_BY(mu_);
  int opens_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<int> cancels_{0};
};

RetryPolicy Policy(int max_retries, absl::Duration base, absl::Duration cap = absl::Minutes(5)) {
  RetryPolicy p;
  p.max_retries = max_retries;
  p.base_delay = base;
  p.max_delay = cap;
  return p;
}

// ---------------------------------------------------------------- Delay

TEST(RetryPolicyTest, DelayDoublesPerAttemptFromTheBase) {
  const RetryPolicy p = Policy(5, absl::Seconds(5));
  // jitter 0 is the lower end of the range: half the nominal delay.
  EXPECT_EQ(p.Delay(0, 0.0), absl::Milliseconds(2500));
  EXPECT_EQ(p.Delay(1, 0.0), absl::Seconds(5));
  EXPECT_EQ(p.Delay(2, 0.0), absl::Seconds(10));
  EXPECT_EQ(p.Delay(5, 0.0), absl::Seconds(80));
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(p.Delay(attempt + 1, 0.5), 2 * p.Delay(attempt, 0.5)) << attempt;
  }
}

TEST(RetryPolicyTest, DelayIsCappedAtMaxDelay) {
  const RetryPolicy p = Policy(5, absl::Seconds(5), absl::Minutes(5));
  // 5 s · 2^6 = 320 s > 300 s: capped, then jittered.
  EXPECT_EQ(p.Delay(6, 0.0), absl::Seconds(150));
  EXPECT_EQ(p.Delay(7, 0.0), absl::Seconds(150));
  // Far past the cap: no overflow, still the cap.
  EXPECT_EQ(p.Delay(1000, 0.0), absl::Seconds(150));
  EXPECT_EQ(p.Delay(1 << 30, 0.0), absl::Seconds(150));
  for (int attempt : {6, 10, 100, 1 << 20}) {
    EXPECT_LE(p.Delay(attempt, 0.999999), absl::Minutes(5)) << attempt;
    EXPECT_GT(p.Delay(attempt, 0.999999), absl::Seconds(299)) << attempt;
  }
  // A cap below the base caps the very first delay.
  EXPECT_EQ(Policy(5, absl::Seconds(10), absl::Seconds(4)).Delay(0, 0.0), absl::Seconds(2));
}

TEST(RetryPolicyTest, JitterScalesTheDelayWithinHalfToWhole) {
  const RetryPolicy p = Policy(5, absl::Seconds(8));
  for (int attempt : {0, 3, 9}) {
    const absl::Duration nominal = std::min(absl::Seconds(8) * (1 << attempt), absl::Minutes(5));
    absl::Duration previous = absl::ZeroDuration();
    for (int i = 0; i < 100; ++i) {
      const double jitter = i / 100.0;  // [0, 1)
      const absl::Duration d = p.Delay(attempt, jitter);
      EXPECT_GE(d, nominal / 2) << attempt << " " << jitter;
      EXPECT_LT(d, nominal) << attempt << " " << jitter;
      EXPECT_GT(d, previous) << attempt << " " << jitter;  // more jitter, longer wait
      previous = d;
    }
  }
}

TEST(RetryPolicyTest, ZeroBaseMeansNoWait) {
  const RetryPolicy p = Policy(5, absl::ZeroDuration());
  EXPECT_EQ(p.Delay(0, 0.9), absl::ZeroDuration());
  EXPECT_EQ(p.Delay(50, 0.9), absl::ZeroDuration());
}

TEST(RetryPolicyTest, FromConfigTakesRetriesAndSleepAndClampsNegatives) {
  Config c;
  c.max_retries = 7;
  c.retry_sleep_seconds = 3;
  RetryPolicy p = RetryPolicy::FromConfig(c);
  EXPECT_EQ(p.max_retries, 7);
  EXPECT_EQ(p.base_delay, absl::Seconds(3));
  c.max_retries = -2;
  c.retry_sleep_seconds = -1;
  p = RetryPolicy::FromConfig(c);
  EXPECT_EQ(p.max_retries, 0);
  EXPECT_EQ(p.base_delay, absl::ZeroDuration());
}

// ---------------------------------------------------------------- Run

TEST(SourceHolderTest, SuccessRunsOnceOnOneConnection) {
  StubFactory factory;
  SourceHolder holder(factory, Policy(3, absl::Milliseconds(1)));
  int calls = 0;
  EXPECT_TRUE(holder
                  .Run("t",
                       [&](Source&) {
                         ++calls;
                         return absl::OkStatus();
                       })
                  .ok());
  EXPECT_TRUE(holder
                  .Run("t",
                       [&](Source&) {
                         ++calls;
                         return absl::OkStatus();
                       })
                  .ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(factory.opens(), 1);  // the connection is kept between runs
}

TEST(SourceHolderTest, TransientErrorsAreRetriedOnAFreshConnection) {
  StubFactory factory;
  SourceHolder holder(factory, Policy(3, absl::Milliseconds(1)));
  int calls = 0;
  absl::Status s = holder.Run(
      "reading dbo.T", [&](Source&) { return ++calls <= 2 ? Deadlock() : absl::OkStatus(); });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(factory.opens(), 3);  // closed after each transient error
}

TEST(SourceHolderTest, GivesUpAfterMaxRetriesWithTheLastError) {
  StubFactory factory;
  SourceHolder holder(factory, Policy(3, absl::Milliseconds(1)));
  int calls = 0;
  absl::Status s = holder.Run("reading dbo.T", [&](Source&) {
    ++calls;
    return Deadlock();
  });
  EXPECT_EQ(calls, 4);  // the first attempt and 3 retries
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(s.message()), HasSubstr("reading dbo.T: giving up after 3 retries"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("deadlock victim"));
}

TEST(SourceHolderTest, NoRetriesConfiguredMeansOneAttempt) {
  StubFactory factory;
  SourceHolder holder(factory, Policy(0, absl::Seconds(30)));
  int calls = 0;
  const absl::Time start = absl::Now();
  absl::Status s = holder.Run("t", [&](Source&) {
    ++calls;
    return Deadlock();
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));  // no backoff before giving up
}

TEST(SourceHolderTest, NonTransientErrorsAreReturnedAtOnce) {
  const std::vector<absl::Status> errors = {
      sqlserver::MakeSqlError(102, "Incorrect syntax near 'FROM'."),   // other
      sqlserver::MakeSqlError(18456, "Login failed for user 'etl'."),  // user action
      absl::InternalError("bug"),                                      // no payload
  };
  for (const absl::Status& error : errors) {
    StubFactory factory;
    SourceHolder holder(factory, Policy(5, absl::Seconds(30)));
    int calls = 0;
    absl::Status s = holder.Run("t", [&](Source&) {
      ++calls;
      return error;
    });
    EXPECT_EQ(calls, 1) << error;
    EXPECT_EQ(s, error);
    EXPECT_EQ(factory.opens(), 1) << error;
  }
}

TEST(SourceHolderTest, OpenFailuresAreRetriedOnlyWhenTransient) {
  StubFactory factory;
  factory.FailNextOpens({sqlserver::MakeSqlError(20009, "connection refused"),
                         sqlserver::MakeSqlError(20004, "read from the server failed")});
  SourceHolder holder(factory, Policy(3, absl::Milliseconds(1)));
  int calls = 0;
  // 20009 (cannot connect) is a user-action error: not retried.
  absl::Status s = holder.Run("t", [&](Source&) {
    ++calls;
    return absl::OkStatus();
  });
  EXPECT_EQ(sqlserver::SqlErrorNumber(s), 20009);
  EXPECT_EQ(calls, 0);
  // 20004 (dropped connection) is transient: the next open succeeds.
  s = holder.Run("t", [&](Source&) {
    ++calls;
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(factory.opens(), 3);
}

TEST(SourceHolderTest, BackoffWaitsAtLeastTheJitteredDelay) {
  StubFactory factory;
  // Waits of 40, 80 and 160 ms nominal, each at least half of that.
  SourceHolder holder(factory, Policy(3, absl::Milliseconds(40)));
  std::vector<absl::Time> attempts;
  absl::Status s = holder.Run("t", [&](Source&) {
    attempts.push_back(absl::Now());
    return Deadlock();
  });
  ASSERT_EQ(attempts.size(), 4u);
  EXPECT_FALSE(s.ok());
  const absl::Duration nominal[] = {absl::Milliseconds(40), absl::Milliseconds(80),
                                    absl::Milliseconds(160)};
  for (int i = 0; i < 3; ++i) {
    // (1 ms of slack for the clock's and the wait's rounding.)
    EXPECT_GE(attempts[i + 1] - attempts[i], nominal[i] / 2 - absl::Milliseconds(1)) << i;
  }
  EXPECT_LT(attempts[3] - attempts[0], absl::Seconds(5));
}

TEST(SourceHolderTest, CancelEndsABackoffWaitPromptly) {
  StubFactory factory;
  // The first backoff is at least 10 s (20 s · [0.5, 1)).
  SourceHolder holder(factory, Policy(5, absl::Seconds(20)));
  absl::Notification failed_once;
  std::atomic<int> calls{0};
  absl::Status result;
  absl::Time returned;
  std::thread runner([&] {
    result = holder.Run("reading dbo.T", [&](Source&) {
      calls.fetch_add(1);
      failed_once.Notify();
      return Deadlock();
    });
    returned = absl::Now();
  });
  ASSERT_TRUE(failed_once.WaitForNotificationWithTimeout(absl::Seconds(10)));
  absl::SleepFor(absl::Milliseconds(100));  // let it settle into the wait
  const absl::Time cancelled = absl::Now();
  holder.Cancel();
  runner.join();
  EXPECT_EQ(result.code(), absl::StatusCode::kCancelled) << result;
  EXPECT_THAT(std::string(result.message()), HasSubstr("reading dbo.T: cancelled"));
  EXPECT_EQ(calls.load(), 1);  // no attempt after the cancel
  EXPECT_LT(returned - cancelled, absl::Seconds(1));
  EXPECT_TRUE(holder.cancelled());
}

TEST(SourceHolderTest, CancelReachesTheRunningQueryAndIsSticky) {
  StubFactory factory;
  SourceHolder holder(factory, Policy(5, absl::Milliseconds(1)));
  absl::Notification inside, cancelled;
  std::thread runner([&] {
    EXPECT_TRUE(holder
                    .Run("t",
                         [&](Source&) {
                           inside.Notify();
                           cancelled.WaitForNotification();
                           return absl::OkStatus();
                         })
                    .ok());
  });
  inside.WaitForNotification();
  EXPECT_EQ(factory.cancels(), 0);
  holder.Cancel();
  EXPECT_EQ(factory.cancels(), 1);  // Source::Cancel on the open connection
  cancelled.Notify();
  runner.join();
  int calls = 0;
  absl::Status s = holder.Run("later", [&](Source&) {
    ++calls;
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace ehi::sync
