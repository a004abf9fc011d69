// A TCP port for a server under test that needs one chosen in advance
// (prefer `--port 0` and reading the port back where the program allows).
//
//   absl::StatusOr<int> port = PickFreePort();
//   ASSERT_TRUE(port.ok()) << port.status();
#ifndef EHI_TESTING_TESTKIT_PORTS_H_
#define EHI_TESTING_TESTKIT_PORTS_H_

#include "absl/status/statusor.h"

namespace ehi::testkit {

// A port on 127.0.0.1 that was free a moment ago (bound to port 0, read
// back and released): another process may still take it, so callers retry.
absl::StatusOr<int> PickFreePort();

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_PORTS_H_
