// SQL Server errors carried through absl::Status.
//
// An error the client must see as a SQL Server message (number, severity,
// text) is an absl::Status whose payload records the number and severity;
// anything else reaching the session boundary is reported as an internal
// error. SQLite user functions cannot return a Status, so they encode the
// same triple in their error text (EncodeForSqlite) and the session decodes
// it from sqlite3_errmsg.
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQL_ERROR_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQL_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

absl::Status SqlError(int number, int severity, absl::string_view text);
// Fills `out` (state 1) and returns true when `status` came from SqlError.
bool ToServerMessage(const absl::Status& status, ServerMessage* out);

// "\x01<number>:<severity>:<text>" for sqlite3_result_error.
std::string EncodeForSqlite(const absl::Status& status);
// Inverse of EncodeForSqlite; false when `message` is a plain SQLite error.
bool DecodeFromSqlite(absl::string_view message, ServerMessage* out);

// Common messages.
absl::Status SyntaxErrorNear(absl::string_view token);  // 102 / 156
absl::Status InvalidObject(absl::string_view name);     // 208
absl::Status InvalidColumn(absl::string_view name);     // 207

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQL_ERROR_H_
