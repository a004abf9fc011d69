// The configuration form's tests, answered in words a database administrator
// can act on:
//   connect      log in and read the server version.
//   permissions  read INFORMATION_SCHEMA.TABLES and sys.partitions, and
//                SELECT from at least one selected table.
//
//   TestOutcome out = RunConnectionTest("connect", config);
//   if (!out.success) show(out.message);
//
// A test that cannot run because of the configuration (unknown test name) is
// an error status; everything that goes wrong on the way to the server is a
// failed outcome, never a status. Messages never contain the password.
// Thread-safe: each call opens its own connection.
#ifndef EHI_CONNECTOR_CONNECTION_TESTS_H_
#define EHI_CONNECTOR_CONNECTION_TESTS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/config.h"

namespace ehi {

struct TestOutcome {
  bool success = false;
  std::string message;  // failure reason, or a summary on success (logged)
};

absl::StatusOr<TestOutcome> RunConnectionTest(absl::string_view name, const Config& config);

}  // namespace ehi

#endif  // EHI_CONNECTOR_CONNECTION_TESTS_H_
