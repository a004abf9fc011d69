// RAII wrapper over DuckDB's C API: one database file and one connection,
// plus an appender for bulk loads. Every DuckDB handle is owned by exactly
// one object and released in its destructor.
//
//   EHI_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
//                        Database::Open(dir + "/warehouse.db"));
//   EHI_RETURN_IF_ERROR(db->Execute("CREATE TABLE t (id BIGINT)"));
//   EHI_ASSIGN_OR_RETURN(ResultTable r, db->Query("SELECT count(*) FROM t"));
//
// Not thread-safe: one thread uses a Database at a time. Sessions run with
// TimeZone UTC so TIMESTAMPTZ values read back the same on every machine.
#ifndef EHI_TESTING_TESTER_DATABASE_H_
#define EHI_TESTING_TESTER_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "duckdb.h"

namespace tester {

// A query result with every value rendered as DuckDB's own text form
// (NULL is std::nullopt). For tests, the query command and small lookups;
// never for bulk data.
struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;

  // The single value of a one-row, one-column result ("" when NULL/absent).
  std::string Scalar() const;
};

// Appends rows to one table. Values go in column order; EndRow() closes a
// row. Obtained from Database::NewAppender; must not outlive its Database.
class Appender {
 public:
  Appender(Appender&& other) noexcept;
  Appender& operator=(Appender&& other) noexcept;
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;
  ~Appender();

  // Each returns false on failure; Error() then says why.
  bool Null() { return duckdb_append_null(handle_) == DuckDBSuccess; }
  bool Bool(bool v) { return duckdb_append_bool(handle_, v) == DuckDBSuccess; }
  bool Int32(int32_t v) { return duckdb_append_int32(handle_, v) == DuckDBSuccess; }
  bool Int64(int64_t v) { return duckdb_append_int64(handle_, v) == DuckDBSuccess; }
  bool Float(float v) { return duckdb_append_float(handle_, v) == DuckDBSuccess; }
  bool Double(double v) { return duckdb_append_double(handle_, v) == DuckDBSuccess; }
  bool Varchar(std::string_view v) {
    return duckdb_append_varchar_length(handle_, v.data(), v.size()) == DuckDBSuccess;
  }
  bool Blob(std::string_view v) {
    return duckdb_append_blob(handle_, v.data(), v.size()) == DuckDBSuccess;
  }
  bool Date(int32_t days_since_epoch) {
    return duckdb_append_date(handle_, duckdb_date{days_since_epoch}) == DuckDBSuccess;
  }
  bool Time(int64_t micros_of_day) {
    return duckdb_append_time(handle_, duckdb_time{micros_of_day}) == DuckDBSuccess;
  }
  bool Timestamp(int64_t micros_since_epoch) {
    return duckdb_append_timestamp(handle_, duckdb_timestamp{micros_since_epoch}) == DuckDBSuccess;
  }
  absl::Status EndRow();
  // Hands the buffered rows to the table (inside the current transaction).
  absl::Status Flush();
  std::string Error() const;

 private:
  friend class Database;
  explicit Appender(duckdb_appender handle) : handle_(handle) {}
  duckdb_appender handle_ = nullptr;
};

class Database {
 public:
  // Opens (creating when missing) the database file; ":memory:" for tests.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return nothing of interest.
  absl::Status Execute(const std::string& sql);
  // Runs one statement and renders its result as text (see ResultTable).
  absl::StatusOr<ResultTable> Query(const std::string& sql);
  // An appender on `catalog`.`schema`.`table` (catalog "temp" for TEMP
  // tables, "" for the database itself).
  absl::StatusOr<Appender> NewAppender(const std::string& catalog, const std::string& schema,
                                       const std::string& table);

  const std::string& path() const { return path_; }

 private:
  Database() = default;
  std::string path_;
  duckdb_database db_ = nullptr;
  duckdb_connection conn_ = nullptr;
};

}  // namespace tester

#endif  // EHI_TESTING_TESTER_DATABASE_H_
