#include "testing/emulator/engine/sqlite_util.h"

#include "absl/strings/str_cat.h"

namespace emulator {

absl::Status SqliteStatus(sqlite3* db, absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db)));
}

absl::Status ExecSql(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return absl::InternalError(absl::StrCat(msg, " [", sql.substr(0, 200), "]"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SqliteStmt> Prepare(sqlite3* db, absl::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return SqliteStatus(db, absl::StrCat("prepare [", sql.substr(0, 200), "]"));
  }
  return SqliteStmt(raw);
}

int BindDatum(sqlite3_stmt* stmt, int index, const Datum& d) {
  switch (d.kind) {
    case Datum::Kind::kNull:
      return sqlite3_bind_null(stmt, index);
    case Datum::Kind::kInt:
      return sqlite3_bind_int64(stmt, index, d.i);
    case Datum::Kind::kReal:
      return sqlite3_bind_double(stmt, index, d.d);
    case Datum::Kind::kText:
      return sqlite3_bind_text64(stmt, index, d.s.data(), d.s.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
    case Datum::Kind::kBlob:
      return sqlite3_bind_blob64(stmt, index, d.s.data(), d.s.size(), SQLITE_TRANSIENT);
  }
  return SQLITE_MISUSE;
}

Datum ColumnDatum(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
      return Datum::Int(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
      return Datum::Real(sqlite3_column_double(stmt, col));
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
      return Datum::Text(std::string(p, sqlite3_column_bytes(stmt, col)));
    }
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_column_blob(stmt, col));
      int n = sqlite3_column_bytes(stmt, col);
      return Datum::Blob(p == nullptr ? std::string() : std::string(p, n));
    }
    default:
      return Datum::Null();
  }
}

Datum ValueDatum(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return Datum::Int(sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return Datum::Real(sqlite3_value_double(v));
    case SQLITE_TEXT: {
      const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
      return Datum::Text(std::string(p, sqlite3_value_bytes(v)));
    }
    case SQLITE_BLOB: {
      const char* p = static_cast<const char*>(sqlite3_value_blob(v));
      int n = sqlite3_value_bytes(v);
      return Datum::Blob(p == nullptr ? std::string() : std::string(p, n));
    }
    default:
      return Datum::Null();
  }
}

}  // namespace emulator
