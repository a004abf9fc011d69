// DDL: CREATE TABLE/SCHEMA/INDEX and ALTER TABLE ADD/DROP COLUMN.
//
// CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, Name nvarchar(50)) becomes
//   CREATE TABLE main."dbo.T" ("Id" INTEGER NOT NULL, "Name" TEXT COLLATE
//   ms_cin, PRIMARY KEY ("Id")) WITHOUT ROWID
// plus a TableInfo (declared types, key) that the session saves in the
// metadata tables in the same transaction.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/tsql_parser.h"

namespace emulator {
namespace {

// Re-spells tokens as T-SQL (for COLUMN_DEFAULT and re-parsing defaults).
std::string TokensText(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    const Token& t = tokens[i];
    if (!out.empty() && !t.IsOp(")") && !t.IsOp(",") && !out.empty() && out.back() != '(') {
      out.push_back(' ');
    }
    switch (t.kind) {
      case TokenKind::kString: {
        std::string s = t.national ? "N'" : "'";
        for (char c : t.text) {
          if (c == '\'') s.push_back('\'');
          s.push_back(c);
        }
        out += s + "'";
        break;
      }
      case TokenKind::kBinary:
        out += "0x" + t.text;
        break;
      case TokenKind::kIdent:
        if (t.quoted) {
          std::string s = "[";
          for (char c : t.text) {
            if (c == ']') s.push_back(']');
            s.push_back(c);
          }
          out += s + "]";
        } else {
          out += t.text;
        }
        break;
      default:
        out += t.text;
    }
  }
  return out;
}

bool IsSystemSchema(absl::string_view s) {
  return absl::EqualsIgnoreCase(s, "sys") || absl::EqualsIgnoreCase(s, "INFORMATION_SCHEMA");
}

}  // namespace

absl::StatusOr<ColumnInfo> Parser::ParseColumnNameAndType(const TableInfo& table) {
  ColumnInfo col;
  EHI_ASSIGN_OR_RETURN(col.name, Identifier());
  if (table.FindColumn(col.name) >= 0) {
    return SqlError(
        2705, 16,
        absl::StrCat("Column names in each table must be unique. Column "
                     "name '",
                     col.name, "' in table '", table.name, "' is specified more than once."));
  }
  EHI_ASSIGN_OR_RETURN(col.type, ParseType(/*for_cast=*/false));
  return col;
}

absl::Status Parser::Create() {
  Next();
  if (AcceptWord("SCHEMA")) {
    EHI_ASSIGN_OR_RETURN(std::string name, Identifier());
    if (AcceptWord("AUTHORIZATION")) EHI_RETURN_IF_ERROR(Identifier().status());
    if (ctx_.catalog->SchemaId(name) >= 0) {
      return SqlError(
          2714, 16, absl::StrCat("There is already an object named '", name, "' in the database."));
    }
    out_->kind = StatementKind::kCreateSchema;
    out_->name = name;
    return absl::OkStatus();
  }
  bool unique = AcceptWord("UNIQUE");
  if (!AcceptWord("CLUSTERED")) AcceptWord("NONCLUSTERED");
  if (AcceptWord("INDEX")) {
    EHI_ASSIGN_OR_RETURN(std::string index, Identifier());
    EHI_RETURN_IF_ERROR(ExpectWord("ON"));
    EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
    EHI_ASSIGN_OR_RETURN(const TableInfo* table, ResolveUserTable(name));
    if (table->is_system_view || table->synthetic_rows >= 0) return InvalidObject(name.written);
    EHI_RETURN_IF_ERROR(ExpectOp("("));
    std::vector<std::string> cols;
    do {
      EHI_ASSIGN_OR_RETURN(std::string c, Identifier());
      int idx = table->FindColumn(c);
      if (idx < 0) return InvalidColumn(c);
      std::string dir = AcceptWord("DESC") ? " DESC" : (AcceptWord("ASC"), "");
      cols.push_back(Quote(table->columns[idx].name) + dir);
    } while (AcceptOp(","));
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    if (AcceptWord("INCLUDE")) {
      EHI_RETURN_IF_ERROR(ExpectOp("("));
      while (!AtEnd() && !Peek().IsOp(")")) Next();
      EHI_RETURN_IF_ERROR(ExpectOp(")"));
    }
    out_->kind = StatementKind::kCreateIndex;
    out_->ddl_sql.push_back(absl::StrCat("CREATE ", unique ? "UNIQUE " : "", "INDEX main.",
                                         Quote(absl::StrCat(table->SqliteName(), ".", index)),
                                         " ON ", Quote(table->SqliteName()), " (",
                                         absl::StrJoin(cols, ", "), ")"));
    return absl::OkStatus();
  }
  if (unique) return ErrorHere();
  EHI_RETURN_IF_ERROR(ExpectWord("TABLE"));
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  if (IsSystemSchema(name.schema)) {
    return SqlError(2760, 16,
                    absl::StrCat("The specified schema name \"", name.schema,
                                 "\" either does not exist or you do not have "
                                 "permission to use it."));
  }
  int schema_id = ctx_.catalog->SchemaId(name.schema);
  if (schema_id < 0) {
    return SqlError(2760, 16,
                    absl::StrCat("The specified schema name \"", name.schema,
                                 "\" either does not exist or you do not have "
                                 "permission to use it."));
  }
  if (ctx_.catalog->Find(name.schema, name.name) != nullptr) {
    return SqlError(
        2714, 16,
        absl::StrCat("There is already an object named '", name.name, "' in the database."));
  }
  auto table = std::make_shared<TableInfo>();
  table->schema = ctx_.catalog->SchemaName(schema_id);
  table->schema_id = schema_id;
  table->name = name.name;
  EHI_RETURN_IF_ERROR(ExpectOp("("));
  std::vector<std::string> defs;
  std::vector<std::string> defaults_sql;
  int identity_col = -1;
  bool pk_set = false;
  auto set_pk = [&](std::vector<std::pair<int, bool>> cols, std::string cname) -> absl::Status {
    if (pk_set) {
      return SqlError(8110, 16,
                      absl::StrCat("Cannot add multiple PRIMARY KEY constraints to "
                                   "table '",
                                   table->name, "'."));
    }
    pk_set = true;
    table->pk_name = std::move(cname);
    for (auto [idx, desc] : cols) {
      table->pk_columns.push_back(idx);
      table->pk_descending.push_back(desc);
    }
    return absl::OkStatus();
  };
  auto key_list = [&]() -> absl::StatusOr<std::vector<std::pair<int, bool>>> {
    if (!AcceptWord("CLUSTERED")) AcceptWord("NONCLUSTERED");
    EHI_RETURN_IF_ERROR(ExpectOp("("));
    std::vector<std::pair<int, bool>> cols;
    do {
      EHI_ASSIGN_OR_RETURN(std::string c, Identifier());
      int idx = table->FindColumn(c);
      if (idx < 0) {
        return SqlError(1911, 16,
                        absl::StrCat("Column name '", c,
                                     "' does not exist in the "
                                     "target table or view."));
      }
      bool desc = AcceptWord("DESC");
      if (!desc) AcceptWord("ASC");
      cols.emplace_back(idx, desc);
    } while (AcceptOp(","));
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    return cols;
  };
  std::vector<bool> explicit_null;
  do {
    if (Peek().IsOp(")")) break;
    std::string cname;
    if (AcceptWord("CONSTRAINT")) {
      EHI_ASSIGN_OR_RETURN(cname, Identifier());
    }
    if (Peek().Is("PRIMARY")) {
      Next();
      EHI_RETURN_IF_ERROR(ExpectWord("KEY"));
      EHI_ASSIGN_OR_RETURN(auto cols, key_list());
      EHI_RETURN_IF_ERROR(set_pk(std::move(cols), cname));
      continue;
    }
    if (Peek().Is("UNIQUE") || Peek().Is("CHECK") || Peek().Is("FOREIGN")) {
      // Accepted and not enforced: only primary keys matter to the emulator.
      Next();
      int depth = 0;
      while (!AtEnd()) {
        if (Peek().IsOp("(")) ++depth;
        if (Peek().IsOp(")")) {
          if (depth == 0) break;
          --depth;
        }
        if (depth == 0 && Peek().IsOp(",")) break;
        Next();
      }
      continue;
    }
    if (!cname.empty()) return ErrorHere();
    EHI_ASSIGN_OR_RETURN(ColumnInfo col, ParseColumnNameAndType(*table));
    col.column_id = static_cast<int>(table->columns.size()) + 1;
    const int index = static_cast<int>(table->columns.size());
    bool saw_null = false;
    std::string default_sql;
    while (!AtEnd() && !Peek().IsOp(",") && !Peek().IsOp(")")) {
      if (AcceptWord("NOT")) {
        EHI_RETURN_IF_ERROR(ExpectWord("NULL"));
        col.nullable = false;
      } else if (AcceptWord("NULL")) {
        saw_null = true;
      } else if (AcceptWord("IDENTITY")) {
        if (AcceptOp("(")) {
          while (!AtEnd() && !Peek().IsOp(")")) Next();
          EHI_RETURN_IF_ERROR(ExpectOp(")"));
        }
        identity_col = index;
        col.nullable = false;
      } else if (AcceptWord("COLLATE")) {
        EHI_RETURN_IF_ERROR(Identifier().status());
      } else if (AcceptWord("CONSTRAINT")) {
        EHI_ASSIGN_OR_RETURN(cname, Identifier());
      } else if (AcceptWord("DEFAULT")) {
        size_t start = pos_;
        Scope empty;
        EHI_ASSIGN_OR_RETURN(Expr d, ParseAdditive(empty));
        std::string text = TokensText(tokens_, start, pos_);
        if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
          text = text.substr(1, text.size() - 2);
        }
        col.default_tsql = text;
        default_sql = StoreSql(d, *table, col);
      } else if (AcceptWord("PRIMARY")) {
        EHI_RETURN_IF_ERROR(ExpectWord("KEY"));
        if (!AcceptWord("CLUSTERED")) AcceptWord("NONCLUSTERED");
        table->columns.push_back(col);
        EHI_RETURN_IF_ERROR(set_pk({{index, false}}, cname));
        table->columns.pop_back();
        col.nullable = false;
      } else if (AcceptWord("UNIQUE") || AcceptWord("ROWGUIDCOL") || AcceptWord("SPARSE")) {
        if (!AcceptWord("CLUSTERED")) AcceptWord("NONCLUSTERED");
      } else {
        return ErrorHere();
      }
    }
    if (col.type.id == TypeId::kRowVersion) {
      default_sql = "_ms_rowversion()";
      col.nullable = false;
    }
    explicit_null.push_back(saw_null);
    defaults_sql.push_back(default_sql);
    table->columns.push_back(std::move(col));
  } while (AcceptOp(","));
  EHI_RETURN_IF_ERROR(ExpectOp(")"));
  if (table->columns.empty()) return ErrorHere();
  for (size_t k = 0; k < table->pk_columns.size(); ++k) {
    ColumnInfo& c = table->columns[table->pk_columns[k]];
    if (explicit_null[table->pk_columns[k]]) {
      return SqlError(8111, 16,
                      absl::StrCat("Cannot define PRIMARY KEY constraint on nullable "
                                   "column in table '",
                                   table->name, "'."));
    }
    c.nullable = false;
    if (IsMaxOrLob(c.type)) {
      return SqlError(1919, 16,
                      absl::StrCat("Column '", c.name, "' in table '", table->name,
                                   "' is of a type that is invalid for use as a key "
                                   "column in an index."));
    }
  }
  // A single integer IDENTITY key becomes SQLite's rowid, which numbers rows.
  bool rowid_identity = identity_col >= 0 && table->pk_columns.size() == 1 &&
                        table->pk_columns[0] == identity_col &&
                        FamilyOf(table->columns[identity_col].type.id) == TypeFamily::kInt;
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const ColumnInfo& c = table->columns[i];
    std::string d = absl::StrCat(Quote(c.name), " ", SqliteColumnDecl(c.type));
    if (rowid_identity && static_cast<int>(i) == identity_col) {
      d = absl::StrCat(Quote(c.name), " INTEGER PRIMARY KEY");
    } else if (!c.nullable) {
      d += " NOT NULL";
    }
    if (!defaults_sql[i].empty()) absl::StrAppend(&d, " DEFAULT (", defaults_sql[i], ")");
    defs.push_back(std::move(d));
  }
  bool without_rowid = !table->pk_columns.empty() && !rowid_identity;
  if (without_rowid) {
    std::vector<std::string> keys;
    for (size_t k = 0; k < table->pk_columns.size(); ++k) {
      keys.push_back(Quote(table->columns[table->pk_columns[k]].name) +
                     (table->pk_descending[k] ? " DESC" : ""));
    }
    defs.push_back(absl::StrCat("PRIMARY KEY (", absl::StrJoin(keys, ", "), ")"));
  }
  out_->kind = StatementKind::kCreateTable;
  out_->ddl_sql.push_back(absl::StrCat("CREATE TABLE main.", Quote(table->SqliteName()), " (",
                                       absl::StrJoin(defs, ", "), ")",
                                       without_rowid ? " WITHOUT ROWID" : ""));
  out_->new_table = std::move(table);
  return absl::OkStatus();
}

absl::Status Parser::Alter() {
  Next();
  EHI_RETURN_IF_ERROR(ExpectWord("TABLE"));
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* existing, ResolveUserTable(name));
  if (existing->is_system_view || existing->synthetic_rows >= 0) return InvalidObject(name.written);
  auto table = std::make_shared<TableInfo>(*existing);
  out_->target = existing;
  out_->kind = StatementKind::kAlterTableAdd;
  if (AcceptWord("DROP")) {
    EHI_RETURN_IF_ERROR(ExpectWord("COLUMN"));
    do {
      EHI_ASSIGN_OR_RETURN(std::string c, Identifier());
      int idx = table->FindColumn(c);
      if (idx < 0) {
        return SqlError(4924, 16,
                        absl::StrCat("ALTER TABLE DROP COLUMN failed because column '", c,
                                     "' does not exist in table '", table->name, "'."));
      }
      for (int k : table->pk_columns) {
        if (k == idx) {
          return SqlError(
              5074, 16,
              absl::StrCat("The object '", table->pk_name, "' is dependent on column '", c, "'."));
        }
      }
      out_->ddl_sql.push_back(absl::StrCat("ALTER TABLE main.", Quote(table->SqliteName()),
                                           " DROP COLUMN ", Quote(table->columns[idx].name)));
      table->columns.erase(table->columns.begin() + idx);
      for (int& k : table->pk_columns) {
        if (k > idx) --k;
      }
    } while (AcceptOp(","));
    out_->new_table = std::move(table);
    return absl::OkStatus();
  }
  EHI_RETURN_IF_ERROR(ExpectWord("ADD"));
  int next_id = 0;
  for (const ColumnInfo& c : table->columns) next_id = std::max(next_id, c.column_id);
  do {
    EHI_ASSIGN_OR_RETURN(ColumnInfo col, ParseColumnNameAndType(*table));
    col.column_id = ++next_id;
    std::string default_sql;
    while (!AtEnd() && !Peek().IsOp(",")) {
      if (AcceptWord("NOT")) {
        EHI_RETURN_IF_ERROR(ExpectWord("NULL"));
        col.nullable = false;
      } else if (AcceptWord("NULL")) {
      } else if (AcceptWord("CONSTRAINT")) {
        EHI_RETURN_IF_ERROR(Identifier().status());
      } else if (AcceptWord("DEFAULT")) {
        size_t start = pos_;
        Scope empty;
        EHI_ASSIGN_OR_RETURN(Expr d, ParseAdditive(empty));
        col.default_tsql = TokensText(tokens_, start, pos_);
        default_sql = StoreSql(d, *table, col);
      } else if (AcceptWord("WITH")) {
        EHI_RETURN_IF_ERROR(ExpectWord("VALUES"));
      } else {
        return ErrorHere();
      }
    }
    if (col.type.id == TypeId::kRowVersion) {
      return SqlError(4901, 16,
                      "ALTER TABLE ADD of a rowversion column is not supported by the "
                      "emulator.");
    }
    std::string d = absl::StrCat(Quote(col.name), " ", SqliteColumnDecl(col.type));
    if (!col.nullable) {
      if (default_sql.empty()) {
        return SqlError(
            4901, 16,
            absl::StrCat("ALTER TABLE only allows columns to be added that "
                         "can contain nulls, or have a DEFAULT definition "
                         "specified, or the column being added is an "
                         "identity or timestamp column, or alternatively if "
                         "none of the previous conditions are satisfied the "
                         "table must be empty to allow addition of this "
                         "column. Column '",
                         col.name, "' cannot be added to non-empty table '", table->name,
                         "' because it does not satisfy these "
                         "conditions."));
      }
      d += " NOT NULL";
    }
    if (!default_sql.empty()) absl::StrAppend(&d, " DEFAULT (", default_sql, ")");
    out_->ddl_sql.push_back(
        absl::StrCat("ALTER TABLE main.", Quote(table->SqliteName()), " ADD COLUMN ", d));
    table->columns.push_back(std::move(col));
  } while (AcceptOp(","));
  out_->new_table = std::move(table);
  return absl::OkStatus();
}

}  // namespace emulator
