// Polling for a condition with a deadline, for state that another process
// changes (a file appearing, a row count reached).
//
//   ASSERT_TRUE(WaitFor([&] { return !ReadFile(state).value_or("").empty(); },
//                       absl::Seconds(60)));
#ifndef EHI_TESTING_TESTKIT_WAIT_FOR_H_
#define EHI_TESTING_TESTKIT_WAIT_FOR_H_

#include <functional>

#include "absl/time/time.h"

namespace ehi::testkit {

// Calls `predicate` every `interval` until it returns true (then true) or
// `timeout` has passed (then false, after one last call).
bool WaitFor(const std::function<bool()>& predicate, absl::Duration timeout,
             absl::Duration interval = absl::Milliseconds(20));

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_WAIT_FOR_H_
