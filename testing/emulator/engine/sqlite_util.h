// Small RAII and error helpers around the SQLite C API.
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQLITE_UTIL_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "testing/emulator/engine/sql_types.h"

namespace emulator {

struct SqliteDbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteStmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteDbCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, SqliteStmtFinalizer>;

// An internal error carrying SQLite's message (not a SQL Server error).
absl::Status SqliteStatus(sqlite3* db, absl::string_view what);
absl::Status ExecSql(sqlite3* db, const std::string& sql);
absl::StatusOr<SqliteStmt> Prepare(sqlite3* db, absl::string_view sql);

// Binds / reads a storage Datum.
int BindDatum(sqlite3_stmt* stmt, int index, const Datum& d);
Datum ColumnDatum(sqlite3_stmt* stmt, int col);
Datum ValueDatum(sqlite3_value* v);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQLITE_UTIL_H_
