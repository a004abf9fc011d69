// mssql-emulator (real engine, real binary) read through FreeTDS
// DB-Library: exact values of every type, catalog queries, faults and
// ATTENTION. Values are checked in DB-Library's own memory layouts, so
// nothing is lost to text formatting.
#include <sybdb.h>

namespace {
constexpr RETCODE kSucceed = SUCCEED;
constexpr RETCODE kFail = FAIL;
}  // namespace
#undef SUCCEED
#undef FAIL

#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "testing/emulator/tests/all_types_fixture.h"
#include "testing/emulator/tests/emulator_process.h"
#include "testing/testkit/temp_dir.h"

namespace emulator::testing {
namespace {

std::mutex g_mutex;
std::vector<int> g_messages;

int OnMessage(DBPROCESS*, DBINT number, int, int, char*, char*, char*, int) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_messages.push_back(number);
  return 0;
}
int OnError(DBPROCESS*, int, int, int, char*, char*) { return INT_CANCEL; }

bool Saw(int number) {
  std::lock_guard<std::mutex> lock(g_mutex);
  for (int n : g_messages) {
    if (n == number) return true;
  }
  return false;
}

class DblibTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(dbinit(), kSucceed);
    dbmsghandle(OnMessage);
    dberrhandle(OnError);
  }

  void SetUp() override {
    const std::string conf = dir_.File("freetds.conf");
    std::ofstream(conf) << "[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n";
    ::setenv("FREETDSCONF", conf.c_str(), 1);
    auto emulator = EmulatorProcess::Start(EmulatorArgs(dir_.path()));
    ASSERT_TRUE(emulator.ok()) << emulator.status();
    emulator_ = std::move(*emulator);
    std::lock_guard<std::mutex> lock(g_mutex);
    g_messages.clear();
  }

  DBPROCESS* Connect(const char* password = kPassword) {
    LOGINREC* login = dblogin();
    DBSETLUSER(login, kUser);
    DBSETLPWD(login, password);
    DBSETLVERSION(login, DBVERSION_74);
    DBSETLCHARSET(login, "UTF-8");
    DBSETLDBNAME(login, kDatabase);
    DBPROCESS* proc = dbopen(login, absl::StrCat("127.0.0.1:", emulator_->port()).c_str());
    dbloginfree(login);
    return proc;
  }

  // Runs a batch and drains it; true when every statement succeeded.
  static bool Exec(DBPROCESS* proc, const std::string& sql) {
    if (dbcmd(proc, sql.c_str()) != kSucceed || dbsqlexec(proc) != kSucceed) {
      dbcancel(proc);
      return false;
    }
    RETCODE rc;
    bool ok = true;
    while ((rc = dbresults(proc)) != NO_MORE_RESULTS) {
      if (rc == kFail) {
        ok = false;
        break;
      }
      while (dbnextrow(proc) != NO_MORE_ROWS) {
      }
    }
    return ok;
  }

  // First column of the first row as text (via dbconvert), "" if none.
  static std::string Scalar(DBPROCESS* proc, const std::string& sql) {
    std::string out;
    if (dbcmd(proc, sql.c_str()) != kSucceed || dbsqlexec(proc) != kSucceed) return "<failed>";
    bool first = true;
    while (dbresults(proc) == kSucceed) {
      while (dbnextrow(proc) == REG_ROW) {
        if (!first || dbdata(proc, 1) == nullptr) continue;
        first = false;
        char buf[512];
        const int n = dbconvert(proc, dbcoltype(proc, 1), dbdata(proc, 1), dbdatlen(proc, 1),
                                SYBCHAR, reinterpret_cast<BYTE*>(buf), sizeof(buf) - 1);
        out.assign(buf, n > 0 ? static_cast<size_t>(n) : 0);
      }
    }
    return out;
  }

  static std::string Bytes(DBPROCESS* proc, int column) {
    BYTE* data = dbdata(proc, column);
    return data == nullptr ? "<null>"
                           : std::string(reinterpret_cast<char*>(data), dbdatlen(proc, column));
  }

  static std::string DecimalText(DBPROCESS* proc, int column) {
    char buf[128];
    const int n =
        dbconvert(proc, dbcoltype(proc, column), dbdata(proc, column), dbdatlen(proc, column),
                  SYBCHAR, reinterpret_cast<BYTE*>(buf), sizeof(buf) - 1);
    return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
  }

  ehi::testkit::TempDir dir_{"dblib-test"};
  std::unique_ptr<EmulatorProcess> emulator_;
};

TEST_F(DblibTest, LoginAndWrongPassword) {
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(std::string(dbname(proc)), kDatabase);
  EXPECT_EQ(Scalar(proc, "SELECT DB_NAME()"), kDatabase);
  dbclose(proc);
  EXPECT_EQ(Connect("not-the-password"), nullptr);
  EXPECT_TRUE(Saw(18456));
}

TEST_F(DblibTest, EveryTypeReadsBackExactly) {
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(Exec(proc, kCreateAllTypes));
  ASSERT_TRUE(Exec(proc, InsertAllTypes()));
  // 1 MB of nvarchar(max) with non-BMP characters.
  std::string big;
  for (int i = 0; i < (1 << 20) / 8; ++i)
    big +=
        "ab\xF0\x9F\x98\x80"
        "cd";
  ASSERT_TRUE(Exec(proc, "UPDATE dbo.AllTypes SET c_nvarcharmax = N'" + big + "' WHERE id = 1"));
  ASSERT_TRUE(Exec(proc, "SET TEXTSIZE 2147483647"));

  ASSERT_EQ(dbcmd(proc, kSelectAllTypes), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  ASSERT_EQ(dbnumcols(proc), 33);

  // Row 1: maxima.
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  EXPECT_EQ(*reinterpret_cast<DBBIT*>(dbdata(proc, 2)), 1);
  EXPECT_EQ(*reinterpret_cast<DBTINYINT*>(dbdata(proc, 3)), 255);
  EXPECT_EQ(*reinterpret_cast<DBSMALLINT*>(dbdata(proc, 4)), 32767);
  EXPECT_EQ(*reinterpret_cast<DBINT*>(dbdata(proc, 5)), 2147483647);
  EXPECT_EQ(*reinterpret_cast<DBBIGINT*>(dbdata(proc, 6)), INT64_MAX);
  EXPECT_EQ(dbcoltype(proc, 7), SYBDECIMAL);
  EXPECT_EQ(DecimalText(proc, 7), "9999999999999999999999999999.9999999999");
  EXPECT_EQ(DecimalText(proc, 8), "9999999.99");
  const auto* money = reinterpret_cast<DBMONEY*>(dbdata(proc, 9));
  EXPECT_EQ(
      static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(money->mnyhigh)) << 32) |
                           money->mnylow),
      INT64_MAX);
  EXPECT_EQ(reinterpret_cast<DBMONEY4*>(dbdata(proc, 10))->mny4, 2147483647);
  EXPECT_EQ(*reinterpret_cast<DBREAL*>(dbdata(proc, 11)), 3.4e38f);
  EXPECT_EQ(*reinterpret_cast<DBFLT8*>(dbdata(proc, 12)), 1.7976931348623157e308);
  const auto* date = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 13));
  EXPECT_EQ(date->date, 2958463);  // 9999-12-31 counted from 1900-01-01
  const auto* time = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 14));
  EXPECT_EQ(time->time, 863999999999ull);
  const auto* dt = reinterpret_cast<DBDATETIME*>(dbdata(proc, 15));
  EXPECT_EQ(dt->dtdays, 2958463);
  EXPECT_EQ(dt->dttime, 25919999);  // 23:59:59.997 in 1/300 s
  const auto* sdt = reinterpret_cast<DBDATETIME4*>(dbdata(proc, 16));
  EXPECT_EQ(sdt->days, 65535);
  EXPECT_EQ(sdt->minutes, 1439);
  const auto* dt2 = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 17));
  EXPECT_EQ(dt2->date, 2958463);
  EXPECT_EQ(dt2->time, 863999999999ull);
  const auto* dto = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 18));
  EXPECT_EQ(dto->offset, 840);
  EXPECT_EQ(dto->date, 2958463);  // UTC: 9999-12-31 09:59:59.9999999
  EXPECT_EQ(dto->time, 359999999999ull);
  EXPECT_EQ(Bytes(proc, 19), "abc  ");  // char(5) is padded
  EXPECT_EQ(Bytes(proc, 20), "plain ascii");
  EXPECT_EQ(Bytes(proc, 21), "varchar max");
  EXPECT_EQ(Bytes(proc, 22), std::string(kNCharValue) + " ");  // nchar(5) is padded
  EXPECT_EQ(Bytes(proc, 23), kUnicode);
  EXPECT_EQ(Bytes(proc, 24), big);
  EXPECT_EQ(Bytes(proc, 25), "text value");
  EXPECT_EQ(Bytes(proc, 26), std::string("ntext ") + kUnicode);
  EXPECT_EQ(Bytes(proc, 27), std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(Bytes(proc, 28), std::string("\x00\xff", 2));
  EXPECT_EQ(Bytes(proc, 29), std::string("\xde\xad\xbe\xef", 4));
  EXPECT_EQ(Bytes(proc, 30), std::string("\xca\xfe", 2));
  EXPECT_EQ(Bytes(proc, 31),
            std::string("\xff\x19\x96\x6f\x86\x8b\x11\xd0\xb4\x2d\x00\xc0\x4f\xc9\x64\xff", 16));
  EXPECT_EQ(Bytes(proc, 32), "<a b=\"1\">x</a>");
  EXPECT_EQ(dbdatlen(proc, 33), 8);  // rowversion

  // Row 2: minima and empty values (empty is not NULL).
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  EXPECT_EQ(*reinterpret_cast<DBSMALLINT*>(dbdata(proc, 4)), -32768);
  EXPECT_EQ(*reinterpret_cast<DBINT*>(dbdata(proc, 5)), INT32_MIN);
  EXPECT_EQ(*reinterpret_cast<DBBIGINT*>(dbdata(proc, 6)), INT64_MIN);
  EXPECT_EQ(DecimalText(proc, 7), "-9999999999999999999999999999.9999999999");
  money = reinterpret_cast<DBMONEY*>(dbdata(proc, 9));
  EXPECT_EQ(
      static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(money->mnyhigh)) << 32) |
                           money->mnylow),
      INT64_MIN);
  EXPECT_EQ(*reinterpret_cast<DBFLT8*>(dbdata(proc, 12)), -2.2250738585072014e-308);
  EXPECT_EQ(reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 13))->date, -693595);
  EXPECT_EQ(reinterpret_cast<DBDATETIME*>(dbdata(proc, 15))->dtdays, -53690);
  dto = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 18));
  EXPECT_EQ(dto->offset, -840);
  EXPECT_EQ(dto->date, -693595);  // UTC 0001-01-01 14:00
  EXPECT_EQ(dto->time, 504000000000ull);
  for (int c : {20, 21, 23, 24, 25, 26, 28, 29, 30, 32}) {  // empty, not NULL
    EXPECT_NE(dbdata(proc, c), nullptr) << "column " << c;
    EXPECT_EQ(dbdatlen(proc, c), 0) << "column " << c;
  }
  EXPECT_EQ(Bytes(proc, 19), "     ");  // char(5) and nchar(5): padded, not empty
  EXPECT_EQ(Bytes(proc, 22), "     ");
  EXPECT_EQ(Bytes(proc, 27), std::string(4, '\0'));  // binary(4) is zero-padded
  EXPECT_EQ(Bytes(proc, 31), std::string(16, '\0'));

  // Row 3: NULL everywhere but the key (and the rowversion).
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  for (int c = 2; c <= 32; ++c) EXPECT_EQ(dbdata(proc, c), nullptr) << "column " << c;
  EXPECT_EQ(dbnextrow(proc), NO_MORE_ROWS);
  while (dbresults(proc) == kSucceed) {
  }

  // Default TEXTSIZE (4096 bytes) truncates (max) values like SQL Server.
  ASSERT_TRUE(Exec(proc, "SET TEXTSIZE 0"));
  ASSERT_EQ(dbcmd(proc, "SELECT c_nvarcharmax FROM dbo.AllTypes WHERE id = 1"), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  EXPECT_LE(dbdatlen(proc, 1), 4096 * 2);
  EXPECT_LT(dbdatlen(proc, 1), static_cast<DBINT>(big.size()));
  dbcanquery(proc);
  while (dbresults(proc) == kSucceed) {
  }
  dbclose(proc);
}

TEST_F(DblibTest, CatalogQueries) {
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(Exec(proc, kCreateAllTypes));
  ASSERT_TRUE(Exec(proc, InsertAllTypes()));
  EXPECT_EQ(Scalar(proc,
                   "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo' "
                   "AND TABLE_NAME = 'AllTypes'"),
            "33");
  EXPECT_EQ(Scalar(proc,
                   "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = "
                   "'AllTypes' AND COLUMN_NAME = 'c_dto'"),
            "datetimeoffset");
  EXPECT_EQ(Scalar(proc,
                   "SELECT max_length FROM sys.columns WHERE object_id = "
                   "OBJECT_ID(N'dbo.AllTypes') AND name = 'c_nvarchar'"),
            "100");
  EXPECT_EQ(Scalar(proc,
                   "SELECT SUM(row_count) FROM sys.dm_db_partition_stats WHERE object_id = "
                   "OBJECT_ID(N'dbo.AllTypes') AND index_id IN (0, 1)"),
            "3");
  EXPECT_EQ(Scalar(proc,
                   "SELECT t.name FROM sys.tables t JOIN sys.schemas s ON s.schema_id = "
                   "t.schema_id WHERE s.name = 'dbo'"),
            "AllTypes");
  dbclose(proc);
}

TEST_F(DblibTest, InjectedFaults) {
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(Exec(proc, "CREATE TABLE dbo.T (k int NOT NULL PRIMARY KEY, v nvarchar(20))"));
  for (int block = 0; block < 10; ++block) {
    std::string insert = "INSERT INTO dbo.T (k, v) VALUES ";
    for (int i = 0; i < 1000; ++i) {
      const int k = block * 1000 + i;
      absl::StrAppend(&insert, i == 0 ? "" : ",", "(", k, ", N'row ", k, "')");
    }
    ASSERT_TRUE(Exec(proc, insert));
  }

  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'deadlock_next_query'"));
  EXPECT_FALSE(Exec(proc, "SELECT COUNT_BIG(*) FROM dbo.T"));
  EXPECT_TRUE(Saw(1205));
  EXPECT_EQ(Scalar(proc, "SELECT COUNT_BIG(*) FROM dbo.T"), "10000");  // only the next query

  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'lock_timeout_next_query'"));
  EXPECT_FALSE(Exec(proc, "SELECT COUNT_BIG(*) FROM dbo.T"));
  EXPECT_TRUE(Saw(1222));

  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'stall_ms', 1500"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Scalar(proc, "SELECT COUNT_BIG(*) FROM dbo.T"), "10000");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1400));
  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'clear'"));

  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'drop_connection_after_rows', 5000"));
  ASSERT_EQ(dbcmd(proc, "SELECT k, v FROM dbo.T ORDER BY k"), kSucceed);
  int rows = 0;
  if (dbsqlexec(proc) == kSucceed && dbresults(proc) == kSucceed) {
    while (dbnextrow(proc) == REG_ROW) ++rows;
  }
  EXPECT_LT(rows, 10000);  // the stream broke off
  EXPECT_TRUE(DBDEAD(proc));
  dbclose(proc);
  // New connections work again.
  ASSERT_NE(proc = Connect(), nullptr);
  EXPECT_EQ(Scalar(proc, "SELECT COUNT_BIG(*) FROM dbo.T"), "10000");
  dbclose(proc);
}

TEST_F(DblibTest, AttentionCancelsThenTheConnectionIsReused) {
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_TRUE(Exec(proc, "CREATE TABLE dbo.T (k int NOT NULL PRIMARY KEY)"));
  std::string insert = "INSERT INTO dbo.T (k) VALUES (0)";
  for (int i = 1; i < 1000; ++i) absl::StrAppend(&insert, ",(", i, ")");
  ASSERT_TRUE(Exec(proc, insert));

  // A SELECT stalled inside the engine: ATTENTION must end it promptly.
  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'stall_ms', 60000"));
  ASSERT_EQ(dbcmd(proc, "SELECT k FROM dbo.T ORDER BY k"), kSucceed);
  ASSERT_EQ(dbsqlsend(proc), kSucceed);
  // Let the engine enter the stall, so the ATTENTION arrives mid-execution.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(dbcancel(proc), kSucceed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  ASSERT_TRUE(Exec(proc, "EXEC emulator.inject_fault 'clear'"));

  // A streaming SELECT cancelled after some rows.
  ASSERT_EQ(dbcmd(proc, "SELECT a.k FROM dbo.T a CROSS JOIN dbo.T b"), kSucceed);
  if (dbsqlexec(proc) == kSucceed && dbresults(proc) == kSucceed) {
    for (int i = 0; i < 100; ++i) ASSERT_EQ(dbnextrow(proc), REG_ROW);
  }
  EXPECT_EQ(dbcancel(proc), kSucceed);
  EXPECT_EQ(Scalar(proc, "SELECT COUNT_BIG(*) FROM dbo.T"), "1000");
  dbclose(proc);
}

}  // namespace
}  // namespace emulator::testing
