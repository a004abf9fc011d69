// The SQL Server access layer against a real SQL Server, when one is named
// by the environment:
//   EHI_TEST_MSSQL_HOST, EHI_TEST_MSSQL_PORT (1433), EHI_TEST_MSSQL_USER,
//   EHI_TEST_MSSQL_PASSWORD, EHI_TEST_MSSQL_DATABASE (tempdb),
//   EHI_TEST_MSSQL_ENCRYPTION (off), EHI_TEST_MSSQL_TRUST_CERT (true)
// Without EHI_TEST_MSSQL_HOST every test is skipped with a message. Only a
// #temp table is created; nothing persists.
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "connector/catalog.h"
#include "connector/config.h"
#include "connector/connection_tests.h"
#include "connector/sqlserver/connection.h"
#include "connector/sqlserver/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/e2e/every_type.h"

namespace ehi::e2e {
namespace {

std::string Env(const char* name, const std::string& fallback = "") {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

class MssqlLiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("EHI_TEST_MSSQL_HOST").empty()) {
      GTEST_SKIP() << "EHI_TEST_MSSQL_HOST is not set; no real SQL Server to test against";
    }
  }
  std::map<std::string, std::string> ConfigValues() {
    return {{"mssql_server", Env("EHI_TEST_MSSQL_HOST")},
            {"mssql_port", Env("EHI_TEST_MSSQL_PORT", "1433")},
            {"mssql_database", Env("EHI_TEST_MSSQL_DATABASE", "tempdb")},
            {"mssql_user", Env("EHI_TEST_MSSQL_USER", "sa")},
            {"mssql_password", Env("EHI_TEST_MSSQL_PASSWORD")},
            {"encryption", Env("EHI_TEST_MSSQL_ENCRYPTION", "off")},
            {"trust_server_certificate", Env("EHI_TEST_MSSQL_TRUST_CERT", "true")}};
  }
  Config MakeConfig() {
    absl::StatusOr<Config> c = ParseConfig(ConfigValues());
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : Config();
  }
};

TEST_F(MssqlLiveTest, ConnectTestSucceeds) {
  absl::StatusOr<TestOutcome> out = RunConnectionTest("connect", MakeConfig());
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->success) << out->message;
  EXPECT_THAT(out->message, ::testing::HasSubstr("Microsoft SQL"));
}

TEST_F(MssqlLiveTest, WrongPasswordIsLoginFailed) {
  Config c = MakeConfig();
  c.password += "-wrong";
  absl::StatusOr<std::unique_ptr<sqlserver::Connection>> conn =
      sqlserver::Connection::Open(c.ConnectionSettings());
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(sqlserver::SqlErrorNumber(conn.status()), 18456);
  EXPECT_TRUE(sqlserver::IsUserActionRequired(conn.status()));
}

TEST_F(MssqlLiveTest, ReadsEveryTypeExactly) {
  Config c = MakeConfig();
  absl::StatusOr<std::unique_ptr<sqlserver::Connection>> conn =
      sqlserver::Connection::Open(c.ConnectionSettings());
  ASSERT_TRUE(conn.ok()) << conn.status();
  const std::string table = "[#EhiEveryType]";
  ASSERT_TRUE((*conn)->Execute(EveryTypeCreateSql(table)).ok());
  absl::Status inserted = (*conn)->Execute(EveryTypeInsertSql(table));
  ASSERT_TRUE(inserted.ok()) << inserted;
  const std::vector<std::string> problems = CheckEveryTypeValues(**conn, table);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST_F(MssqlLiveTest, ErrorsAreClassifiedAndConnectionStaysUsable) {
  Config c = MakeConfig();
  absl::StatusOr<std::unique_ptr<sqlserver::Connection>> conn =
      sqlserver::Connection::Open(c.ConnectionSettings());
  ASSERT_TRUE(conn.ok()) << conn.status();
  absl::Status missing = (*conn)->Execute("SELECT * FROM dbo.EhiTableThatDoesNotExist");
  EXPECT_EQ(sqlserver::SqlErrorNumber(missing), 208);
  int64_t value = 0;
  absl::Status ok = (*conn)->Query("SELECT 41 + 1", [&](const sqlserver::Row& row) {
    value = *row.GetInt(0);
    return absl::OkStatus();
  });
  EXPECT_TRUE(ok.ok()) << ok;
  EXPECT_EQ(value, 42);
  // IMPLICIT_TRANSACTIONS must be off after ANSI_DEFAULTS ON.
  int64_t trancount = -1;
  ASSERT_TRUE((*conn)
                  ->Query("SELECT @@TRANCOUNT",
                          [&](const sqlserver::Row& row) {
                            trancount = *row.GetInt(0);
                            return absl::OkStatus();
                          })
                  .ok());
  EXPECT_EQ(trancount, 0);
}

TEST_F(MssqlLiveTest, CancelStopsALongQuery) {
  Config c = MakeConfig();
  absl::StatusOr<std::unique_ptr<sqlserver::Connection>> conn =
      sqlserver::Connection::Open(c.ConnectionSettings());
  ASSERT_TRUE(conn.ok()) << conn.status();
  sqlserver::Connection* raw = conn->get();
  std::thread canceller([raw] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    raw->RequestCancel();
  });
  const absl::Time start = absl::Now();
  absl::Status s = raw->Execute("WAITFOR DELAY '00:00:30'");
  canceller.join();
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled) << s;
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  raw->ResetCancel();
  EXPECT_TRUE(raw->Execute("SELECT 1").ok());
}

TEST_F(MssqlLiveTest, CatalogDiscovery) {
  Config c = MakeConfig();
  absl::StatusOr<std::unique_ptr<sqlserver::Connection>> conn =
      sqlserver::Connection::Open(c.ConnectionSettings());
  ASSERT_TRUE(conn.ok()) << conn.status();
  absl::StatusOr<Catalog> catalog = DiscoverCatalog(**conn, c.filter, {true});
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  for (const TableInfo& t : catalog->tables) {
    EXPECT_FALSE(t.columns.empty()) << t.schema << "." << t.name;
  }
}

}  // namespace
}  // namespace ehi::e2e
