// Statement execution: queries, DML, DDL, SET, variables, transactions and
// EXEC (faults, synthetic tables, sp_executesql).
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/sqlite_engine_internal.h"
#include "testing/emulator/engine/synthetic_table.h"

namespace emulator {
namespace {

std::string NowStored() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  int64_t days = us / 86400000000LL + DaysFromCivil(1970, 1, 1);
  int64_t ticks = us % 86400000000LL * 10;
  return FormatStoredDateTime(days, ticks / 10000 * 10000);
}

}  // namespace

SqliteSession::Flow SqliteSession::RunSelect(const Translation& t, ResultSink& sink) {
  if (Flow f; DataStatementFaults(sink, &f)) return f;
  for (const std::string& object : t.objects_read) {
    if (!engine_->faults().IsDenied(object)) continue;
    std::string schema = object.substr(0, object.find('.'));
    std::string name = object.substr(object.find('.') + 1);
    bool system = schema == "sys" || schema == "information_schema";
    if (object == "sys.dm_db_partition_stats") {
      sink.Message(ServerMessage{300, 1, 14,
                                 "VIEW DATABASE STATE permission was denied on object "
                                 "'dm_db_partition_stats', database 'mssqlsystemresource'.",
                                 1});
      return FailMessage(
          ServerMessage{297, 1, 16, "The user does not have permission to perform this action.", 1},
          sink);
    }
    return FailMessage(
        ServerMessage{
            229, 1, 14,
            absl::StrCat("The SELECT permission was denied on the object '", name, "', database '",
                         system ? "mssqlsystemresource" : engine_->database_name(), "', schema '",
                         schema, "'."),
            1},
        sink);
  }
  if (!t.system_views.empty()) {
    std::shared_ptr<const CatalogSnapshot> snap = engine_->catalog();
    absl::Status s =
        RefreshCatalogViews(db_.get(), t.system_views, *snap, engine_->database_name());
    if (!s.ok()) return Fail(s, sink);
  }
  auto prepared = PrepareCached(t.sql);
  if (!prepared.ok()) return FailMessage(SqliteError(SQLITE_ERROR, t), sink);
  sqlite3_stmt* stmt = *prepared;
  if (absl::Status s = Bind(stmt, t); !s.ok()) return Fail(s, sink);
  if (int64_t stall = engine_->faults().TakeStallMs(); stall > 0) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(stall);
    while (std::chrono::steady_clock::now() < until) {
      if (sink.Cancelled()) return Flow::kCancelled;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    ServerMessage m = SqliteError(rc, t);
    sqlite3_reset(stmt);
    return FailMessage(m, sink);
  }
  std::vector<Column> columns = t.columns;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i < t.column_typed.size() && !t.column_typed[i]) {
      columns[i].type = InferType(stmt, static_cast<int>(i), rc == SQLITE_ROW);
    }
  }
  sink.BeginRows(columns);
  const int n_cols = static_cast<int>(columns.size());
  row_.resize(n_cols);
  const int64_t drop_after = engine_->faults().drop_after_rows();
  int64_t count = 0;
  while (rc == SQLITE_ROW) {
    for (int i = 0; i < n_cols; ++i) ColumnToValue(stmt, i, columns[i].type, &row_[i]);
    if (!sink.Row(row_)) {
      sqlite3_reset(stmt);
      return Flow::kCancelled;
    }
    ++count;
    if (drop_after >= 0 && count >= drop_after && engine_->faults().ClaimDrop()) {
      sqlite3_reset(stmt);
      return Flow::kDrop;
    }
    rc = sqlite3_step(stmt);
  }
  if (rc != SQLITE_DONE) {
    ServerMessage m = SqliteError(rc, t);
    sqlite3_reset(stmt);
    return FailMessage(m, sink);
  }
  sqlite3_reset(stmt);
  rowcount_ = count;
  sink.StatementDone(!nocount_, count, false);
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::RunDml(const Translation& t, ResultSink& sink) {
  if (Flow f; DataStatementFaults(sink, &f)) return f;
  auto prepared = PrepareCached(t.sql);
  if (!prepared.ok()) return FailMessage(SqliteError(SQLITE_ERROR, t), sink);
  sqlite3_stmt* stmt = *prepared;
  if (absl::Status s = Bind(stmt, t); !s.ok()) return Fail(s, sink);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    ServerMessage m = SqliteError(rc, t);
    sqlite3_reset(stmt);
    return FailMessage(m, sink);
  }
  sqlite3_reset(stmt);
  int64_t n = sqlite3_changes64(db_.get());
  if (t.kind == StatementKind::kTruncate) {
    rowcount_ = 0;
    sink.StatementDone(false, 0, false);
  } else {
    rowcount_ = n;
    sink.StatementDone(!nocount_, n, false);
  }
  // Many small statements: keep the cache for parameterised ones only.
  if (t.params.empty() && t.kind == StatementKind::kInsert) stmt_cache_.erase(t.sql);
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::RunDdl(const Translation& t, ResultSink& sink) {
  absl::Status status;
  {
    absl::MutexLock lock(&engine_->ddl_mutex());
    std::shared_ptr<const CatalogSnapshot> current = engine_->catalog();
    auto next = std::make_shared<CatalogSnapshot>(*current);
    status = ExecSql(db_.get(), "SAVEPOINT ehi_ddl");
    if (!status.ok()) return FailMessage(SqliteError(SQLITE_BUSY, t), sink);
    auto body = [&]() -> absl::Status {
      if (t.kind == StatementKind::kCreateTable &&
          current->Find(t.new_table->schema, t.new_table->name) != nullptr) {
        return SqlError(2714, 16,
                        absl::StrCat("There is already an object named '", t.new_table->name,
                                     "' in the database."));
      }
      for (const std::string& sql : t.ddl_sql) {
        if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
          ServerMessage m = SqliteError(sqlite3_errcode(db_.get()), t);
          return SqlError(m.number, m.severity, m.text);
        }
      }
      switch (t.kind) {
        case StatementKind::kCreateTable: {
          auto table = std::make_shared<TableInfo>(*t.new_table);
          table->object_id = next->next_object_id();
          next->set_next_object_id(table->object_id + 32);
          if (!table->pk_columns.empty() && table->pk_name.empty()) {
            table->pk_name = GeneratedPkName(table->name, table->object_id);
          }
          table->create_date = NowStored();
          EHI_RETURN_IF_ERROR(SaveTableMetadata(db_.get(), *table));
          next->PutTable(std::move(table));
          break;
        }
        case StatementKind::kDropTable:
          EHI_RETURN_IF_ERROR(DeleteTableMetadata(db_.get(), t.target->object_id));
          next->RemoveTable(t.target->schema, t.target->name);
          break;
        case StatementKind::kAlterTableAdd:
          EHI_RETURN_IF_ERROR(SaveTableMetadata(db_.get(), *t.new_table));
          next->PutTable(t.new_table);
          break;
        case StatementKind::kCreateSchema: {
          int id = next->next_schema_id();
          EHI_RETURN_IF_ERROR(SaveSchemaMetadata(db_.get(), id, t.name));
          next->PutSchema(id, t.name);
          break;
        }
        default:
          break;
      }
      return absl::OkStatus();
    };
    status = body();
    if (!status.ok()) {
      ExecSql(db_.get(), "ROLLBACK TO ehi_ddl; RELEASE ehi_ddl").IgnoreError();
    } else {
      status = ExecSql(db_.get(), "RELEASE ehi_ddl");
      if (status.ok()) engine_->SetCatalog(std::move(next));
    }
  }
  if (!status.ok()) return Fail(status, sink);
  sink.StatementDone(false, 0, false);
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::RunSet(const Translation& t, ResultSink& sink) {
  const std::string& opt = t.set_option;
  std::string value = absl::StrReplaceAll(t.set_value, {{" ", ""}});
  if (opt == "NOCOUNT") {
    nocount_ = value == "ON";
  } else if (opt == "TEXTSIZE") {
    int64_t n = 0;
    if (!absl::SimpleAtoi(value, &n)) {
      return Fail(SqlError(102, 15, absl::StrCat("Incorrect syntax near '", t.set_value, "'.")),
                  sink);
    }
    options_.text_size = n == 0 ? 4096 : n < 0 ? -1 : n;
  } else if (opt == "TRANSACTION") {
    snapshot_isolation_ = absl::EndsWith(value, "SNAPSHOT");
  } else if (opt == "LOCK_TIMEOUT") {
    int64_t n = -1;
    if (absl::SimpleAtoi(value, &n)) {
      sqlite3_busy_timeout(db_.get(),
                           n < 0 ? 600000 : static_cast<int>(std::min<int64_t>(n, 600000)));
    }
  }
  // Everything else (ANSI_*, QUOTED_IDENTIFIER, DATEFORMAT, LANGUAGE, …) is
  // accepted: the emulator already behaves as with the tedious/ODBC defaults.
  sink.StatementDone(false, 0, false);
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::RunVariables(const Translation& t, ResultSink& sink) {
  if (t.kind == StatementKind::kDeclare) {
    for (const auto& [name, type] : t.declared) {
      if (var_types_.count(name) > 0) {
        return Fail(SqlError(134, 15,
                             absl::StrCat("The variable name '", name,
                                          "' has already been declared. Variable names "
                                          "must be unique within a query batch or stored "
                                          "procedure.")),
                    sink);
      }
    }
  }
  auto prepared = Prepare(db_.get(), t.sql);
  if (!prepared.ok()) return FailMessage(SqliteError(SQLITE_ERROR, t), sink);
  if (absl::Status s = Bind(prepared->get(), t); !s.ok()) return Fail(s, sink);
  int rc = sqlite3_step(prepared->get());
  if (rc != SQLITE_ROW) return FailMessage(SqliteError(rc, t), sink);
  if (t.kind == StatementKind::kDeclare) {
    for (size_t i = 0; i < t.declared.size(); ++i) {
      var_types_[t.declared[i].first] = t.declared[i].second;
      var_values_[t.declared[i].first] = ColumnDatum(prepared->get(), static_cast<int>(i));
    }
  } else {
    var_values_[t.variable] = ColumnDatum(prepared->get(), 0);
  }
  sink.StatementDone(false, 0, false);
  return Flow::kContinue;
}

SqliteSession::Flow SqliteSession::RunTransaction(const Translation& t, ResultSink& sink) {
  if (t.kind == StatementKind::kBeginTran) {
    if (trancount_ == 0) {
      if (absl::Status s = ExecSql(db_.get(), "BEGIN"); !s.ok()) return Fail(s, sink);
    }
    ++trancount_;
  } else if (trancount_ == 0) {
    bool commit = t.kind == StatementKind::kCommit;
    return Fail(SqlError(commit ? 3902 : 3903, 16,
                         absl::StrCat("The ", commit ? "COMMIT" : "ROLLBACK",
                                      " TRANSACTION request has no corresponding BEGIN "
                                      "TRANSACTION.")),
                sink);
  } else if (t.kind == StatementKind::kCommit) {
    if (--trancount_ == 0) {
      int rc = sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) {
        ++trancount_;
        return FailMessage(SqliteError(rc, t), sink);
      }
    }
  } else {
    stmt_cache_.clear();
    ExecSql(db_.get(), "ROLLBACK").IgnoreError();
    trancount_ = 0;
    ReloadCatalog().IgnoreError();
  }
  sink.StatementDone(false, 0, false);
  return Flow::kContinue;
}

absl::Status SqliteSession::CreateSynthetic(const std::string& schema, const std::string& name,
                                            int64_t rows) {
  absl::MutexLock lock(&engine_->ddl_mutex());
  std::shared_ptr<const CatalogSnapshot> current = engine_->catalog();
  int schema_id = current->SchemaId(schema);
  if (schema_id < 0 || schema_id == 3 || schema_id == 4) {
    return SqlError(2760, 16,
                    absl::StrCat("The specified schema name \"", schema,
                                 "\" either does not exist or you do not have "
                                 "permission to use it."));
  }
  if (current->Find(schema, name) != nullptr) {
    return SqlError(2714, 16,
                    absl::StrCat("There is already an object named '", name, "' in the database."));
  }
  if (rows < 0) return SqlError(50000, 16, "A synthetic table needs a non-negative row count.");
  auto next = std::make_shared<CatalogSnapshot>(*current);
  auto table = std::make_shared<TableInfo>();
  table->schema = current->SchemaName(schema_id);
  table->schema_id = schema_id;
  table->name = name;
  table->columns = SyntheticColumns();
  table->pk_columns = {0};
  table->pk_descending = {false};
  table->synthetic_rows = rows;
  table->object_id = next->next_object_id();
  next->set_next_object_id(table->object_id + 32);
  table->pk_name = GeneratedPkName(name, table->object_id);
  table->create_date = NowStored();
  EHI_RETURN_IF_ERROR(ExecSql(db_.get(), "SAVEPOINT ehi_synth"));
  absl::Status s = ExecSql(db_.get(), SyntheticCreateSql(*table));
  if (s.ok()) s = SaveTableMetadata(db_.get(), *table);
  if (!s.ok()) {
    ExecSql(db_.get(), "ROLLBACK TO ehi_synth; RELEASE ehi_synth").IgnoreError();
    return s;
  }
  EHI_RETURN_IF_ERROR(ExecSql(db_.get(), "RELEASE ehi_synth"));
  next->PutTable(std::move(table));
  engine_->SetCatalog(std::move(next));
  return absl::OkStatus();
}

SqliteSession::Flow SqliteSession::RunExec(const Translation& t, ResultSink& sink) {
  std::string name = absl::AsciiStrToLower(t.name);
  for (const char* prefix : {"master.dbo.", "master..", "dbo.", "sys."}) {
    if (absl::StartsWith(name, prefix)) name = name.substr(strlen(prefix));
  }
  // Resolves an argument (literal or variable) to storage form.
  auto arg_value = [&](const ExecArg& a) -> Datum {
    if (!a.variable.empty()) {
      auto it = var_values_.find(a.variable);
      return it == var_values_.end() ? Datum::Null() : it->second;
    }
    return a.value;
  };
  auto arg_text = [&](size_t i) -> std::string {
    if (i >= t.exec_args.size()) return "";
    Datum d = arg_value(t.exec_args[i]);
    return d.kind == Datum::Kind::kInt ? absl::StrCat(d.i) : d.s;
  };
  if (name == "emulator.inject_fault") {
    if (t.exec_args.empty()) {
      return Fail(SqlError(201, 16,
                           "Procedure or function 'inject_fault' expects parameter "
                           "'@fault', which was not supplied."),
                  sink);
    }
    bool has_int = false;
    int64_t n = 0;
    std::string text;
    if (t.exec_args.size() > 1) {
      Datum d = arg_value(t.exec_args[1]);
      if (d.kind == Datum::Kind::kInt) {
        has_int = true;
        n = d.i;
      } else {
        text = d.s;
        has_int = absl::SimpleAtoi(text, &n);
      }
    }
    absl::Status s = engine_->faults().Inject(arg_text(0), has_int, n, text);
    if (!s.ok()) return Fail(s, sink);
  } else if (name == "emulator.clear_faults") {
    engine_->faults().Clear();
  } else if (name == "emulator.create_synthetic_table") {
    int64_t rows = 0;
    if (t.exec_args.size() != 3 || !absl::SimpleAtoi(arg_text(2), &rows)) {
      return Fail(SqlError(50000, 16,
                           "Usage: EXEC emulator.create_synthetic_table 'schema', "
                           "'name', rows"),
                  sink);
    }
    if (absl::Status s = CreateSynthetic(arg_text(0), arg_text(1), rows); !s.ok()) {
      return Fail(s, sink);
    }
  } else if (name == "sp_executesql") {
    if (t.exec_args.empty()) {
      return Fail(SqlError(201, 16,
                           "Procedure or function 'sp_executesql' expects parameter "
                           "'@statement', which was not supplied."),
                  sink);
    }
    const ExecArg& stmt = t.exec_args[0];
    if (stmt.variable.empty() && stmt.type.id != TypeId::kNVarChar) {
      return Fail(SqlError(214, 16,
                           "Procedure expects parameter '@statement' of type "
                           "'ntext/nchar/nvarchar'."),
                  sink);
    }
    // Parameter declarations: "@a int, @b nvarchar(10) OUTPUT".
    std::map<std::string, SqlType> types;
    std::vector<std::string> order;
    if (t.exec_args.size() > 1) {
      std::vector<Token> tokens;
      std::string decl = arg_text(1);
      if (absl::Status s = LexTsql(decl, &tokens); !s.ok()) return Fail(s, sink);
      size_t i = 0;
      while (i < tokens.size() && tokens[i].kind == TokenKind::kParam) {
        std::string pname = absl::AsciiStrToLower(tokens[i++].text);
        if (i < tokens.size() && tokens[i].Is("AS")) ++i;
        if (i >= tokens.size() || tokens[i].kind != TokenKind::kIdent) break;
        std::string tname = tokens[i++].text;
        std::vector<std::string> targs;
        if (i < tokens.size() && tokens[i].IsOp("(")) {
          ++i;
          while (i < tokens.size() && !tokens[i].IsOp(")")) {
            if (!tokens[i].IsOp(",")) targs.push_back(tokens[i].text);
            ++i;
          }
          ++i;
        }
        auto type = MakeSqlType(tname, targs, false);
        if (!type.ok()) return Fail(type.status(), sink);
        types[pname] = *type;
        order.push_back(pname);
        while (i < tokens.size() && (tokens[i].Is("OUTPUT") || tokens[i].Is("OUT"))) ++i;
        if (i < tokens.size() && tokens[i].IsOp(",")) ++i;
      }
    }
    std::map<std::string, Datum> values;
    size_t positional = 0;
    for (size_t i = 2; i < t.exec_args.size(); ++i) {
      const ExecArg& a = t.exec_args[i];
      std::string pname =
          a.name.empty() ? (positional < order.size() ? order[positional++] : "") : a.name;
      auto it = types.find(pname);
      if (it == types.end()) {
        return Fail(SqlError(8145, 16,
                             absl::StrCat(pname,
                                          " is not a parameter for procedure "
                                          "sp_executesql.")),
                    sink);
      }
      Datum d = arg_value(a);
      const SqlType* from = a.variable.empty() ? &a.type : &var_types_[a.variable];
      if (a.value.is_null() && a.variable.empty()) from = nullptr;
      auto converted = ConvertDatum(d, from, it->second, ConvertOptions());
      if (!converted.ok()) return Fail(converted.status(), sink);
      values[pname] = *std::move(converted);
    }
    auto saved_types = std::move(var_types_);
    auto saved_values = std::move(var_values_);
    var_types_ = std::move(types);
    var_values_ = std::move(values);
    std::string sql = stmt.variable.empty() ? stmt.value.s : arg_value(stmt).s;
    ExecOutcome out = Run(sql, sink);
    var_types_ = std::move(saved_types);
    var_values_ = std::move(saved_values);
    return out == ExecOutcome::kDropConnection ? Flow::kDrop : Flow::kContinue;
  } else if (name == "sp_reset_connection") {
    Reset();
  } else {
    return Fail(SqlError(2812, 16, absl::StrCat("Could not find stored procedure '", t.name, "'.")),
                sink);
  }
  sink.StatementDone(false, 0, false);
  return Flow::kContinue;
}

}  // namespace emulator
