// Internal to the translator: the recursive-descent parser shared by
// tsql_expr.cc (expressions), tsql_select.cc (queries) and
// tsql_statements.cc (everything else).
#ifndef EHI_TESTING_EMULATOR_ENGINE_TSQL_PARSER_H_
#define EHI_TESTING_EMULATOR_ENGINE_TSQL_PARSER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "testing/emulator/engine/tsql_translator.h"

namespace emulator {

// A translated expression and what is known about its SQL Server type.
struct Expr {
  std::string sql;
  SqlType type;
  bool typed = false;
  bool is_null = false;     // the NULL literal
  bool is_literal = false;  // a constant
  bool is_column = false;
  std::string name;  // column name (result column name of a bare column)
};

// An expression `sql` of a known type.
inline Expr Typed(std::string sql, SqlType type) {
  Expr e;
  e.sql = std::move(sql);
  e.type = type;
  e.typed = true;
  return e;
}

struct SourceColumn {
  std::string name;
  SqlType type;
  bool typed = true;
  bool nullable = true;
};

// One FROM item: a table, a system view, a derived table or a CTE.
struct Source {
  std::string alias;   // as referenced in SQL (quoted when emitted)
  std::string schema;  // for tables, to match schema.table.column
  std::string table;   // table name, for table.column when aliased by name
  std::vector<SourceColumn> columns;
};

// `t` as a FROM item under its own name, with all its columns.
Source TableSource(const TableInfo& t);

struct Scope {
  std::vector<Source> sources;
  const Scope* outer = nullptr;
  // Result-column aliases usable in ORDER BY.
  std::vector<std::pair<std::string, Expr>> select_aliases;
};

struct QueryResult {
  std::string sql;
  std::vector<SourceColumn> columns;
};

struct Cte {
  std::string name;
  std::vector<SourceColumn> columns;
};

class Parser {
 public:
  Parser(const TranslateContext& ctx, const std::vector<Token>& tokens, size_t begin, size_t end,
         Translation* out)
      : ctx_(ctx), tokens_(tokens), pos_(begin), end_(end), out_(out) {}

  absl::Status Statement();

  // ---- cursor
  const Token& Peek(size_t k = 0) const;
  const Token& Next();
  bool AtEnd() const { return pos_ >= end_; }
  bool AcceptWord(absl::string_view w);
  bool AcceptOp(absl::string_view op);
  absl::Status ExpectWord(absl::string_view w);
  absl::Status ExpectOp(absl::string_view op);
  absl::Status ErrorHere() const;            // 102/156 near the current token
  absl::StatusOr<std::string> Identifier();  // any identifier token

  // ---- expressions (tsql_expr.cc)
  absl::StatusOr<Expr> ParseExpr(const Scope& scope);
  absl::StatusOr<Expr> ParsePredicate(const Scope& scope);
  absl::StatusOr<SqlType> ParseType(bool for_cast);
  // A column definition's name and type, refusing (2705) a name `table`
  // already has.
  absl::StatusOr<ColumnInfo> ParseColumnNameAndType(const TableInfo& table);
  // `_ms_cvt(x, from, to, style)` unless no conversion is needed.
  Expr Convert(const Expr& e, const SqlType& to, int style = 0) const;
  // Conversion for assignment to a column (INSERT/UPDATE): 2628, 515 rules.
  std::string StoreSql(const Expr& e, const TableInfo& table, const ColumnInfo& col) const;
  static std::string Quote(absl::string_view ident);   // "a""b"
  static std::string Literal(absl::string_view text);  // 'it''s'

  // ---- queries (tsql_select.cc)
  absl::StatusOr<QueryResult> ParseQuery(const Scope* outer);
  absl::Status ParseFromClause(Scope* scope, std::string* sql);
  absl::StatusOr<Source> ResolveTable(std::string* sql, bool allow_system_view);

  // ---- statements (tsql_statements.cc)
  absl::Status Select();
  absl::Status Insert();
  absl::Status Update();
  absl::Status Delete();
  absl::Status Create();
  absl::Status Drop();
  absl::Status Alter();
  absl::Status Truncate();
  absl::Status Set();
  absl::Status Declare();
  absl::Status Exec();
  absl::Status Transaction();

  const TranslateContext& ctx() const { return ctx_; }
  Translation* out() { return out_; }
  void NoteParam(const std::string& name);
  void NoteObject(const TableInfo& t);
  std::vector<Cte>& ctes() { return ctes_; }

  // A table reference in DDL/DML: [db.][schema.]name → (schema, name) with
  // the name as written for 208 messages.
  struct ObjectName {
    std::string schema;
    std::string name;
    std::string written;
  };
  absl::StatusOr<ObjectName> ParseObjectName();
  absl::StatusOr<const TableInfo*> ResolveUserTable(const ObjectName& name);
  // ResolveUserTable for INSERT/UPDATE/DELETE, which SQL Server refuses
  // (4406) on views and synthetic tables; sets out_->target.
  absl::StatusOr<const TableInfo*> ResolveDmlTarget(const ObjectName& name);

 private:
  absl::StatusOr<Expr> ParseOr(const Scope& scope);
  absl::StatusOr<Expr> ParseAnd(const Scope& scope);
  absl::StatusOr<Expr> ParseNot(const Scope& scope);
  absl::StatusOr<Expr> ParseComparison(const Scope& scope);
  absl::StatusOr<Expr> ParseAdditive(const Scope& scope);
  absl::StatusOr<Expr> ParseMultiplicative(const Scope& scope);
  absl::StatusOr<Expr> ParseUnary(const Scope& scope);
  absl::StatusOr<Expr> ParsePrimary(const Scope& scope);
  absl::StatusOr<Expr> ParseFunction(const std::string& name, const Scope& scope);
  absl::StatusOr<Expr> ParseColumnRef(const Scope& scope);
  absl::StatusOr<Expr> ParseSysVar();
  absl::StatusOr<std::string> ParseOver(const Scope& scope);
  void CoerceForCompare(Expr* a, Expr* b) const;

  const TranslateContext& ctx_;
  const std::vector<Token>& tokens_;
  size_t pos_;
  size_t end_;
  Translation* out_;
  std::vector<Cte> ctes_;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_TSQL_PARSER_H_
