// Internal classes behind CreateSqliteEngine: the shared engine and the
// per-connection session.
//
// Thread-safety: SqliteEngine is shared by all connection threads (catalog
// snapshots are swapped under a mutex, DDL is serialized, faults are
// internally synchronized). A SqliteSession is used by one thread at a time
// and owns its own SQLite connection.
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_INTERNAL_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_INTERNAL_H_

#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "testing/emulator/engine/catalog.h"
#include "testing/emulator/engine/faults.h"
#include "testing/emulator/engine/sql_functions.h"
#include "testing/emulator/engine/sqlite_engine.h"
#include "testing/emulator/engine/sqlite_util.h"
#include "testing/emulator/engine/tsql_translator.h"

namespace emulator {

// Storage → canonical Value for result column `i` of type `t`.
void ColumnToValue(sqlite3_stmt* stmt, int i, const SqlType& t, Value* out);
// A result type for a column the translator could not type, from its first
// value (int/bigint, float, nvarchar(max), varbinary(max); int if no row).
SqlType InferType(sqlite3_stmt* stmt, int i, bool has_row);

class SqliteEngine : public Engine {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteEngine>> Create(const EngineOptions& options);
  ~SqliteEngine() override;

  std::string database_name() const override { return options_.database_name; }
  absl::StatusOr<std::unique_ptr<Session>> OpenSession() override;
  bool ShouldRefuseConnection() override { return faults_.ShouldRefuseConnection(); }

  // A new SQLite connection with the emulator's collations, functions and
  // virtual-table module registered.
  absl::StatusOr<SqliteDb> OpenConnection();
  std::shared_ptr<const CatalogSnapshot> catalog() const;
  void SetCatalog(std::shared_ptr<const CatalogSnapshot> snapshot);
  absl::Mutex& ddl_mutex() { return ddl_mu_; }
  FaultInjector& faults() { return faults_; }
  FunctionEnv& env() { return env_; }
  int NextSpid() { return next_spid_.fetch_add(1); }
  void LogSql(absl::string_view sql);

 private:
  explicit SqliteEngine(const EngineOptions& options) : options_(options) {}
  absl::Status Init();

  EngineOptions options_;
  std::string path_;
  bool temporary_file_ = false;
  FunctionEnv env_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const CatalogSnapshot> catalog_ ABSL_GUARDED_BY(mu_);
  absl::Mutex ddl_mu_;
  FaultInjector faults_;
  absl::Mutex log_mu_;
  std::FILE* log_ ABSL_GUARDED_BY(log_mu_) = nullptr;
  std::atomic<int> next_spid_{51};
};

class SqliteSession : public Session {
 public:
  SqliteSession(SqliteEngine* engine, SqliteDb db);
  ~SqliteSession() override;

  ExecOutcome ExecuteBatch(std::string_view sql, ResultSink& sink) override;
  ExecOutcome ExecuteRpc(std::string_view sql, const std::vector<Param>& params,
                         ResultSink& sink) override;
  const SessionOptions& options() const override { return options_; }
  void Reset() override;

 private:
  enum class Flow { kContinue, kAbortBatch, kDrop, kCancelled };

  ExecOutcome Run(absl::string_view sql, ResultSink& sink);
  Flow RunStatement(const std::vector<Token>& tokens, std::pair<size_t, size_t> range,
                    ResultSink& sink);
  Flow RunSelect(const Translation& t, ResultSink& sink);
  Flow RunDml(const Translation& t, ResultSink& sink);
  Flow RunDdl(const Translation& t, ResultSink& sink);
  Flow RunSet(const Translation& t, ResultSink& sink);
  Flow RunExec(const Translation& t, ResultSink& sink);
  Flow RunTransaction(const Translation& t, ResultSink& sink);
  Flow RunVariables(const Translation& t, ResultSink& sink);
  absl::Status CreateSynthetic(const std::string& schema, const std::string& name, int64_t rows);
  // Reports `status` as a SQL Server error and decides how the batch goes on.
  Flow Fail(const absl::Status& status, ResultSink& sink);
  Flow FailMessage(const ServerMessage& message, ResultSink& sink);
  // Maps the current SQLite error of the connection.
  ServerMessage SqliteError(int rc, const Translation& t);
  std::string DuplicateKeyValue(const Translation& t);
  absl::StatusOr<sqlite3_stmt*> PrepareCached(const std::string& sql);
  absl::Status Bind(sqlite3_stmt* stmt, const Translation& t);
  absl::Status ReloadCatalog();
  bool DataStatementFaults(ResultSink& sink, Flow* flow);

  SqliteEngine* engine_;
  SqliteDb db_;
  SessionOptions options_;
  int spid_;
  bool nocount_ = false;
  bool snapshot_isolation_ = false;
  int trancount_ = 0;
  int64_t rowcount_ = 0;
  // Variables: DECLAREd in batches and sp_executesql/RPC parameters.
  std::map<std::string, SqlType> var_types_;
  std::map<std::string, Datum> var_values_;
  std::unordered_map<std::string, SqliteStmt> stmt_cache_;
  std::vector<Value> row_;  // reused for every row
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_INTERNAL_H_
