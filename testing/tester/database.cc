#include "testing/tester/database.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace tester {
namespace {

// Owns a duckdb_result for the length of one call.
class ResultHolder {
 public:
  ResultHolder() = default;
  ~ResultHolder() { duckdb_destroy_result(&result_); }
  ResultHolder(const ResultHolder&) = delete;
  ResultHolder& operator=(const ResultHolder&) = delete;
  duckdb_result* get() { return &result_; }

 private:
  duckdb_result result_{};
};

// Owns a prepared statement.
class PreparedHolder {
 public:
  PreparedHolder() = default;
  ~PreparedHolder() { duckdb_destroy_prepare(&stmt_); }
  PreparedHolder(const PreparedHolder&) = delete;
  PreparedHolder& operator=(const PreparedHolder&) = delete;
  duckdb_prepared_statement* get() { return &stmt_; }

 private:
  duckdb_prepared_statement stmt_ = nullptr;
};

std::string StripTrailingSemicolons(std::string_view sql) {
  absl::string_view s = absl::StripAsciiWhitespace(absl::string_view(sql.data(), sql.size()));
  while (!s.empty() && s.back() == ';') {
    s.remove_suffix(1);
    s = absl::StripTrailingAsciiWhitespace(s);
  }
  return std::string(s);
}

}  // namespace

std::string ResultTable::Scalar() const {
  if (rows.empty() || rows[0].empty() || !rows[0][0].has_value()) return "";
  return *rows[0][0];
}

Appender::Appender(Appender&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

Appender& Appender::operator=(Appender&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) duckdb_appender_destroy(&handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

Appender::~Appender() {
  if (handle_ != nullptr) duckdb_appender_destroy(&handle_);
}

absl::Status Appender::EndRow() {
  if (duckdb_appender_end_row(handle_) != DuckDBSuccess) {
    return absl::InternalError(absl::StrCat("appending a row: ", Error()));
  }
  return absl::OkStatus();
}

absl::Status Appender::Flush() {
  if (duckdb_appender_flush(handle_) != DuckDBSuccess) {
    return absl::InternalError(absl::StrCat("flushing rows: ", Error()));
  }
  return absl::OkStatus();
}

std::string Appender::Error() const {
  const char* e = duckdb_appender_error(handle_);
  return e == nullptr ? "unknown appender error" : e;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, bool read_only) {
  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  duckdb_config config = nullptr;
  if (duckdb_create_config(&config) != DuckDBSuccess) {
    return absl::InternalError("duckdb_create_config failed");
  }
  if (read_only) duckdb_set_config(config, "access_mode", "READ_ONLY");
  char* error = nullptr;
  const char* file = path == ":memory:" ? nullptr : path.c_str();
  duckdb_state state = duckdb_open_ext(file, &db->db_, config, &error);
  duckdb_destroy_config(&config);
  if (state != DuckDBSuccess) {
    std::string message = error != nullptr ? error : "unknown error";
    duckdb_free(error);
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open DuckDB database ", path, ": ", message));
  }
  if (duckdb_connect(db->db_, &db->conn_) != DuckDBSuccess) {
    return absl::InternalError(absl::StrCat("cannot connect to ", path));
  }
  EHI_RETURN_IF_ERROR(db->Execute("SET TimeZone = 'UTC'"));
  return db;
}

Database::~Database() {
  if (conn_ != nullptr) duckdb_disconnect(&conn_);
  if (db_ != nullptr) duckdb_close(&db_);
}

absl::Status Database::Execute(const std::string& sql) {
  ResultHolder result;
  if (duckdb_query(conn_, sql.c_str(), result.get()) != DuckDBSuccess) {
    return absl::InternalError(
        absl::StrCat(duckdb_result_error(result.get()), " [SQL: ", sql, "]"));
  }
  return absl::OkStatus();
}

absl::StatusOr<ResultTable> Database::Query(const std::string& sql) {
  std::string statement = StripTrailingSemicolons(sql);
  // The C API renders only some types as text; DuckDB's own cast to VARCHAR
  // renders all of them, so row-returning statements are wrapped in one.
  {
    PreparedHolder prepared;
    if (duckdb_prepare(conn_, statement.c_str(), prepared.get()) != DuckDBSuccess) {
      return absl::InvalidArgumentError(duckdb_prepare_error(*prepared.get()));
    }
    if (duckdb_prepared_statement_type(*prepared.get()) == DUCKDB_STATEMENT_TYPE_SELECT) {
      statement = absl::StrCat("SELECT COLUMNS(*)::VARCHAR FROM (", statement, ")");
    }
  }
  ResultHolder result;
  if (duckdb_query(conn_, statement.c_str(), result.get()) != DuckDBSuccess) {
    return absl::InvalidArgumentError(duckdb_result_error(result.get()));
  }
  ResultTable table;
  idx_t columns = duckdb_column_count(result.get());
  for (idx_t c = 0; c < columns; ++c) {
    table.columns.emplace_back(duckdb_column_name(result.get(), c));
  }
  idx_t rows = duckdb_row_count(result.get());
  table.rows.reserve(rows);
  for (idx_t r = 0; r < rows; ++r) {
    std::vector<std::optional<std::string>> row;
    row.reserve(columns);
    for (idx_t c = 0; c < columns; ++c) {
      if (duckdb_value_is_null(result.get(), c, r)) {
        row.emplace_back(std::nullopt);
        continue;
      }
      char* text = duckdb_value_varchar(result.get(), c, r);
      row.emplace_back(text != nullptr ? std::string(text) : std::string());
      duckdb_free(text);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

absl::StatusOr<Appender> Database::NewAppender(const std::string& catalog,
                                               const std::string& schema,
                                               const std::string& table) {
  duckdb_appender handle = nullptr;
  duckdb_state state = duckdb_appender_create_ext(
      conn_, catalog.empty() ? nullptr : catalog.c_str(), schema.c_str(), table.c_str(), &handle);
  Appender appender(handle);
  if (state != DuckDBSuccess) {
    return absl::InternalError(
        absl::StrCat("cannot append to ", schema, ".", table, ": ", appender.Error()));
  }
  return appender;
}

}  // namespace tester
