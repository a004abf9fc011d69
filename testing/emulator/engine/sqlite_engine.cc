// The shared engine: the SQLite file, connection set-up, the catalog
// snapshot, the SQL log and the demo seed.
#include "testing/emulator/engine/sqlite_engine.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/collations.h"
#include "testing/emulator/engine/demo_seed.h"
#include "testing/emulator/engine/sqlite_engine_internal.h"
#include "testing/emulator/engine/synthetic_table.h"

namespace emulator {

absl::StatusOr<std::unique_ptr<SqliteEngine>> SqliteEngine::Create(const EngineOptions& options) {
  std::unique_ptr<SqliteEngine> engine(new SqliteEngine(options));
  EHI_RETURN_IF_ERROR(engine->Init());
  return engine;
}

SqliteEngine::~SqliteEngine() {
  absl::MutexLock lock(&log_mu_);
  if (log_ != nullptr) std::fclose(log_);
  if (temporary_file_) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove(absl::StrCat(path_, suffix).c_str());
    }
  }
}

absl::Status SqliteEngine::Init() {
  env_.db_name = options_.database_name;
  env_.catalog = [this]() { return catalog(); };
  path_ = options_.data_path;
  if (path_.empty() || path_ == ":memory:") {
    // Sessions need one database shared by many connections with real
    // locking; a private temporary file in WAL mode gives exactly that
    // (shared-cache :memory: databases fail with SQLITE_LOCKED instead).
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = absl::StrCat(dir != nullptr ? dir : "/tmp", "/ehi-emulator-XXXXXX");
    int fd = mkstemp(tmpl.data());
    if (fd < 0) return absl::InternalError("cannot create a temporary database file");
    close(fd);
    path_ = tmpl;
    temporary_file_ = true;
  }
  if (!options_.sql_log_path.empty()) {
    absl::MutexLock lock(&log_mu_);
    log_ = std::fopen(options_.sql_log_path.c_str(), "a");
    if (log_ == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot open --log-sql file ", options_.sql_log_path));
    }
  }
  EHI_ASSIGN_OR_RETURN(SqliteDb db, OpenConnection());
  EHI_RETURN_IF_ERROR(ExecSql(db.get(), "PRAGMA journal_mode=WAL"));
  EHI_RETURN_IF_ERROR(EnsureMetadataTables(db.get()));
  EHI_ASSIGN_OR_RETURN(std::shared_ptr<CatalogSnapshot> snap, LoadCatalog(db.get()));
  // The rowversion counter continues after the largest stored value.
  int64_t max_rv = 0;
  for (const auto& [key, table] : snap->tables()) {
    for (const ColumnInfo& c : table->columns) {
      if (c.type.id != TypeId::kRowVersion) continue;
      auto stmt = Prepare(db.get(), absl::StrCat("SELECT max(\"", c.name, "\") FROM main.\"",
                                                 table->SqliteName(), "\""));
      if (stmt.ok() && sqlite3_step(stmt->get()) == SQLITE_ROW &&
          sqlite3_column_type(stmt->get(), 0) == SQLITE_BLOB) {
        const unsigned char* p =
            static_cast<const unsigned char*>(sqlite3_column_blob(stmt->get(), 0));
        int64_t v = 0;
        for (int i = 0; i < sqlite3_column_bytes(stmt->get(), 0); ++i) v = (v << 8) | p[i];
        max_rv = std::max(max_rv, v);
      }
    }
  }
  env_.rowversion.store(std::max<int64_t>(max_rv, 2000));
  SetCatalog(std::move(snap));
  if (options_.seed == "demo") {
    EHI_RETURN_IF_ERROR(SeedDemo(*this, options_.scale < 1 ? 1 : options_.scale));
  } else if (!options_.seed.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("unknown seed '", options_.seed, "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SqliteDb> SqliteEngine::OpenConnection() {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path_.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) return SqliteStatus(raw, absl::StrCat("open ", path_));
  // "x" must never silently become a string literal.
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  if (RegisterCollations(raw) != SQLITE_OK || RegisterSqlFunctions(raw, &env_) != SQLITE_OK ||
      RegisterSyntheticModule(raw) != SQLITE_OK) {
    return SqliteStatus(raw, "register functions");
  }
  EHI_RETURN_IF_ERROR(ExecSql(raw,
                              "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
                              "PRAGMA cache_size=-32768"));
  return db;
}

absl::StatusOr<std::unique_ptr<Session>> SqliteEngine::OpenSession() {
  EHI_ASSIGN_OR_RETURN(SqliteDb db, OpenConnection());
  return std::unique_ptr<Session>(new SqliteSession(this, std::move(db)));
}

std::shared_ptr<const CatalogSnapshot> SqliteEngine::catalog() const {
  absl::MutexLock lock(&mu_);
  return catalog_;
}

void SqliteEngine::SetCatalog(std::shared_ptr<const CatalogSnapshot> snapshot) {
  absl::MutexLock lock(&mu_);
  catalog_ = std::move(snapshot);
}

void SqliteEngine::LogSql(absl::string_view sql) {
  absl::MutexLock lock(&log_mu_);
  if (log_ == nullptr) return;
  std::string line;
  line.reserve(sql.size() + 1);
  for (char c : sql) {
    switch (c) {
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      case '\\':
        line += "\\\\";
        break;
      default:
        line.push_back(c);
    }
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), log_);
  std::fflush(log_);
}

absl::StatusOr<std::unique_ptr<Engine>> CreateSqliteEngine(const EngineOptions& options) {
  EHI_ASSIGN_OR_RETURN(std::unique_ptr<SqliteEngine> engine, SqliteEngine::Create(options));
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace emulator
