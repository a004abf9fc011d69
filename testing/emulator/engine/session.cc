// A session: runs batches statement by statement on its own SQLite
// connection and streams results to the ResultSink.
//
// Batch error handling (documented in README.md): a statement error is sent
// as an ERROR message and the statement ends with StatementDone(error). The
// batch then continues for statement-level errors (2627, 515, 2628, 1222,
// 3701, 2714, …) and stops for compile-type and batch-aborting errors
// (severity 15 syntax errors, 207, 208, 137, conversion and arithmetic
// errors, 1205 — which also rolls back the open transaction).
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/sqlite_engine_internal.h"

namespace emulator {
namespace {

bool AbortsBatch(const ServerMessage& m) {
  if (m.severity == 15) return true;
  switch (m.number) {
    case 207:
    case 208:
    case 209:
    case 4104:
    case 137:
    case 1205:
    case 245:
    case 8114:
    case 8115:
    case 8134:
    case 241:
    case 242:
    case 8169:
    case 229:
    case 300:
    case 297:
    case 3952:
    case 529:
    case 248:
    case 195:
      return true;
    default:
      return false;
  }
}

Datum ValueToDatum(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kInt:
      return Datum::Int(v.int_value);
    case Value::Kind::kDouble:
      return Datum::Real(v.double_value);
    case Value::Kind::kText:
      return Datum::Text(v.bytes);
    case Value::Kind::kBytes:
      return Datum::Blob(v.bytes);
    default:
      return Datum::Null();
  }
}

// A non-NULL column as stored: a BLOB's bytes, else SQLite's text form of it.
absl::string_view StoredBytes(sqlite3_stmt* stmt, int i, int type) {
  const char* p = type == SQLITE_BLOB ? static_cast<const char*>(sqlite3_column_blob(stmt, i))
                                      : reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
  return absl::string_view(p == nullptr ? "" : p, sqlite3_column_bytes(stmt, i));
}

}  // namespace

// Storage → canonical Value for one result column.
void ColumnToValue(sqlite3_stmt* stmt, int i, const SqlType& t, Value* out) {
  const int type = sqlite3_column_type(stmt, i);
  if (type == SQLITE_NULL) {
    out->kind = Value::Kind::kNull;
    return;
  }
  switch (FamilyOf(t.id)) {
    case TypeFamily::kInt:
      out->kind = Value::Kind::kInt;
      out->int_value = type == SQLITE_FLOAT ? static_cast<int64_t>(sqlite3_column_double(stmt, i))
                                            : sqlite3_column_int64(stmt, i);
      return;
    case TypeFamily::kFloat:
      out->kind = Value::Kind::kDouble;
      out->double_value = sqlite3_column_double(stmt, i);
      return;
    case TypeFamily::kDecimal: {
      out->kind = Value::Kind::kText;
      if (type == SQLITE_TEXT) {
        out->bytes.assign(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                          sqlite3_column_bytes(stmt, i));
        return;
      }
      if (type == SQLITE_INTEGER) {
        out->bytes = absl::StrCat(sqlite3_column_int64(stmt, i));
        return;
      }
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.17g", sqlite3_column_double(stmt, i));
      auto norm = NormalizeDecimal(buf, 38, t.scale, "float");
      out->bytes = norm.ok() ? *norm : buf;
      return;
    }
    case TypeFamily::kBinary:
      out->kind = Value::Kind::kBytes;
      out->bytes = std::string(StoredBytes(stmt, i, type));
      return;
    case TypeFamily::kString:
      out->kind = Value::Kind::kText;
      out->bytes = std::string(StoredBytes(stmt, i, type));
      return;
    default: {
      const absl::string_view stored = StoredBytes(stmt, i, type);
      StoredTextToValue(t, stored.data(), stored.size(), out);
      return;
    }
  }
}

SqlType InferType(sqlite3_stmt* stmt, int i, bool has_row) {
  SqlType t;
  t.id = TypeId::kInt;
  if (!has_row) return t;
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: {
      int64_t v = sqlite3_column_int64(stmt, i);
      t.id = v >= INT32_MIN && v <= INT32_MAX ? TypeId::kInt : TypeId::kBigInt;
      break;
    }
    case SQLITE_FLOAT:
      t.id = TypeId::kFloat;
      break;
    case SQLITE_TEXT:
      t.id = TypeId::kNVarChar;
      t.length = SqlType::kMaxLength;
      break;
    case SQLITE_BLOB:
      t.id = TypeId::kVarBinary;
      t.length = SqlType::kMaxLength;
      break;
    default:
      break;
  }
  return t;
}

SqliteSession::SqliteSession(SqliteEngine* engine, SqliteDb db)
    : engine_(engine), db_(std::move(db)), spid_(engine->NextSpid()) {}

SqliteSession::~SqliteSession() { stmt_cache_.clear(); }

void SqliteSession::Reset() {
  stmt_cache_.clear();
  if (trancount_ > 0 || !sqlite3_get_autocommit(db_.get())) {
    ExecSql(db_.get(), "ROLLBACK").IgnoreError();
    trancount_ = 0;
    ReloadCatalog().IgnoreError();
  }
  options_ = SessionOptions();
  nocount_ = false;
  snapshot_isolation_ = false;
  rowcount_ = 0;
  var_types_.clear();
  var_values_.clear();
  sqlite3_busy_timeout(db_.get(), 10000);
}

ExecOutcome SqliteSession::ExecuteBatch(std::string_view std_sql, ResultSink& sink) {
  absl::string_view sql(std_sql.data(), std_sql.size());
  engine_->LogSql(sql);
  // Variables live for one batch.
  var_types_.clear();
  var_values_.clear();
  ExecOutcome out = Run(sql, sink);
  var_types_.clear();
  var_values_.clear();
  return out;
}

ExecOutcome SqliteSession::ExecuteRpc(std::string_view std_sql, const std::vector<Param>& params,
                                      ResultSink& sink) {
  absl::string_view sql(std_sql.data(), std_sql.size());
  engine_->LogSql(sql);
  var_types_.clear();
  var_values_.clear();
  for (const Param& p : params) {
    std::string name = absl::AsciiStrToLower(p.name);
    if (!absl::StartsWith(name, "@")) name = "@" + name;
    auto value = ConvertDatum(ValueToDatum(p.value), nullptr, p.type, ConvertOptions());
    if (!value.ok()) {
      Fail(value.status(), sink);
      return ExecOutcome::kOk;
    }
    var_types_[name] = p.type;
    var_values_[name] = *std::move(value);
  }
  ExecOutcome out = Run(sql, sink);
  var_types_.clear();
  var_values_.clear();
  return out;
}

ExecOutcome SqliteSession::Run(absl::string_view sql, ResultSink& sink) {
  std::vector<Token> tokens;
  if (absl::Status s = LexTsql(sql, &tokens); !s.ok()) {
    Fail(s, sink);
    return ExecOutcome::kOk;
  }
  for (const auto& range : SplitStatements(tokens)) {
    if (sink.Cancelled()) break;
    Flow flow = RunStatement(tokens, range, sink);
    if (flow == Flow::kDrop) return ExecOutcome::kDropConnection;
    if (flow != Flow::kContinue) break;
  }
  return ExecOutcome::kOk;
}

SqliteSession::Flow SqliteSession::RunStatement(const std::vector<Token>& tokens,
                                                std::pair<size_t, size_t> range, ResultSink& sink) {
  std::shared_ptr<const CatalogSnapshot> snap = engine_->catalog();
  TranslateContext ctx;
  ctx.catalog = snap.get();
  ctx.db_name = engine_->database_name();
  ctx.variables = &var_types_;
  ctx.spid = spid_;
  ctx.rowcount = rowcount_;
  ctx.trancount = trancount_;
  ctx.text_size = options_.text_size;
  Translation t;
  if (absl::Status s = TranslateStatement(ctx, tokens, range, &t); !s.ok()) return Fail(s, sink);
  switch (t.kind) {
    case StatementKind::kSelect:
      return RunSelect(t, sink);
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kTruncate:
      return RunDml(t, sink);
    case StatementKind::kCreateTable:
    case StatementKind::kDropTable:
    case StatementKind::kAlterTableAdd:
    case StatementKind::kCreateSchema:
    case StatementKind::kCreateIndex:
      return RunDdl(t, sink);
    case StatementKind::kSet:
      return RunSet(t, sink);
    case StatementKind::kDeclare:
    case StatementKind::kSetVariable:
      return RunVariables(t, sink);
    case StatementKind::kBeginTran:
    case StatementKind::kCommit:
    case StatementKind::kRollback:
      return RunTransaction(t, sink);
    case StatementKind::kExec:
      return RunExec(t, sink);
    case StatementKind::kUse:
      if (!absl::EqualsIgnoreCase(t.name, engine_->database_name())) {
        return Fail(SqlError(911, 16,
                             absl::StrCat("Database '", t.name,
                                          "' does not exist. Make sure that the name is "
                                          "entered correctly.")),
                    sink);
      }
      sink.Message(ServerMessage{
          5701, 1, 0, absl::StrCat("Changed database context to '", engine_->database_name(), "'."),
          1});
      sink.StatementDone(false, 0, false);
      return Flow::kContinue;
    case StatementKind::kNoop:
      sink.StatementDone(false, 0, false);
      return Flow::kContinue;
  }
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::Fail(const absl::Status& status, ResultSink& sink) {
  ServerMessage m;
  if (!ToServerMessage(status, &m)) {
    m.number = 50000;
    m.severity = 16;
    m.text = absl::StrCat("Emulator internal error: ", status.message());
  }
  return FailMessage(m, sink);
}

SqliteSession::Flow SqliteSession::FailMessage(const ServerMessage& m, ResultSink& sink) {
  sink.Message(m);
  if (m.number == 2627 || m.number == 2601 || m.number == 515 || m.number == 2628 ||
      m.number == 8152) {
    sink.Message(ServerMessage{3621, 1, 0, "The statement has been terminated.", m.line});
  }
  sink.StatementDone(false, 0, true);
  if (m.number == 1205 && trancount_ > 0) {
    ExecSql(db_.get(), "ROLLBACK").IgnoreError();
    trancount_ = 0;
    ReloadCatalog().IgnoreError();
  }
  return AbortsBatch(m) ? Flow::kAbortBatch : Flow::kContinue;
}

ServerMessage SqliteSession::SqliteError(int rc, const Translation& t) {
  std::string msg = sqlite3_errmsg(db_.get());
  ServerMessage m;
  if (DecodeFromSqlite(msg, &m)) return m;
  m.state = 1;
  m.severity = 16;
  int ext = sqlite3_extended_errcode(db_.get());
  const TableInfo* table = t.target;
  std::string qualified = table != nullptr ? absl::StrCat(table->schema, ".", table->name) : "";
  if (ext == SQLITE_CONSTRAINT_NOTNULL) {
    std::string col = msg.substr(msg.rfind('.') + 1);
    m.number = 515;
    m.text =
        absl::StrCat("Cannot insert the value NULL into column '", col, "', table '",
                     engine_->database_name(), ".", qualified, "'; column does not allow nulls. ",
                     t.kind == StatementKind::kUpdate ? "UPDATE" : "INSERT", " fails.");
    return m;
  }
  if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE ||
      ext == SQLITE_CONSTRAINT_ROWID) {
    m.number = 2627;
    m.severity = 14;
    m.text = absl::StrCat("Violation of PRIMARY KEY constraint '",
                          table != nullptr ? table->pk_name : "",
                          "'. Cannot insert duplicate key "
                          "in object '",
                          qualified, "'. The duplicate key value is ", DuplicateKeyValue(t), ".");
    return m;
  }
  if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
    m.number = 1222;
    m.text = "Lock request time out period exceeded.";
    return m;
  }
  if (absl::StartsWith(msg, "no such table: ")) {
    std::string name = msg.substr(15);
    if (absl::StartsWith(name, "main.")) name = name.substr(5);
    return ServerMessage{208, 1, 16, absl::StrCat("Invalid object name '", name, "'."), 1};
  }
  if (absl::StartsWith(msg, "no such column: ")) {
    std::string name = msg.substr(msg.rfind('.') == std::string::npos ? 16 : msg.rfind('.') + 1);
    return ServerMessage{207, 1, 16, absl::StrCat("Invalid column name '", name, "'."), 1};
  }
  if (absl::StrContains(msg, "misuse of aggregate") ||
      absl::StrContains(msg, "aggregate functions are not allowed")) {
    return ServerMessage{147, 1, 15,
                         "An aggregate may not appear in the WHERE clause unless it is "
                         "in a subquery contained in a HAVING clause or a select list, "
                         "and the column being aggregated is an outer reference.",
                         1};
  }
  m.number = 50000;
  m.text = absl::StrCat("Emulator: ", msg);
  return m;
}

std::string SqliteSession::DuplicateKeyValue(const Translation& t) {
  const TableInfo* table = t.target;
  if (table == nullptr || t.key_value_sql.empty()) return "(unknown)";
  std::vector<std::string> seen;
  std::string where;
  for (size_t k = 0; k < table->pk_columns.size(); ++k) {
    absl::StrAppend(&where, k == 0 ? " WHERE " : " AND ", "\"",
                    table->columns[table->pk_columns[k]].name, "\" = ?");
  }
  auto exists =
      Prepare(db_.get(), absl::StrCat("SELECT 1 FROM main.\"", table->SqliteName(), "\"", where));
  if (!exists.ok()) return "(unknown)";
  for (const std::string& sql : t.key_value_sql) {
    auto row = Prepare(db_.get(), sql);
    if (!row.ok() || !Bind(row->get(), t).ok() || sqlite3_step(row->get()) != SQLITE_ROW) continue;
    std::vector<std::string> shown;
    sqlite3_reset(exists->get());
    for (size_t k = 0; k < table->pk_columns.size(); ++k) {
      BindDatum(exists->get(), static_cast<int>(k) + 1,
                ColumnDatum(row->get(), static_cast<int>(k)));
      Value v;
      ColumnToValue(row->get(), static_cast<int>(k), table->columns[table->pk_columns[k]].type, &v);
      if (v.kind == Value::Kind::kInt) {
        shown.push_back(absl::StrCat(v.int_value));
      } else if (table->columns[table->pk_columns[k]].type.id == TypeId::kUniqueIdentifier) {
        shown.push_back(absl::AsciiStrToLower(FormatGuidWire(v.bytes)));
      } else {
        shown.push_back(v.bytes);
      }
    }
    std::string key = absl::StrCat("(", absl::StrJoin(shown, ", "), ")");
    std::string folded = absl::AsciiStrToLower(key);
    bool dup = sqlite3_step(exists->get()) == SQLITE_ROW;
    for (const std::string& s : seen) dup |= s == folded;
    if (dup) return key;
    seen.push_back(folded);
  }
  return "(unknown)";
}

absl::StatusOr<sqlite3_stmt*> SqliteSession::PrepareCached(const std::string& sql) {
  auto it = stmt_cache_.find(sql);
  if (it != stmt_cache_.end()) {
    sqlite3_reset(it->second.get());
    sqlite3_clear_bindings(it->second.get());
    return it->second.get();
  }
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return absl::InternalError(sqlite3_errmsg(db_.get()));
  }
  if (stmt_cache_.size() >= 64) stmt_cache_.clear();
  sqlite3_stmt* out = raw;
  stmt_cache_.emplace(sql, SqliteStmt(raw));
  return out;
}

absl::Status SqliteSession::Bind(sqlite3_stmt* stmt, const Translation& t) {
  for (const std::string& name : t.params) {
    int idx = sqlite3_bind_parameter_index(stmt, name.c_str());
    if (idx <= 0) continue;
    auto it = var_values_.find(name);
    int rc = BindDatum(stmt, idx, it == var_values_.end() ? Datum::Null() : it->second);
    if (rc != SQLITE_OK) return SqliteStatus(db_.get(), "bind");
  }
  return absl::OkStatus();
}

absl::Status SqliteSession::ReloadCatalog() {
  absl::MutexLock lock(&engine_->ddl_mutex());
  EHI_ASSIGN_OR_RETURN(std::shared_ptr<CatalogSnapshot> snap, LoadCatalog(db_.get()));
  engine_->SetCatalog(std::move(snap));
  return absl::OkStatus();
}

// Deadlock / lock-timeout faults and the snapshot-isolation check, for
// statements that access data. True (and `flow` set) when the statement
// failed.
bool SqliteSession::DataStatementFaults(ResultSink& sink, Flow* flow) {
  int fault = engine_->faults().TakeQueryFault();
  if (fault == 1205) {
    *flow = FailMessage(
        ServerMessage{1205, 1, 13,
                      absl::StrCat("Transaction (Process ID ", spid_,
                                   ") was deadlocked on lock resources with another process and "
                                   "has been chosen as the deadlock victim. Rerun the "
                                   "transaction."),
                      1},
        sink);
    return true;
  }
  if (fault == 1222) {
    *flow =
        FailMessage(ServerMessage{1222, 1, 16, "Lock request time out period exceeded.", 1}, sink);
    return true;
  }
  if (snapshot_isolation_) {
    *flow = FailMessage(
        ServerMessage{3952, 1, 16,
                      absl::StrCat("Snapshot isolation transaction failed accessing database '",
                                   engine_->database_name(),
                                   "' because snapshot isolation is not allowed in this database. "
                                   "Use ALTER DATABASE to allow snapshot isolation."),
                      1},
        sink);
    return true;
  }
  return false;
}

}  // namespace emulator
