// The one module that builds SQL text. Identifiers are quoted like
// QUOTENAME; values become typed literals, never spliced raw. Every builder
// is a pure function with golden-SQL tests in sql_test.cc.
//
//   QuoteIdentifier("Order]Lines")           → [Order]]Lines]
//   QualifiedName("dbo", "Patient")          → [dbo].[Patient]
//   NVarCharLiteral("O'Brien")               → N'O''Brien'
//   KeysetPredicate({{"[a]", "1", false}, {"[b]", "N'x'", false}})
//     → ([a] > 1 OR ([a] = 1 AND [b] > N'x'))
//   TypedLiteral(value, {"datetime2", 8, 27, 7})
//     → CAST('2024-01-02T03:04:05.1234567' AS datetime2(7))
//
// Thread-safe: pure functions.
#ifndef EHI_CONNECTOR_SQL_H_
#define EHI_CONNECTOR_SQL_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/type_mapping.h"
#include "connector/value.h"

namespace ehi::sql {

// [name] with ']' doubled. Fails for names that are empty, longer than 128
// UTF-16 code units (sysname; QUOTENAME returns NULL there), contain NUL or
// are not valid UTF-8.
absl::StatusOr<std::string> QuoteIdentifier(absl::string_view name);
// [schema].[table]
absl::StatusOr<std::string> QualifiedName(absl::string_view schema, absl::string_view table);

// String literals. A NUL character cannot travel in a DB-Library command
// string, so it is spliced in as CHAR(0)/NCHAR(0):
//   NVarCharLiteral("a\0b") → (N'a' + NCHAR(0) + N'b').
std::string NVarCharLiteral(absl::string_view utf8);
std::string VarCharLiteral(absl::string_view text);
// 0x0A0B; empty → 0x
std::string BinaryLiteral(absl::string_view bytes);

// A literal of the column's exact type for `value` (as read by
// sqlserver::Row::Get), for keyset predicates: integer types plain (bigint
// as CAST(… AS bigint)), decimal/money as CAST('…' AS decimal(p,s)),
// date/time types as CAST('ISO 8601' AS <declared type>) (datetime keeps
// 3 digits so no datetime2 promotion happens), uniqueidentifier as
// CAST('…' AS uniqueidentifier), varchar family as '…', nvarchar family as
// N'…', binary as 0x…. NULL → NULL. Types that cannot be keys (xml, text,
// ntext, image, fallback types) → InvalidArgument.
absl::StatusOr<std::string> TypedLiteral(const Value& value, const SqlColumnType& column);

struct KeyPart {
  std::string quoted_column;  // from QuoteIdentifier
  std::string literal;        // from TypedLiteral
  bool descending = false;    // is_descending_key: the comparison flips
};
// Rows strictly after `key` in key order, expanded (SQL Server has no row
// value comparison): (a > x OR (a = x AND (b > y OR (b = y AND c > z)))).
// Empty input → "1 = 1".
std::string KeysetPredicate(const std::vector<KeyPart>& key);

// The SELECT-list expression for a column: the quoted name, or for fallback
// types a text conversion aliased to the column name:
//   sql_variant → CONVERT(nvarchar(4000), [c]) AS [c]
//   hierarchyid, geography, geometry → [c].ToString() AS [c]
absl::StatusOr<std::string> SelectExpression(absl::string_view column_name,
                                             const SqlColumnType& type);

// Catalog queries: one each, whatever the number of tables (see catalog.h).
// Result columns are documented beside each constant in sql.cc.
absl::string_view CatalogTablesQuery();
absl::string_view CatalogColumnsQuery();
absl::string_view CatalogPrimaryKeysQuery();
absl::string_view CatalogRowCountsQuery();

// Test queries (connection_tests.h).
absl::string_view ServerVersionQuery();
absl::string_view InformationSchemaProbeQuery();
absl::string_view PartitionsProbeQuery();
// SELECT TOP (1) * FROM [s].[t]
absl::StatusOr<std::string> SelectOneRowQuery(absl::string_view schema, absl::string_view table);

// ---- Sync queries (connector/sync) ----

// A keyset page, the only shape of row query the sync engine runs:
//   SelectPageQuery({.from = "[dbo].[t]", .select_list = {"[id]", "[v]"},
//                    .where = {"[id] >= 10 AND [id] < 20", "([id] > 12)"},
//                    .order_by = {"[id]"}, .limit = 500})
//   → SELECT TOP (500) [id], [v] FROM [dbo].[t]
//     WHERE [id] >= 10 AND [id] < 20 AND ([id] > 12) ORDER BY [id]
// No WHERE when `where` is empty, no ORDER BY when `order_by` is empty, no
// TOP when limit <= 0. Never OFFSET.
struct SelectPage {
  std::string from;                      // from QualifiedName
  std::vector<std::string> select_list;  // from SelectExpression
  std::vector<std::string> where;        // conjuncts, ANDed
  std::vector<std::string> order_by;     // from OrderByTerm
  long long limit = 0;
};
std::string SelectPageQuery(const SelectPage& page);

// "[a]" or "[a] DESC".
std::string OrderByTerm(absl::string_view quoted_column, bool descending);

// Half-open range on one column: "[a] >= lo AND [a] < hi"; either side may be
// absent (empty literal); both absent → "".
std::string RangePredicate(absl::string_view quoted_column, absl::string_view lower_literal,
                           absl::string_view upper_literal);

// "ISNULL([_IsDeleted], 0) = 0": Caboodle's soft-deleted rows excluded.
std::string NotSoftDeletedPredicate(absl::string_view quoted_column);

// SELECT MIN([c]), MAX([c]) FROM [s].[t]
std::string MinMaxQuery(absl::string_view qualified_table, absl::string_view quoted_column);
// SELECT MAX([c]) FROM [s].[t]
std::string MaxQuery(absl::string_view qualified_table, absl::string_view quoted_column);

// Lower bounds of `tiles` equal-count groups of the column, ascending:
//   SELECT MIN(q.[c]) FROM (SELECT [c], NTILE(4) OVER (ORDER BY [c]) AS [ehi_tile]
//   FROM [s].[t]) AS q GROUP BY q.[ehi_tile] ORDER BY MIN(q.[c])
std::string QuantileBoundsQuery(absl::string_view qualified_table, absl::string_view quoted_column,
                                int tiles);

// SELECT COUNT_BIG(*) FROM [s].[t] [WHERE ISNULL([_IsDeleted], 0) = 0]
// (`quoted_deleted_column` empty → no filter).
std::string CountLiveQuery(absl::string_view qualified_table,
                           absl::string_view quoted_deleted_column);

}  // namespace ehi::sql

#endif  // EHI_CONNECTOR_SQL_H_
