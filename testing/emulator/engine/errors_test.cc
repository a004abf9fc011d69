// SQL Server error numbers, severities and texts; batch continuation; and
// garbage input never crashing.
#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/engine_test_util.h"
#include "testing/emulator/engine/tsql_lexer.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ErrorsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Exec("CREATE TABLE dbo.T (id int PRIMARY KEY, name varchar(5) NOT NULL, d decimal(4,1))");
    Exec("INSERT INTO T VALUES (1, 'a', 1.0)");
  }
  ServerMessage First(const std::string& sql) {
    RecordingSink sink = Exec(sql, true);
    std::vector<ServerMessage> errors = sink.Errors();
    EXPECT_FALSE(errors.empty()) << sql;
    return errors.empty() ? ServerMessage{} : errors[0];
  }
};

TEST_F(ErrorsTest, NumbersSeveritiesAndTexts) {
  ServerMessage m = First("SELECT * FROM dbo.Missing");
  EXPECT_EQ(m.number, 208);
  EXPECT_EQ(m.severity, 16);
  EXPECT_EQ(m.state, 1);
  EXPECT_EQ(m.text, "Invalid object name 'dbo.Missing'.");
  m = First("SELECT nope FROM T");
  EXPECT_EQ(m.number, 207);
  EXPECT_EQ(m.text, "Invalid column name 'nope'.");
  m = First("SELECT id FROM T WHERE id =");
  EXPECT_EQ(m.number, 102);
  EXPECT_EQ(m.severity, 15);
  EXPECT_EQ(m.text, "Incorrect syntax near '='.");
  m = First("SELECT FROM T");
  EXPECT_EQ(m.number, 156);
  EXPECT_EQ(m.text, "Incorrect syntax near the keyword 'FROM'.");
  m = First("INSERT INTO T VALUES (1, 'b', 0)");
  EXPECT_EQ(m.number, 2627);
  EXPECT_EQ(m.severity, 14);
  EXPECT_THAT(m.text, HasSubstr("Cannot insert duplicate key in object 'dbo.T'. The duplicate key "
                                "value is (1)."));
  m = First("INSERT INTO T (id, name) VALUES (2, NULL)");
  EXPECT_EQ(m.number, 515);
  EXPECT_EQ(m.text,
            "Cannot insert the value NULL into column 'name', table 'TestDb.dbo.T'; column "
            "does not allow nulls. INSERT fails.");
  m = First("INSERT INTO T VALUES (3, 'toolong', 0)");
  EXPECT_EQ(m.number, 2628);
  EXPECT_THAT(m.text, HasSubstr("table 'TestDb.dbo.T', column 'name'. Truncated value: 'toolo'."));
  EXPECT_EQ(First("SELECT 1 / 0").number, 8134);
  EXPECT_EQ(First("SELECT CAST('x1' AS int)").number, 245);
  EXPECT_EQ(First("SELECT CAST('x1' AS decimal(5,2))").number, 8114);
  EXPECT_EQ(First("INSERT INTO T VALUES (4, 'x', 1000)").number, 8115);
  EXPECT_EQ(First("USE otherdb").number, 911);
  EXPECT_EQ(First("SELECT TOP 1 id FROM T ORDER BY id OFFSET 1 ROWS").number, 10741);
  EXPECT_EQ(First("SELECT id FROM T ORDER BY id FETCH NEXT 1 ROWS ONLY").number, 153);
  EXPECT_EQ(First("SELECT id FROM T ORDER BY id OFFSET 0 ROWS FETCH NEXT 0 ROWS ONLY").number,
            10744);
  EXPECT_EQ(First("EXEC dbo.nothing").number, 2812);
  EXPECT_EQ(First("SELECT 'unclosed").number, 105);
  EXPECT_EQ(First("SELECT @x").number, 137);
  EXPECT_EQ(First("SELECT NOSUCHFN(1)").number, 195);
  EXPECT_EQ(First("COMMIT").number, 3902);
  EXPECT_EQ(First("CREATE TABLE T (x int)").number, 2714);
}

// CREATE TABLE and ALTER TABLE ... ADD share the column-name check.
TEST_F(ErrorsTest, DuplicateColumnNames) {
  ServerMessage m = First("CREATE TABLE dbo.U (a int, a int)");
  EXPECT_EQ(m.number, 2705);
  EXPECT_EQ(m.severity, 16);
  EXPECT_EQ(m.text,
            "Column names in each table must be unique. Column name 'a' in table 'U' is "
            "specified more than once.");
  m = First("ALTER TABLE dbo.T ADD name int");
  EXPECT_EQ(m.number, 2705);
  EXPECT_EQ(m.text,
            "Column names in each table must be unique. Column name 'name' in table 'T' is "
            "specified more than once.");
}

TEST_F(ErrorsTest, StatementErrorsContinueCompileErrorsAbort) {
  RecordingSink s = Exec("INSERT INTO T VALUES (1, 'dup', 0); SELECT COUNT(*) FROM T", true);
  ASSERT_EQ(s.statements.size(), 2u);
  EXPECT_TRUE(s.statements[0].error);
  EXPECT_EQ(ValueText(s.statements[1].rows[0][0]), "1");
  bool terminated = false;
  for (const ServerMessage& m : s.messages) terminated |= m.number == 3621 && m.severity == 0;
  EXPECT_TRUE(terminated);
  s = Exec("SELECT * FROM Missing; SELECT 1", true);
  EXPECT_EQ(s.statements.size(), 1u);
}

TEST_F(ErrorsTest, TransactionsAndMultiStatementBatches) {
  Exec("BEGIN TRAN; INSERT INTO T VALUES (10, 'x', 0); ROLLBACK");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM T"), "1");
  Exec("BEGIN TRANSACTION\nINSERT INTO T VALUES (10, 'x', 0)\nCOMMIT TRANSACTION");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM T"), "2");
  Exec(
      "SET NOCOUNT ON\nSET ANSI_NULLS ON\nSET TEXTSIZE 2147483647\n"
      "SET TRANSACTION ISOLATION LEVEL READ COMMITTED\nset xact_abort off\nset datefirst 7");
  EXPECT_EQ(session_->options().text_size, 2147483647);
  Exec("SET TEXTSIZE 0");
  EXPECT_EQ(session_->options().text_size, 4096);
  RecordingSink s = Exec("UPDATE T SET name = 'y' WHERE id = 10");
  EXPECT_FALSE(s.statements[0].has_count);  // NOCOUNT ON
  Exec("SET NOCOUNT OFF");
  s = Exec("UPDATE T SET name = 'z'");
  EXPECT_TRUE(s.statements[0].has_count);
  EXPECT_EQ(s.statements[0].count, 2);
  EXPECT_THAT(Rows("DECLARE @n int = 10; SELECT name FROM T WHERE id = @n"), ElementsAre("z"));
  EXPECT_THAT(Rows("EXEC sp_executesql N'SELECT id FROM T WHERE id > @k ORDER BY id', "
                   "N'@k int', @k = 1"),
              ElementsAre("10"));
  EXPECT_EQ(ErrorOf("EXEC sp_executesql 'SELECT 1'"), 214);
}

TEST_F(ErrorsTest, TedisoLoginBatchSucceeds) {
  Exec(
      "set ansi_nulls on\nset ansi_null_dflt_on on\nset ansi_padding on\nset ansi_warnings on\n"
      "set arithabort on\nset concat_null_yields_null on\nset datefirst 7\nset dateformat mdy\n"
      "set implicit_transactions off\nset language us_english\nset numeric_roundabort off\n"
      "set quoted_identifier on\nset textsize 2147483647\nset transaction isolation level read "
      "committed\nset xact_abort off");
}

TEST_F(ErrorsTest, GarbageNeverCrashes) {
  const std::string pieces[] = {"SELECT", "FROM",   "T",      "(",     ")",         ",",    "'x'",
                                "N'y'",   "[a]]b]", "\"q\"",  "@p",    "@@VERSION", "0x0A", "1.5",
                                "--c\n",  "/*",     "*/",     "WHERE", "ORDER BY",  "TOP",  "OVER",
                                "CAST",   "AS",     "int",    "JOIN",  "ON",        "=",    "+",
                                "NULL",   "INSERT", "VALUES", ";",     "GO",        "CASE", "WHEN",
                                "END",    "UNION",  "ALL",    "*",     ".",         "dbo"};
  std::mt19937 rng(42);
  for (int i = 0; i < 3000; ++i) {
    std::string sql;
    int n = 1 + rng() % 12;
    for (int k = 0; k < n; ++k) sql += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))] + " ";
    RecordingSink sink;
    session_->ExecuteBatch(sql, sink);
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM T WHERE id = 1"), "1");
}

TEST(LexerTest, TokensEscapesAndComments) {
  std::vector<Token> t;
  ASSERT_TRUE(LexTsql("SELECT [a]]b], \"c\"\"d\", N'it''s', 'x', 0x0a0B, @p, @@SPID -- tail\n"
                      "/* outer /* nested */ still */ 1.5e3 <> !<",
                      &t)
                  .ok());
  ASSERT_EQ(t.size(), 18u);
  EXPECT_TRUE(t[1].quoted);
  EXPECT_EQ(t[1].text, "a]b");
  EXPECT_EQ(t[3].text, "c\"d");
  EXPECT_EQ(t[5].kind, TokenKind::kString);
  EXPECT_TRUE(t[5].national);
  EXPECT_EQ(t[5].text, "it's");
  EXPECT_FALSE(t[7].national);
  EXPECT_EQ(t[9].kind, TokenKind::kBinary);
  EXPECT_EQ(t[9].text, "0a0B");
  EXPECT_EQ(t[11].kind, TokenKind::kParam);
  EXPECT_EQ(t[13].kind, TokenKind::kSysVar);
  EXPECT_EQ(t[14].kind, TokenKind::kNumber);
  EXPECT_EQ(t[14].text, "1.5e3");
  EXPECT_EQ(t[14].line, 2);
  EXPECT_EQ(t[15].text, "<>");
  EXPECT_EQ(t[16].text, "!<");
  EXPECT_EQ(LexTsql("/* open", &t).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(LexTsql("SELECT [x", &t).ok());
}

}  // namespace
}  // namespace emulator
