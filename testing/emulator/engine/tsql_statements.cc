// Statements other than queries: DML, DDL, SET, DECLARE, EXEC, transactions,
// and splitting a batch into statements.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/tsql_parser.h"

namespace emulator {
namespace {

bool IsStarter(const Token& t) {
  static constexpr absl::string_view kStarters[] = {
      "SELECT", "INSERT", "UPDATE", "DELETE",   "CREATE", "DROP",   "ALTER",   "TRUNCATE",
      "SET",    "BEGIN",  "COMMIT", "ROLLBACK", "USE",    "EXEC",   "EXECUTE", "DECLARE",
      "WITH",   "PRINT",  "MERGE",  "IF",       "WHILE",  "RETURN", "SAVE"};
  for (absl::string_view w : kStarters) {
    if (t.Is(w)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> SplitStatements(const std::vector<Token>& tokens) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t begin = 0;
  int depth = 0;
  bool main_seen = false;  // WITH …: the statement proper has started
  bool set_seen = false;   // UPDATE … SET
  bool body_seen = false;  // INSERT … VALUES/SELECT/EXEC
  auto flush = [&](size_t end) {
    if (end > begin) out.emplace_back(begin, end);
    begin = end;
    depth = 0;
    main_seen = set_seen = body_seen = false;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kEnd) {
      flush(i);
      break;
    }
    if (t.IsOp("(")) ++depth;
    if (t.IsOp(")") && depth > 0) --depth;
    if (t.IsOp(";") && depth == 0) {
      flush(i);
      begin = i + 1;
      continue;
    }
    if (depth != 0 || i == begin || !IsStarter(t)) continue;
    const Token& first = tokens[begin];
    const Token& prev = tokens[i - 1];
    bool continuation = false;
    if (t.Is("WITH")) {
      // A CTE is "WITH name AS (" or "WITH name (cols) AS ("; anything else
      // (WITH (NOLOCK), WITH TIES) continues the statement.
      bool cte = i + 2 < tokens.size() && tokens[i + 1].kind == TokenKind::kIdent &&
                 (tokens[i + 2].Is("AS") || tokens[i + 2].IsOp("("));
      continuation = !cte || first.Is("INSERT");
    } else if (t.Is("SELECT")) {
      continuation = prev.Is("UNION") || prev.Is("ALL") || prev.Is("EXCEPT") ||
                     prev.Is("INTERSECT") || prev.IsOp("(") || (first.Is("INSERT") && !body_seen) ||
                     (first.Is("WITH") && !main_seen);
      if (first.Is("INSERT")) body_seen = true;
      if (first.Is("WITH")) main_seen = true;
    } else if (t.Is("INSERT") || t.Is("UPDATE") || t.Is("DELETE")) {
      continuation = first.Is("WITH") && !main_seen;
      if (first.Is("WITH")) main_seen = true;
    } else if (t.Is("SET")) {
      continuation = first.Is("UPDATE") && !set_seen;
      set_seen = true;
    } else if (t.Is("EXEC") || t.Is("EXECUTE")) {
      continuation = first.Is("INSERT") && !body_seen;
    } else if (t.Is("DROP")) {
      continuation = first.Is("ALTER");
    }
    if (!continuation) flush(i);
  }
  return out;
}

absl::Status TranslateStatement(const TranslateContext& ctx, const std::vector<Token>& tokens,
                                std::pair<size_t, size_t> range, Translation* out) {
  *out = Translation();
  Parser parser(ctx, tokens, range.first, range.second, out);
  EHI_RETURN_IF_ERROR(parser.Statement());
  if (!parser.AtEnd()) return parser.ErrorHere();
  return absl::OkStatus();
}

absl::Status Parser::Statement() {
  const Token& t = Peek();
  if (t.Is("SELECT") || t.Is("WITH")) {
    // WITH … INSERT/UPDATE/DELETE is not in the subset.
    return Select();
  }
  if (t.Is("INSERT")) return Insert();
  if (t.Is("UPDATE")) return Update();
  if (t.Is("DELETE")) return Delete();
  if (t.Is("CREATE")) return Create();
  if (t.Is("DROP")) return Drop();
  if (t.Is("ALTER")) return Alter();
  if (t.Is("TRUNCATE")) return Truncate();
  if (t.Is("SET")) return Set();
  if (t.Is("DECLARE")) return Declare();
  if (t.Is("EXEC") || t.Is("EXECUTE")) return Exec();
  if (t.Is("BEGIN") || t.Is("COMMIT") || t.Is("ROLLBACK")) return Transaction();
  if (t.Is("USE")) {
    Next();
    EHI_ASSIGN_OR_RETURN(out_->name, Identifier());
    out_->kind = StatementKind::kUse;
    return absl::OkStatus();
  }
  return ErrorHere();
}

absl::Status Parser::Select() {
  EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(nullptr));
  if (Peek().Is("OPTION")) {
    // Query hints (OPTION (MAXDOP 1)…) do not change results.
    Next();
    EHI_RETURN_IF_ERROR(ExpectOp("("));
    while (!AtEnd() && !Peek().IsOp(")")) Next();
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
  }
  out_->kind = StatementKind::kSelect;
  out_->sql = std::move(q.sql);
  for (const SourceColumn& c : q.columns) {
    Column col;
    col.name = c.name;
    col.nullable = c.nullable;
    col.type = c.type;
    // Untyped columns are typed at run time from the first row.
    out_->column_typed.push_back(c.typed);
    out_->columns.push_back(std::move(col));
  }
  return absl::OkStatus();
}

absl::StatusOr<const TableInfo*> Parser::ResolveDmlTarget(const ObjectName& name) {
  EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveUserTable(name));
  if (table->is_system_view || table->synthetic_rows >= 0) {
    return SqlError(4406, 16,
                    absl::StrCat("Update or insert of view or function '", name.written,
                                 "' failed because it contains a derived or constant "
                                 "field."));
  }
  out_->target = table;
  return table;
}

absl::Status Parser::Insert() {
  Next();
  AcceptWord("INTO");
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveDmlTarget(name));
  std::vector<int> cols;
  if (Peek().IsOp("(") && !Peek(1).Is("SELECT")) {
    Next();
    do {
      EHI_ASSIGN_OR_RETURN(std::string c, Identifier());
      int idx = table->FindColumn(c);
      if (idx < 0) return InvalidColumn(c);
      cols.push_back(idx);
    } while (AcceptOp(","));
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
  } else {
    for (size_t i = 0; i < table->columns.size(); ++i) {
      if (table->columns[i].type.id != TypeId::kRowVersion) cols.push_back(static_cast<int>(i));
    }
  }
  for (int c : cols) {
    if (table->columns[c].type.id == TypeId::kRowVersion) {
      return SqlError(273, 16,
                      "Cannot insert an explicit value into a timestamp column. Use "
                      "INSERT with a column list to exclude the timestamp column, or "
                      "insert a DEFAULT into the timestamp column.");
    }
  }
  std::vector<std::string> quoted;
  for (int c : cols) quoted.push_back(Quote(table->columns[c].name));
  std::string head = absl::StrCat("INSERT INTO main.", Quote(table->SqliteName()), " (",
                                  absl::StrJoin(quoted, ", "), ")");
  out_->kind = StatementKind::kInsert;
  Scope empty;
  if (AcceptWord("DEFAULT")) {
    EHI_RETURN_IF_ERROR(ExpectWord("VALUES"));
    out_->sql = absl::StrCat("INSERT INTO main.", Quote(table->SqliteName()), " DEFAULT VALUES");
    return absl::OkStatus();
  }
  if (AcceptWord("VALUES")) {
    std::vector<std::string> rows;
    do {
      EHI_RETURN_IF_ERROR(ExpectOp("("));
      std::vector<std::string> values;
      std::vector<std::string> key_values(table->pk_columns.size());
      size_t keys_found = 0;
      do {
        if (values.size() >= cols.size()) {
          return SqlError(110, 15,
                          "There are fewer columns in the INSERT statement than values "
                          "specified in the VALUES clause. The number of values in the "
                          "VALUES clause must match the number of columns specified in "
                          "the INSERT statement.");
        }
        const ColumnInfo& col = table->columns[cols[values.size()]];
        std::string v;
        if (AcceptWord("DEFAULT")) {
          v = "NULL";
          if (!col.default_tsql.empty()) {
            std::vector<Token> dtokens;
            EHI_RETURN_IF_ERROR(LexTsql(col.default_tsql, &dtokens));
            Parser sub(ctx_, dtokens, 0, dtokens.size() - 1, out_);
            EHI_ASSIGN_OR_RETURN(Expr d, sub.ParseExpr(empty));
            v = StoreSql(d, *table, col);
          }
        } else {
          EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(empty));
          v = StoreSql(e, *table, col);
        }
        for (size_t k = 0; k < table->pk_columns.size(); ++k) {
          if (table->pk_columns[k] == cols[values.size()]) {
            key_values[k] = v;
            ++keys_found;
          }
        }
        values.push_back(std::move(v));
      } while (AcceptOp(","));
      EHI_RETURN_IF_ERROR(ExpectOp(")"));
      if (values.size() < cols.size()) {
        return SqlError(109, 15,
                        "There are more columns in the INSERT statement than values "
                        "specified in the VALUES clause. The number of values in the "
                        "VALUES clause must match the number of columns specified in "
                        "the INSERT statement.");
      }
      if (keys_found == table->pk_columns.size() && keys_found > 0) {
        out_->key_value_sql.push_back(absl::StrCat("SELECT ", absl::StrJoin(key_values, ", ")));
      }
      rows.push_back(absl::StrCat("(", absl::StrJoin(values, ", "), ")"));
    } while (AcceptOp(","));
    out_->sql = absl::StrCat(head, " VALUES ", absl::StrJoin(rows, ", "));
    return absl::OkStatus();
  }
  bool paren = AcceptOp("(");
  if (!(Peek().Is("SELECT") || Peek().Is("WITH"))) return ErrorHere();
  EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(nullptr));
  if (paren) EHI_RETURN_IF_ERROR(ExpectOp(")"));
  if (q.columns.size() != cols.size()) {
    return SqlError(120, 15,
                    "The select list for the INSERT statement contains fewer items than "
                    "the insert list. The number of SELECT values must match the number "
                    "of INSERT columns.");
  }
  std::vector<std::string> src_names, stores;
  for (size_t i = 0; i < cols.size(); ++i) {
    std::string n = absl::StrCat("_c", i + 1);
    src_names.push_back(Quote(n));
    Expr e;
    e.sql = Quote(n);
    e.type = q.columns[i].type;
    e.typed = q.columns[i].typed;
    stores.push_back(StoreSql(e, *table, table->columns[cols[i]]));
  }
  out_->sql = absl::StrCat(head, " WITH \"_src\"(", absl::StrJoin(src_names, ", "), ") AS (", q.sql,
                           ") SELECT ", absl::StrJoin(stores, ", "), " FROM \"_src\"");
  return absl::OkStatus();
}

absl::Status Parser::Update() {
  Next();
  if (Peek().Is("TOP")) return ErrorHere();
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveDmlTarget(name));
  out_->kind = StatementKind::kUpdate;
  Scope scope;
  scope.sources.push_back(TableSource(*table));
  EHI_RETURN_IF_ERROR(ExpectWord("SET"));
  std::vector<std::string> sets;
  do {
    EHI_ASSIGN_OR_RETURN(std::string cname, Identifier());
    // Accept alias.column for the target itself.
    if (Peek().IsOp(".")) {
      Next();
      EHI_ASSIGN_OR_RETURN(cname, Identifier());
    }
    int idx = table->FindColumn(cname);
    if (idx < 0) return InvalidColumn(cname);
    const ColumnInfo& col = table->columns[idx];
    if (col.type.id == TypeId::kRowVersion) {
      return SqlError(272, 16, "Cannot update a timestamp column.");
    }
    std::string compound;
    if (AcceptOp("+=")) {
      compound = "+";
    } else if (AcceptOp("-=")) {
      compound = "-";
    } else {
      EHI_RETURN_IF_ERROR(ExpectOp("="));
    }
    EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(scope));
    if (!compound.empty()) {
      bool str = FamilyOf(col.type.id) == TypeFamily::kString;
      e.sql = absl::StrCat("(", Quote(table->name), ".", Quote(col.name),
                           str && compound == "+" ? " || " : absl::StrCat(" ", compound, " "),
                           e.sql, ")");
      e.type = col.type;
      e.typed = true;
    }
    sets.push_back(absl::StrCat(Quote(col.name), " = ", StoreSql(e, *table, col)));
  } while (AcceptOp(","));
  for (const ColumnInfo& c : table->columns) {
    if (c.type.id == TypeId::kRowVersion) {
      sets.push_back(absl::StrCat(Quote(c.name), " = _ms_rowversion()"));
    }
  }
  out_->sql = absl::StrCat("UPDATE main.", Quote(table->SqliteName()), " AS ", Quote(table->name),
                           " SET ", absl::StrJoin(sets, ", "));
  if (Peek().Is("FROM")) return ErrorHere();
  if (AcceptWord("WHERE")) {
    EHI_ASSIGN_OR_RETURN(Expr w, ParsePredicate(scope));
    absl::StrAppend(&out_->sql, " WHERE ", w.sql);
  }
  return absl::OkStatus();
}

absl::Status Parser::Delete() {
  Next();
  if (Peek().Is("TOP")) return ErrorHere();
  AcceptWord("FROM");
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveDmlTarget(name));
  out_->kind = StatementKind::kDelete;
  Scope scope;
  scope.sources.push_back(TableSource(*table));
  out_->sql =
      absl::StrCat("DELETE FROM main.", Quote(table->SqliteName()), " AS ", Quote(table->name));
  if (AcceptWord("WHERE")) {
    EHI_ASSIGN_OR_RETURN(Expr w, ParsePredicate(scope));
    absl::StrAppend(&out_->sql, " WHERE ", w.sql);
  }
  return absl::OkStatus();
}

absl::Status Parser::Truncate() {
  Next();
  EHI_RETURN_IF_ERROR(ExpectWord("TABLE"));
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveUserTable(name));
  if (table->is_system_view || table->synthetic_rows >= 0) return InvalidObject(name.written);
  out_->target = table;
  out_->kind = StatementKind::kTruncate;
  out_->sql = absl::StrCat("DELETE FROM main.", Quote(table->SqliteName()));
  return absl::OkStatus();
}

absl::Status Parser::Drop() {
  Next();
  if (AcceptWord("TABLE")) {
    bool if_exists = false;
    if (Peek().Is("IF") && Peek(1).Is("EXISTS")) {
      Next();
      Next();
      if_exists = true;
    }
    EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
    const TableInfo* table = ctx_.catalog->Find(name.schema, name.name);
    out_->kind = StatementKind::kDropTable;
    if (table == nullptr || table->is_system_view) {
      if (if_exists) {
        out_->kind = StatementKind::kNoop;
        return absl::OkStatus();
      }
      return SqlError(3701, 11,
                      absl::StrCat("Cannot drop the table '", name.written,
                                   "', because it does not exist or you do not have "
                                   "permission."));
    }
    out_->target = table;
    out_->ddl_sql.push_back(absl::StrCat("DROP TABLE main.", Quote(table->SqliteName())));
    return absl::OkStatus();
  }
  if (AcceptWord("INDEX")) {
    // Indexes are not part of the catalog; accept and ignore.
    while (!AtEnd()) Next();
    out_->kind = StatementKind::kNoop;
    return absl::OkStatus();
  }
  return ErrorHere();
}

absl::Status Parser::Set() {
  Next();
  if (Peek().kind == TokenKind::kParam) {
    std::string var = absl::AsciiStrToLower(Next().text);
    if (ctx_.variables == nullptr || ctx_.variables->count(var) == 0) {
      return SqlError(137, 15, absl::StrCat("Must declare the scalar variable \"", var, "\"."));
    }
    EHI_RETURN_IF_ERROR(ExpectOp("="));
    Scope empty;
    EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(empty));
    out_->kind = StatementKind::kSetVariable;
    out_->variable = var;
    out_->sql = absl::StrCat("SELECT ", Convert(e, ctx_.variables->at(var)).sql);
    return absl::OkStatus();
  }
  // SET option[, option…] value
  std::vector<std::string> words;
  while (!AtEnd()) {
    const Token& t = Next();
    if (t.IsOp(",")) continue;
    if (t.kind == TokenKind::kOp && t.text == "-") {
      words.push_back("-");
      continue;
    }
    words.push_back(absl::AsciiStrToUpper(t.text));
  }
  if (words.empty()) return ErrorHere();
  static constexpr absl::string_view kKnown[] = {"NOCOUNT",
                                                 "ANSI_NULLS",
                                                 "ANSI_NULL_DFLT_ON",
                                                 "ANSI_NULL_DFLT_OFF",
                                                 "ANSI_PADDING",
                                                 "ANSI_WARNINGS",
                                                 "ANSI_DEFAULTS",
                                                 "QUOTED_IDENTIFIER",
                                                 "TEXTSIZE",
                                                 "LOCK_TIMEOUT",
                                                 "TRANSACTION",
                                                 "DATEFORMAT",
                                                 "LANGUAGE",
                                                 "ARITHABORT",
                                                 "ARITHIGNORE",
                                                 "XACT_ABORT",
                                                 "CONCAT_NULL_YIELDS_NULL",
                                                 "IMPLICIT_TRANSACTIONS",
                                                 "NUMERIC_ROUNDABORT",
                                                 "DATEFIRST",
                                                 "DEADLOCK_PRIORITY",
                                                 "ROWCOUNT",
                                                 "STATISTICS",
                                                 "CURSOR_CLOSE_ON_COMMIT",
                                                 "NOEXEC",
                                                 "FMTONLY",
                                                 "PARSEONLY",
                                                 "SHOWPLAN_ALL",
                                                 "SHOWPLAN_XML",
                                                 "SHOWPLAN_TEXT",
                                                 "FORCEPLAN",
                                                 "QUERY_GOVERNOR_COST_LIMIT",
                                                 "REMOTE_PROC_TRANSACTIONS",
                                                 "CONTEXT_INFO",
                                                 "NO_BROWSETABLE"};
  bool known = false;
  for (absl::string_view k : kKnown) known |= words[0] == k;
  if (!known) {
    return SqlError(195, 15, absl::StrCat("'", words[0], "' is not a recognized SET option."));
  }
  out_->kind = StatementKind::kSet;
  out_->set_option = words[0];
  std::vector<std::string> rest(words.begin() + 1, words.end());
  out_->set_value = absl::StrJoin(rest, " ");
  // Several ON/OFF options may share one value: SET ANSI_NULLS, ANSI_PADDING ON.
  return absl::OkStatus();
}

absl::Status Parser::Declare() {
  Next();
  Scope empty;
  std::vector<std::string> inits;
  do {
    if (Peek().kind != TokenKind::kParam) return ErrorHere();
    std::string var = absl::AsciiStrToLower(Next().text);
    AcceptWord("AS");
    EHI_ASSIGN_OR_RETURN(SqlType type, ParseType(/*for_cast=*/false));
    out_->declared.emplace_back(var, type);
    if (AcceptOp("=")) {
      EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(empty));
      inits.push_back(Convert(e, type).sql);
    } else {
      inits.emplace_back("NULL");
    }
  } while (AcceptOp(","));
  out_->kind = StatementKind::kDeclare;
  out_->sql = absl::StrCat("SELECT ", absl::StrJoin(inits, ", "));
  return absl::OkStatus();
}

absl::Status Parser::Exec() {
  Next();
  if (Peek().IsOp("(")) return ErrorHere();  // EXEC('…') is not in the subset
  if (Peek().kind == TokenKind::kParam && Peek(1).IsOp("=")) {
    Next();
    Next();
  }
  std::vector<std::string> parts;
  EHI_ASSIGN_OR_RETURN(std::string first, Identifier());
  parts.push_back(first);
  while (AcceptOp(".")) {
    EHI_ASSIGN_OR_RETURN(std::string p, Identifier());
    parts.push_back(p);
  }
  out_->kind = StatementKind::kExec;
  out_->name = absl::StrJoin(parts, ".");
  if (AtEnd()) return absl::OkStatus();
  do {
    ExecArg arg;
    if (Peek().kind == TokenKind::kParam && Peek(1).IsOp("=")) {
      arg.name = absl::AsciiStrToLower(Next().text);
      Next();
    }
    bool negative = AcceptOp("-");
    const Token& t = Next();
    switch (t.kind) {
      case TokenKind::kString:
        arg.type.id = t.national ? TypeId::kNVarChar : TypeId::kVarChar;
        arg.type.length = SqlType::kMaxLength;
        arg.value = Datum::Text(t.text);
        break;
      case TokenKind::kNumber: {
        int64_t v = 0;
        std::string text = absl::StrCat(negative ? "-" : "", t.text);
        if (absl::SimpleAtoi(text, &v)) {
          arg.type.id = v >= INT32_MIN && v <= INT32_MAX ? TypeId::kInt : TypeId::kBigInt;
          arg.value = Datum::Int(v);
        } else {
          double d = 0;
          if (!absl::SimpleAtod(text, &d)) return ErrorHere();
          arg.type.id = TypeId::kFloat;
          arg.value = Datum::Real(d);
        }
        break;
      }
      case TokenKind::kBinary: {
        std::string bytes;
        for (size_t i = 0; i + 1 < t.text.size(); i += 2) {
          bytes.push_back(static_cast<char>(std::stoi(t.text.substr(i, 2), nullptr, 16)));
        }
        arg.type.id = TypeId::kVarBinary;
        arg.type.length = SqlType::kMaxLength;
        arg.value = Datum::Blob(std::move(bytes));
        break;
      }
      case TokenKind::kParam: {
        arg.variable = absl::AsciiStrToLower(t.text);
        if (ctx_.variables == nullptr || ctx_.variables->count(arg.variable) == 0) {
          return SqlError(137, 15,
                          absl::StrCat("Must declare the scalar variable \"", t.text, "\"."));
        }
        arg.type = ctx_.variables->at(arg.variable);
        break;
      }
      case TokenKind::kIdent:
        if (t.Is("NULL")) break;
        if (t.Is("DEFAULT")) {
          arg.is_default = true;
          break;
        }
        // A bare word is a string to EXEC (EXEC p abc).
        arg.type.id = TypeId::kNVarChar;
        arg.type.length = SqlType::kMaxLength;
        arg.value = Datum::Text(t.text);
        break;
      default:
        --pos_;
        return ErrorHere();
    }
    if (!AcceptWord("OUTPUT")) AcceptWord("OUT");
    out_->exec_args.push_back(std::move(arg));
  } while (AcceptOp(","));
  return absl::OkStatus();
}

absl::Status Parser::Transaction() {
  const Token& t = Next();
  if (t.Is("BEGIN")) {
    if (!AcceptWord("TRAN") && !AcceptWord("TRANSACTION")) return ErrorHere();
    out_->kind = StatementKind::kBeginTran;
  } else {
    if (!AcceptWord("TRAN") && !AcceptWord("TRANSACTION")) AcceptWord("WORK");
    out_->kind = t.Is("COMMIT") ? StatementKind::kCommit : StatementKind::kRollback;
  }
  if (Peek().kind == TokenKind::kIdent || Peek().kind == TokenKind::kParam) Next();
  return absl::OkStatus();
}

}  // namespace emulator
