#include "connector/sql.h"

#include "gtest/gtest.h"

namespace ehi::sql {
namespace {

TEST(QuoteIdentifierTest, QuotesLikeQuotename) {
  EXPECT_EQ(*QuoteIdentifier("Patient"), "[Patient]");
  EXPECT_EQ(*QuoteIdentifier("abc[]def"), "[abc[]]def]");
  EXPECT_EQ(*QuoteIdentifier("a]]b"), "[a]]]]b]");
  EXPECT_EQ(*QuoteIdentifier("O'Brien"), "[O'Brien]");
  EXPECT_EQ(*QuoteIdentifier("with space"), "[with space]");
  EXPECT_EQ(*QuoteIdentifier("Pätient_ß_患者"), "[Pätient_ß_患者]");
  EXPECT_EQ(*QuoteIdentifier("x;DROP TABLE t--"), "[x;DROP TABLE t--]");
}

TEST(QuoteIdentifierTest, LengthIsCountedInUtf16Units) {
  EXPECT_TRUE(QuoteIdentifier(std::string(128, 'a')).ok());
  EXPECT_FALSE(QuoteIdentifier(std::string(129, 'a')).ok());
  std::string accents;
  for (int i = 0; i < 128; ++i) accents += "é";  // 2 bytes, 1 unit each
  EXPECT_TRUE(QuoteIdentifier(accents).ok());
  std::string emoji;
  for (int i = 0; i < 65; ++i) emoji += "\xF0\x9F\x98\x80";  // 2 units each
  EXPECT_FALSE(QuoteIdentifier(emoji).ok());
}

TEST(QuoteIdentifierTest, RejectsBadInput) {
  EXPECT_FALSE(QuoteIdentifier("").ok());
  EXPECT_FALSE(QuoteIdentifier(std::string("a\0b", 3)).ok());
  EXPECT_FALSE(QuoteIdentifier("\xC3").ok());
  EXPECT_FALSE(QuoteIdentifier("\xFF\xFE").ok());
}

TEST(QualifiedNameTest, Golden) {
  EXPECT_EQ(*QualifiedName("dbo", "Order]Lines"), "[dbo].[Order]]Lines]");
  EXPECT_FALSE(QualifiedName("", "t").ok());
}

TEST(LiteralTest, Strings) {
  EXPECT_EQ(NVarCharLiteral("O'Brien"), "N'O''Brien'");
  EXPECT_EQ(NVarCharLiteral("患者"), "N'患者'");
  EXPECT_EQ(NVarCharLiteral(""), "N''");
  EXPECT_EQ(VarCharLiteral("it''s"), "'it''''s'");
  EXPECT_EQ(NVarCharLiteral(std::string("a\0b", 3)), "(N'a' + NCHAR(0) + N'b')");
  EXPECT_EQ(VarCharLiteral(std::string("\0", 1)), "('' + CHAR(0) + '')");
  EXPECT_EQ(BinaryLiteral(std::string("\x0a\xff", 2)), "0x0AFF");
  EXPECT_EQ(BinaryLiteral(""), "0x");
}

Value Int(int64_t v, DataType t = DataType::kInt) {
  Value x;
  x.type = t;
  x.is_null = false;
  x.integer = v;
  return x;
}
Value Text(std::string s, DataType t) {
  Value x;
  x.type = t;
  x.is_null = false;
  x.text = std::move(s);
  return x;
}
Value Time(int64_t seconds, int32_t nanos, DataType t) {
  Value x;
  x.type = t;
  x.is_null = false;
  x.timestamp = {seconds, nanos};
  return x;
}

TEST(TypedLiteralTest, Golden) {
  EXPECT_EQ(*TypedLiteral(Int(42), {"int", 4, 10, 0}), "42");
  EXPECT_EQ(*TypedLiteral(Int(-7), {"smallint", 2, 5, 0}), "-7");
  EXPECT_EQ(*TypedLiteral(Int(9000000000LL, DataType::kLong), {"bigint", 8, 19, 0}),
            "CAST(9000000000 AS bigint)");
  EXPECT_EQ(*TypedLiteral(Text("-123.4500", DataType::kDecimal), {"decimal", 9, 18, 4}),
            "CAST('-123.4500' AS decimal(18,4))");
  EXPECT_EQ(*TypedLiteral(Text("O'Brien", DataType::kString), {"varchar", 50, 0, 0}), "'O''Brien'");
  EXPECT_EQ(*TypedLiteral(Text("O'Brien", DataType::kString), {"nvarchar", 100, 0, 0}),
            "N'O''Brien'");
  EXPECT_EQ(*TypedLiteral(Text("abc", DataType::kString), {"nchar", 20, 0, 0}), "N'abc'");
  // 2024-01-02T03:04:05.1234567
  EXPECT_EQ(
      *TypedLiteral(Time(1704164645, 123456700, DataType::kNaiveDateTime), {"datetime2", 8, 27, 7}),
      "CAST('2024-01-02T03:04:05.1234567' AS datetime2(7))");
  EXPECT_EQ(
      *TypedLiteral(Time(1704164645, 3333300, DataType::kNaiveDateTime), {"datetime", 8, 23, 3}),
      "CAST('2024-01-02T03:04:05.003' AS datetime)");
  EXPECT_EQ(
      *TypedLiteral(Time(1704164640, 0, DataType::kNaiveDateTime), {"smalldatetime", 4, 16, 0}),
      "CAST('2024-01-02T03:04:00' AS smalldatetime)");
  EXPECT_EQ(
      *TypedLiteral(Time(1704164645, 0, DataType::kUtcDateTime), {"datetimeoffset", 10, 34, 7}),
      "CAST('2024-01-02T03:04:05.0000000+00:00' AS datetimeoffset(7))");
  EXPECT_EQ(*TypedLiteral(Time(1704153600, 0, DataType::kNaiveDate), {"date", 3, 10, 0}),
            "CAST('2024-01-02' AS date)");
  EXPECT_EQ(*TypedLiteral(Text("12:34:56.1000000", DataType::kString), {"time", 5, 16, 7}),
            "CAST('12:34:56.1000000' AS time(7))");
  EXPECT_EQ(*TypedLiteral(Text("6F9619FF-8B86-D011-B42D-00C04FC964FF", DataType::kString),
                          {"uniqueidentifier", 16, 0, 0}),
            "CAST('6F9619FF-8B86-D011-B42D-00C04FC964FF' AS uniqueidentifier)");
  EXPECT_EQ(
      *TypedLiteral(Text(std::string("\x01\x02", 2), DataType::kBinary), {"varbinary", 16, 0, 0}),
      "0x0102");
  Value b = Int(0, DataType::kBoolean);
  b.boolean = true;
  EXPECT_EQ(*TypedLiteral(b, {"bit", 1, 1, 0}), "1");
  EXPECT_EQ(*TypedLiteral(Value::Null(DataType::kInt), {"int", 4, 10, 0}), "NULL");
}

TEST(TypedLiteralTest, RejectsNonKeyTypesAndInjection) {
  EXPECT_FALSE(TypedLiteral(Text("<a/>", DataType::kXml), {"xml", -1, 0, 0}).ok());
  EXPECT_FALSE(TypedLiteral(Text("x", DataType::kString), {"text", 16, 0, 0}).ok());
  EXPECT_FALSE(TypedLiteral(Text("x", DataType::kString), {"sql_variant", 8016, 0, 0}).ok());
  EXPECT_FALSE(
      TypedLiteral(Text("1'); DROP TABLE x--", DataType::kDecimal), {"decimal", 9, 18, 0}).ok());
  EXPECT_FALSE(
      TypedLiteral(Text("x' OR 1=1", DataType::kString), {"uniqueidentifier", 16, 0, 0}).ok());
}

TEST(KeysetPredicateTest, Golden) {
  EXPECT_EQ(KeysetPredicate({}), "1 = 1");
  EXPECT_EQ(KeysetPredicate({{"[a]", "1", false}}), "([a] > 1)");
  EXPECT_EQ(KeysetPredicate({{"[a]", "1", false}, {"[b]", "N'x'", false}}),
            "([a] > 1 OR ([a] = 1 AND [b] > N'x'))");
  EXPECT_EQ(KeysetPredicate({{"[a]", "1", false}, {"[b]", "2", true}, {"[c]", "3", false}}),
            "([a] > 1 OR ([a] = 1 AND ([b] < 2 OR ([b] = 2 AND [c] > 3))))");
}

TEST(SelectExpressionTest, Golden) {
  EXPECT_EQ(*SelectExpression("Name", {"nvarchar", 100, 0, 0}), "[Name]");
  EXPECT_EQ(*SelectExpression("V", {"sql_variant", 8016, 0, 0}),
            "CONVERT(nvarchar(4000), [V]) AS [V]");
  EXPECT_EQ(*SelectExpression("Node]", {"hierarchyid", 892, 0, 0}),
            "[Node]]].ToString() AS [Node]]]");
  EXPECT_EQ(*SelectExpression("G", {"geography", -1, 0, 0}), "[G].ToString() AS [G]");
}

TEST(CatalogQueriesTest, Golden) {
  EXPECT_EQ(CatalogTablesQuery(),
            "SELECT s.name AS schema_name, t.name AS table_name, t.object_id AS object_id "
            "FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id "
            "WHERE t.is_ms_shipped = 0 ORDER BY s.name, t.name");
  EXPECT_EQ(CatalogColumnsQuery(),
            "SELECT c.object_id AS object_id, c.column_id AS column_id, c.name AS column_name, "
            "COALESCE(bt.name, ut.name) AS type_name, c.max_length AS max_length, "
            "c.precision AS col_precision, c.scale AS col_scale, c.is_nullable AS is_nullable "
            "FROM sys.columns AS c JOIN sys.tables AS t ON t.object_id = c.object_id "
            "JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id "
            "LEFT JOIN sys.types AS bt ON bt.user_type_id = c.system_type_id "
            "WHERE t.is_ms_shipped = 0 ORDER BY c.object_id, c.column_id");
  EXPECT_EQ(CatalogPrimaryKeysQuery(),
            "SELECT ic.object_id AS object_id, c.name AS column_name, ic.key_ordinal AS "
            "key_ordinal, ic.is_descending_key AS is_descending_key FROM sys.indexes AS i "
            "JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = "
            "i.index_id JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = "
            "ic.column_id WHERE i.is_primary_key = 1 AND ic.key_ordinal > 0 "
            "ORDER BY ic.object_id, ic.key_ordinal");
  EXPECT_EQ(CatalogRowCountsQuery(),
            "SELECT p.object_id AS object_id, SUM(p.rows) AS row_count FROM sys.partitions AS p "
            "WHERE p.index_id IN (0, 1) GROUP BY p.object_id");
  EXPECT_EQ(*SelectOneRowQuery("dbo", "My Table"), "SELECT TOP (1) * FROM [dbo].[My Table]");
  EXPECT_EQ(PartitionsProbeQuery(), "SELECT TOP (1) p.object_id FROM sys.partitions AS p");
}

TEST(SyncQueriesTest, SelectPageQuery) {
  SelectPage page;
  page.from = "[dbo].[t]";
  page.select_list = {"[id]", "[v]"};
  page.where = {"[id] >= 10 AND [id] < 20", "", "([id] > 12)", "ISNULL([_IsDeleted], 0) = 0"};
  page.order_by = {"[id]", "[k] DESC"};
  page.limit = 500;
  EXPECT_EQ(SelectPageQuery(page),
            "SELECT TOP (500) [id], [v] FROM [dbo].[t] WHERE [id] >= 10 AND [id] < 20 AND "
            "([id] > 12) AND ISNULL([_IsDeleted], 0) = 0 ORDER BY [id], [k] DESC");
  SelectPage all;
  all.from = "[dbo].[t]";
  all.select_list = {"[a]"};
  EXPECT_EQ(SelectPageQuery(all), "SELECT [a] FROM [dbo].[t]");
}

TEST(SyncQueriesTest, Predicates) {
  EXPECT_EQ(OrderByTerm("[a]", false), "[a]");
  EXPECT_EQ(OrderByTerm("[a]", true), "[a] DESC");
  EXPECT_EQ(RangePredicate("[a]", "1", "N'x'"), "[a] >= 1 AND [a] < N'x'");
  EXPECT_EQ(RangePredicate("[a]", "", "5"), "[a] < 5");
  EXPECT_EQ(RangePredicate("[a]", "5", ""), "[a] >= 5");
  EXPECT_EQ(RangePredicate("[a]", "", ""), "");
  EXPECT_EQ(NotSoftDeletedPredicate("[_IsDeleted]"), "ISNULL([_IsDeleted], 0) = 0");
}

TEST(SyncQueriesTest, RangeAndCountQueries) {
  EXPECT_EQ(MinMaxQuery("[dbo].[t]", "[id]"), "SELECT MIN([id]), MAX([id]) FROM [dbo].[t]");
  EXPECT_EQ(MaxQuery("[dbo].[t]", "[_LastUpdatedInstant]"),
            "SELECT MAX([_LastUpdatedInstant]) FROM [dbo].[t]");
  EXPECT_EQ(QuantileBoundsQuery("[dbo].[t]", "[k]", 4),
            "SELECT MIN(q.[k]) FROM (SELECT [k], NTILE(4) OVER (ORDER BY [k]) AS [ehi_tile] FROM "
            "[dbo].[t]) AS q GROUP BY q.[ehi_tile] ORDER BY MIN(q.[k])");
  EXPECT_EQ(CountLiveQuery("[dbo].[t]", ""), "SELECT COUNT_BIG(*) FROM [dbo].[t]");
  EXPECT_EQ(CountLiveQuery("[dbo].[t]", "[_IsDeleted]"),
            "SELECT COUNT_BIG(*) FROM [dbo].[t] WHERE ISNULL([_IsDeleted], 0) = 0");
}

}  // namespace
}  // namespace ehi::sql
