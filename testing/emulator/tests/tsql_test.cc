// mssql-emulator (real engine, real binary) driven by Debian's tsql, the
// FreeTDS command-line client: login, wrong password, every type, catalog,
// faults and TLS with --encryption required.
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "testing/emulator/tests/all_types_fixture.h"
#include "testing/emulator/tests/emulator_process.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tls_files.h"
#include "testing/testkit/tools.h"

namespace emulator::testing {
namespace {

class TsqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ehi::testkit::HaveTool("tsql"))
        << "tsql (Debian package freetds-bin) is not installed: run scripts/deps.sh test";
  }

  void Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = EmulatorArgs(dir_.path());
    args.insert(args.end(), extra.begin(), extra.end());
    auto emulator = EmulatorProcess::Start(args);
    ASSERT_TRUE(emulator.ok()) << emulator.status();
    emulator_ = std::move(*emulator);
  }

  // Runs `script` ("go"-separated batches) through tsql.
  std::string Tsql(const std::string& script, const std::string& encryption = "off",
                   const char* password = kPassword, int* exit_code = nullptr) {
    const std::string conf = dir_.File("freetds.conf");
    std::ofstream(conf) << "[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n"
                        << "\tencryption = " << encryption << "\n";
    const std::string cmd =
        absl::StrCat("FREETDSCONF=", conf, " tsql -H 127.0.0.1 -p ", emulator_->port(), " -U ",
                     kUser, " -P '", password, "' -D ", kDatabase, " -o q");
    ehi::testkit::CommandResult r = ehi::testkit::RunCommand(cmd, script + "\nexit\n");
    if (exit_code != nullptr) *exit_code = r.exit_code;
    return r.output;
  }

  ehi::testkit::TempDir dir_{"tsql-test"};
  std::unique_ptr<EmulatorProcess> emulator_;
};

TEST_F(TsqlTest, LoginAndWrongPassword) {
  ASSERT_NO_FATAL_FAILURE(Start());
  const std::string ok = Tsql("SELECT DB_NAME() AS db, 40 + 2 AS answer\ngo");
  EXPECT_TRUE(absl::StrContains(ok, kDatabase)) << ok;
  EXPECT_TRUE(absl::StrContains(ok, "42")) << ok;
  const std::string bad = Tsql("SELECT 1\ngo", "off", "wrong-password");
  EXPECT_TRUE(absl::StrContains(bad, "18456")) << bad;
  EXPECT_TRUE(absl::StrContains(bad, "Login failed for user 'sa'")) << bad;
}

TEST_F(TsqlTest, EveryTypeRoundTrips) {
  ASSERT_NO_FATAL_FAILURE(Start());
  const std::string out = Tsql(
      absl::StrCat(kCreateAllTypes, "\ngo\n", InsertAllTypes(), "\ngo\n", kSelectAllTypes, "\ngo"));
  EXPECT_FALSE(absl::StrContains(out, "Msg ")) << out;
  for (const char* expected :
       {"9223372036854775807", "-9223372036854775808", "2147483647", "-2147483648", "32767",
        "9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
        "922337203685477.5807", "-922337203685477.5808", "214748.3647",
        // tsql prints dates in its own locale format;
        // DB-Library and tedious check them exactly.
        "Dec 31 9999", "Jun  6 2079", "Jan  1 1753", kUnicode, kNCharValue, "ntext", "varchar max",
        "01020304", "deadbeef", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "<a b=\"1\">x</a>",
        "\n3\tNULL\tNULL"}) {
    EXPECT_TRUE(absl::StrContains(out, expected)) << "missing " << expected << " in\n" << out;
  }
}

TEST_F(TsqlTest, CatalogAndFaults) {
  ASSERT_NO_FATAL_FAILURE(Start());
  const std::string out = Tsql(absl::StrCat(
      kCreateAllTypes, "\ngo\n", InsertAllTypes(), "\ngo\n",
      "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES\ngo\n",
      "SELECT COUNT(*) AS n_columns FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = "
      "'AllTypes'\ngo\n",
      "EXEC emulator.inject_fault 'deadlock_next_query'\ngo\n", "SELECT id FROM dbo.AllTypes\ngo\n",
      "EXEC emulator.inject_fault 'lock_timeout_next_query'\ngo\n",
      "SELECT id FROM dbo.AllTypes\ngo\n", "SELECT * FROM dbo.NoSuchTable\ngo\n"));
  EXPECT_TRUE(absl::StrContains(out, "BASE TABLE")) << out;
  EXPECT_TRUE(absl::StrContains(out, "33")) << out;
  EXPECT_TRUE(absl::StrContains(out, "Msg 1205")) << out;
  EXPECT_TRUE(absl::StrContains(out, "Msg 1222")) << out;
  EXPECT_TRUE(absl::StrContains(out, "Msg 208")) << out;
}

TEST_F(TsqlTest, RequiredTls) {
  absl::StatusOr<ehi::testkit::TlsFiles> tls = ehi::testkit::MakeTlsFiles(dir_.path(), "localhost");
  ASSERT_TRUE(tls.ok()) << tls.status();
  ASSERT_NO_FATAL_FAILURE(Start(
      {"--tls-cert", tls->server_cert, "--tls-key", tls->server_key, "--encryption", "required"}));
  for (const char* setting : {"require", "request"}) {
    const std::string out = Tsql("SELECT 6 * 7 AS answer\ngo", setting);
    EXPECT_TRUE(absl::StrContains(out, "42")) << setting << ":\n" << out;
  }
}

}  // namespace
}  // namespace emulator::testing
