// T-SQL → SQLite translation.
//
// A batch is tokenized (tsql_lexer.h), split into statements
// (SplitStatements), and each statement is parsed by a recursive-descent
// parser that emits SQLite SQL while it parses and infers the SQL Server type
// of every expression. Names are resolved against a CatalogSnapshot, so
// unknown tables and columns fail with 208/207 before SQLite sees them, and
// result columns carry their SQL Server types.
//
//   Translation t;
//   absl::Status s = TranslateStatement(ctx, tokens, range, &t);
//   // t.kind == kSelect: run t.sql, stream t.columns.
//
// Example: `SELECT TOP (10) [Name] FROM dbo.Patient WHERE Id > @k ORDER BY Id`
// becomes `SELECT "Patient"."Name" AS "Name" FROM main."dbo.Patient" AS
// "Patient" WHERE ("Patient"."Id" > @k) ORDER BY "Patient"."Id" LIMIT (10)`.
#ifndef EHI_TESTING_EMULATOR_ENGINE_TSQL_TRANSLATOR_H_
#define EHI_TESTING_EMULATOR_ENGINE_TSQL_TRANSLATOR_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "testing/emulator/engine/catalog.h"
#include "testing/emulator/engine/sql_types.h"
#include "testing/emulator/engine/tsql_lexer.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

// Session facts the translator folds into the SQL (@@ variables, DB_NAME()).
struct TranslateContext {
  const CatalogSnapshot* catalog = nullptr;
  std::string db_name = "master";
  // Lower-case "@name" → type, for sp_executesql parameters and DECLAREd
  // variables.
  const std::map<std::string, SqlType>* variables = nullptr;
  int spid = 51;
  int64_t rowcount = 0;
  int trancount = 0;
  int64_t text_size = 4096;
};

enum class StatementKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kDropTable,
  kAlterTableAdd,
  kCreateSchema,
  kTruncate,
  kCreateIndex,
  kSet,          // SET option value
  kSetVariable,  // SET @v = expr / SELECT via `sql` yielding one value
  kDeclare,
  kBeginTran,
  kCommit,
  kRollback,
  kUse,
  kExec,
  kNoop,
};

struct ExecArg {
  std::string name;  // "@x" for named arguments, else empty
  Datum value;       // storage form of `type`
  SqlType type;
  bool is_default = false;
  std::string variable;  // lower-case "@v" when the argument is a variable
};

struct Translation {
  StatementKind kind = StatementKind::kNoop;
  std::string sql;                             // SQLite SQL (select, DML, variable value)
  std::vector<Column> columns;                 // kSelect result columns
  std::vector<bool> column_typed;              // false: type known only at run time
  std::vector<std::string> params;             // lower-case @names in `sql`
  std::vector<const TableInfo*> system_views;  // to refresh before running
  std::vector<std::string> objects_read;       // "schema.name" (lower) read
  const TableInfo* target = nullptr;           // DML/DDL target table
  std::shared_ptr<TableInfo> new_table;        // CREATE TABLE / ALTER ADD result
  std::vector<std::string> ddl_sql;            // DDL statements to run
  std::string name;        // schema (CREATE SCHEMA), database (USE), proc (EXEC)
  std::string set_option;  // upper-case, e.g. "NOCOUNT", "TEXTSIZE"
  std::string set_value;   // upper-case value text, e.g. "ON", "2147483647"
  std::vector<ExecArg> exec_args;
  // DECLARE: the variables; `sql` yields their initial values.
  std::vector<std::pair<std::string, SqlType>> declared;
  std::string variable;  // kSetVariable
  // INSERT … VALUES into a table with a primary key: per row, a SELECT that
  // yields the converted key values (for the 2627 message).
  std::vector<std::string> key_value_sql;
};

// Splits a batch at `;` and at statement-starting keywords (T-SQL needs no
// separator). Ranges are [begin, end) token indexes; empty statements are
// dropped.
std::vector<std::pair<size_t, size_t>> SplitStatements(const std::vector<Token>& tokens);

absl::Status TranslateStatement(const TranslateContext& ctx, const std::vector<Token>& tokens,
                                std::pair<size_t, size_t> range, Translation* out);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_TSQL_TRANSLATOR_H_
