// Ordering rules keyset pagination depends on, and paging that returns every
// row exactly once for composite, string and GUID keys.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/collations.h"
#include "testing/emulator/engine/engine_test_util.h"
#include "testing/emulator/engine/sql_types.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;

class OrderingTest : public EngineTest {
 protected:
  // Pages through `table` by its key with TOP (n) and the T-SQL keyset
  // predicate, binding the last key as sp_executesql parameters.
  std::vector<std::string> PageAll(const std::string& first_sql, const std::string& next_sql,
                                   const std::vector<std::pair<std::string, SqlType>>& keys) {
    std::vector<std::string> seen;
    std::vector<Param> params;
    for (int guard = 0; guard < 1000; ++guard) {
      RecordingSink sink;
      if (params.empty()) {
        session_->ExecuteBatch(first_sql, sink);
      } else {
        session_->ExecuteRpc(next_sql, params, sink);
      }
      EXPECT_EQ(sink.FirstError(), 0) << (sink.Errors().empty() ? "" : sink.Errors()[0].text);
      if (sink.statements.empty() || sink.statements.back().rows.empty()) break;
      const auto& rows = sink.statements.back().rows;
      for (const auto& row : rows) {
        std::string text;
        for (size_t i = 0; i < keys.size(); ++i) text += (i ? "|" : "") + ValueText(row[i]);
        seen.push_back(text);
      }
      params.clear();
      for (size_t i = 0; i < keys.size(); ++i) {
        params.push_back(Param{keys[i].first, keys[i].second, rows.back()[i]});
      }
    }
    return seen;
  }
};

SqlType Type(const char* s) { return ParseTypeString(s).value(); }

TEST_F(OrderingTest, GuidOrderMatchesSqlServer) {
  Exec("CREATE TABLE g (id uniqueidentifier PRIMARY KEY, n int)");
  Exec(
      "INSERT INTO g VALUES ('1AAAAAAA-BBBB-CCCC-DDDD-3EEEEEEEEEEE', 1),"
      "('2AAAAAAA-BBBB-CCCC-DDDD-1EEEEEEEEEEE', 2), ('3AAAAAAA-BBBB-CCCC-DDDD-2EEEEEEEEEEE', 3)");
  EXPECT_THAT(Rows("SELECT n FROM g ORDER BY id"), ElementsAre("2", "3", "1"));
  Exec("DELETE FROM g");
  Exec(
      "INSERT INTO g VALUES ('01000000-0000-0000-0000-000000000000', 1),"
      "('00000000-0000-0000-0000-010000000000', 2), ('00000000-0000-0100-0000-000000000000', 3),"
      "('00000000-0000-0001-0000-000000000000', 4)");
  EXPECT_THAT(Rows("SELECT n FROM g ORDER BY id"), ElementsAre("1", "3", "4", "2"));
  EXPECT_EQ(Scalar("SELECT n FROM g WHERE id = '{00000000-0000-0001-0000-000000000000}'"), "4");
}

TEST_F(OrderingTest, StringsIgnoreCaseAndTrailingSpaces) {
  Exec("CREATE TABLE s (k varchar(20) PRIMARY KEY, n int)");
  Exec("INSERT INTO s VALUES ('abc', 1)");
  EXPECT_EQ(Scalar("SELECT n FROM s WHERE k = 'ABC '"), "1");
  EXPECT_EQ(ErrorOf("INSERT INTO s VALUES ('ABC  ', 2)"), 2627);
  Exec("INSERT INTO s VALUES ('b', 2), ('A-b', 3), ('Ab', 4), ('a1', 5), ('_x', 6)");
  // varchar string sort: punctuation < digits < letters, hyphen is a symbol.
  EXPECT_THAT(Rows("SELECT k FROM s ORDER BY k"), ElementsAre("_x", "A-b", "a1", "Ab", "abc", "b"));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM s WHERE k > 'abc '"), "1");
  EXPECT_LT(CompareSqlServerStrings("abctest", "abc-test", true), 0);
  EXPECT_LT(CompareSqlServerStrings("abc-test", "abctest1", true), 0);
  EXPECT_LT(CompareSqlServerStrings("a-b", "ab", false), 0);
  EXPECT_EQ(CompareSqlServerStrings("a", "A  ", false), 0);
  EXPECT_NE(CompareSqlServerStrings("a", "\xC3\xA1", true), 0);  // accent-sensitive
}

TEST_F(OrderingTest, KeysetPagingCompositeKey) {
  Exec(
      "CREATE TABLE c (a int NOT NULL, b nvarchar(10) NOT NULL, v int, "
      "CONSTRAINT PK_c PRIMARY KEY (a, b))");
  std::string values;
  std::set<std::string> expected;
  for (int a = 0; a < 7; ++a) {
    for (const char* b : {"x", "Y", "z ", "aa"}) {
      values +=
          (values.empty() ? "" : ",") + std::string("(") + std::to_string(a) + ", N'" + b + "', 0)";
      expected.insert(std::to_string(a) + "|" + b);
    }
  }
  Exec("INSERT INTO c VALUES " + values);
  auto seen =
      PageAll("SELECT TOP (5) a, b FROM c ORDER BY a, b",
              "SELECT TOP (5) a, b FROM c WHERE a > @a OR (a = @a AND b > @b) ORDER BY a, b",
              {{"@a", Type("int")}, {"@b", Type("nvarchar(10)")}});
  EXPECT_EQ(seen.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
}

TEST_F(OrderingTest, KeysetPagingStringAndGuidKeys) {
  Exec(
      "CREATE TABLE sk (k varchar(10) PRIMARY KEY); CREATE TABLE gk (k uniqueidentifier PRIMARY "
      "KEY)");
  Exec("INSERT INTO sk VALUES ('a'), ('B'), ('c '), ('D'), ('a-b'), ('ab'), ('_'), ('0'), ('Zz')");
  auto s = PageAll("SELECT TOP 2 k FROM sk ORDER BY k",
                   "SELECT TOP 2 k FROM sk WHERE k > @k ORDER BY k", {{"@k", Type("varchar(10)")}});
  EXPECT_EQ(s.size(), 9u);
  EXPECT_EQ(std::set<std::string>(s.begin(), s.end()).size(), 9u);
  for (int i = 0; i < 50; ++i) Exec("INSERT INTO gk VALUES (NEWID())");
  auto g =
      PageAll("SELECT TOP 7 k FROM gk ORDER BY k", "SELECT TOP 7 k FROM gk WHERE k > @k ORDER BY k",
              {{"@k", Type("uniqueidentifier")}});
  EXPECT_EQ(g.size(), 50u);
  EXPECT_EQ(std::set<std::string>(g.begin(), g.end()).size(), 50u);
}

TEST_F(OrderingTest, OffsetFetchAndWindowQuantiles) {
  Exec("CREATE TABLE q (k bigint PRIMARY KEY)");
  std::string values;
  for (int i = 1; i <= 100; ++i)
    values += (i > 1 ? "," : "") + std::string("(") + std::to_string(i) + ")";
  Exec("INSERT INTO q VALUES " + values);
  EXPECT_THAT(Rows("SELECT k FROM q ORDER BY k OFFSET 10 ROWS FETCH NEXT 3 ROWS ONLY"),
              ElementsAre("11", "12", "13"));
  EXPECT_THAT(
      Rows("SELECT b, MIN(k), MAX(k) FROM (SELECT k, NTILE(4) OVER (ORDER BY k) AS b FROM q) "
           "x GROUP BY b ORDER BY b"),
      ElementsAre("1|1|25", "2|26|50", "3|51|75", "4|76|100"));
  EXPECT_THAT(Rows("WITH n AS (SELECT k, ROW_NUMBER() OVER (ORDER BY k) AS rn FROM q) "
                   "SELECT k FROM n WHERE rn % 40 = 0 ORDER BY k"),
              ElementsAre("40", "80"));
}

}  // namespace
}  // namespace emulator
