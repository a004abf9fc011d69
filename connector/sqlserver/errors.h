// Classification of SQL Server and FreeTDS errors into the three outcomes the
// connector acts on:
//   kUserAction  the user must fix something: login failed (18456), database
//                missing (4060, 911), permission denied (229, 230, 297, 300),
//                TLS failure, unknown host, connection refused.
//   kTransient   retry with backoff: deadlock (1205), lock timeout (1222),
//                lock resources (1204), Azure busy codes, timeouts (FreeTDS
//                20003), dropped connections (20004, 20006, 20017, 20047).
//   kOther       anything else (syntax errors, bugs): surface as an error.
//
// Statuses produced by the sqlserver layer carry a payload with the error
// number and class, so callers classify with ErrorClassOf(status) instead of
// parsing messages:
//
//   absl::Status s = conn->Execute(sql);
//   if (IsTransient(s)) { /* back off, reconnect, retry */ }
//   std::optional<int> n = SqlErrorNumber(s);  // 1205
//
// Status codes used: UNAUTHENTICATED (login), NOT_FOUND (database),
// PERMISSION_DENIED, FAILED_PRECONDITION (TLS/certificate, bad CA file),
// UNAVAILABLE (cannot reach host, dropped connection, deadlock/lock),
// DEADLINE_EXCEEDED (timeout), CANCELLED (RequestCancel), INTERNAL/UNKNOWN.
// Thread-safe: pure functions.
#ifndef EHI_CONNECTOR_SQLSERVER_ERRORS_H_
#define EHI_CONNECTOR_SQLSERVER_ERRORS_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ehi::sqlserver {

enum class ErrorClass { kUserAction, kTransient, kOther };

absl::string_view ErrorClassName(ErrorClass c);  // "user_action", ...

// Class of a server error number or FreeTDS DB-Library error number (>= 20000).
ErrorClass ClassifyErrorNumber(int number);

// Builds a status for error `number` with `message`, carrying the payload.
absl::Status MakeSqlError(int number, absl::string_view message);
absl::Status MakeSqlError(int number, ErrorClass error_class, absl::StatusCode code,
                          absl::string_view message);

// Reads the payload back. A status without one: kOther (OK status: kOther,
// callers should not ask).
ErrorClass ErrorClassOf(const absl::Status& status);
std::optional<int> SqlErrorNumber(const absl::Status& status);
inline bool IsTransient(const absl::Status& s) {
  return !s.ok() && ErrorClassOf(s) == ErrorClass::kTransient;
}
inline bool IsUserActionRequired(const absl::Status& s) {
  return !s.ok() && ErrorClassOf(s) == ErrorClass::kUserAction;
}

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_ERRORS_H_
