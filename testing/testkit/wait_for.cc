#include "testing/testkit/wait_for.h"

#include "absl/time/clock.h"

namespace ehi::testkit {

bool WaitFor(const std::function<bool()>& predicate, absl::Duration timeout,
             absl::Duration interval) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (predicate()) return true;
    absl::SleepFor(interval);
  }
  return predicate();
}

}  // namespace ehi::testkit
