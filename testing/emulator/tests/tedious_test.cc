// mssql-emulator (real engine, real binary) read through Node.js tedious,
// an implementation of TDS independent of FreeTDS: every type, sp_executesql
// parameters, cancel, and TLS with --encryption required.
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/emulator/tests/all_types_fixture.h"
#include "testing/emulator/tests/emulator_process.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tls_files.h"
#include "testing/testkit/tools.h"

namespace emulator::testing {
namespace {

using nlohmann::json;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

class TediousTest : public ::testing::Test {
 protected:
  void SetUp() override {
    script_ = EHI_TEDIOUS_SCRIPT;
    const std::string modules = script_.substr(0, script_.rfind('/')) + "/node_modules/tedious";
    ASSERT_TRUE(ehi::testkit::HaveTool("node"))
        << "node is not installed: run scripts/deps.sh test";
    ASSERT_EQ(::access(modules.c_str(), R_OK), 0)
        << "tedious is not installed: run scripts/deps.sh test (testing/emulator/deps.sh)";
  }

  void Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = EmulatorArgs(dir_.path());
    args.insert(args.end(), extra.begin(), extra.end());
    auto emulator = EmulatorProcess::Start(args);
    ASSERT_TRUE(emulator.ok()) << emulator.status();
    emulator_ = std::move(*emulator);
  }

  std::vector<json> Run(const std::string& options, const std::vector<std::string>& sql) {
    std::string cmd = absl::StrCat(
        "NODE_NO_WARNINGS=1 node ", script_, " --port ", emulator_->port(), " --user ", kUser,
        " --password ", Quote(kPassword), " --database ", kDatabase, " ", options, " --");
    for (const std::string& s : sql) absl::StrAppend(&cmd, " ", Quote(s));
    const std::string out = ehi::testkit::RunCommand(cmd).output;
    std::vector<json> lines;
    size_t start = 0;
    while (start < out.size()) {
      size_t end = out.find('\n', start);
      if (end == std::string::npos) end = out.size();
      auto parsed = json::parse(out.substr(start, end - start), nullptr, false);
      EXPECT_FALSE(parsed.is_discarded()) << out.substr(start, end - start);
      if (!parsed.is_discarded()) lines.push_back(parsed);
      start = end + 1;
    }
    return lines;
  }

  static const json* FirstWith(const std::vector<json>& lines, const char* key) {
    for (const json& l : lines) {
      if (l.contains(key)) return &l;
    }
    return nullptr;
  }

  std::string script_;
  ehi::testkit::TempDir dir_{"tedious-test"};
  std::unique_ptr<EmulatorProcess> emulator_;
};

TEST_F(TediousTest, EveryTypeReadsBack) {
  ASSERT_NO_FATAL_FAILURE(Start());
  const auto lines = Run("", {kCreateAllTypes, InsertAllTypes(), kSelectAllTypes});
  ASSERT_NE(FirstWith(lines, "connected"), nullptr) << lines.size();
  std::vector<json> rows;
  for (const json& l : lines) {
    EXPECT_FALSE(l.contains("error")) << l;
    if (l.contains("row")) rows.push_back(l["row"]);
  }
  ASSERT_EQ(rows.size(), 3u);
  const json& max = rows[0];
  EXPECT_EQ(max[1], true);
  EXPECT_EQ(max[2], 255);
  EXPECT_EQ(max[4], 2147483647);
  EXPECT_EQ(max[5], "9223372036854775807");
  EXPECT_DOUBLE_EQ(max[6].get<double>(), 1e28);  // tedious decimals are JS numbers
  EXPECT_EQ(max[12]["date"], "9999-12-31T00:00:00.000Z");
  EXPECT_EQ(max[14]["date"], "9999-12-31T23:59:59.997Z");
  EXPECT_EQ(max[16]["date"], "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(max[17]["date"], "9999-12-31T09:59:59.999Z");  // UTC instant
  EXPECT_EQ(max[18], "abc  ");
  EXPECT_EQ(max[21], std::string(kNCharValue) + " ");
  EXPECT_EQ(max[22], kUnicode);
  EXPECT_EQ(max[25], std::string("ntext ") + kUnicode);
  EXPECT_EQ(max[26]["hex"], "01020304");
  EXPECT_EQ(max[30], "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  EXPECT_EQ(max[31], "<a b=\"1\">x</a>");
  const json& min = rows[1];
  EXPECT_EQ(min[5], "-9223372036854775808");
  EXPECT_EQ(min[12]["date"], "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(min[19], "");
  EXPECT_EQ(min[22], "");
  for (size_t c = 1; c <= 31; ++c) EXPECT_TRUE(rows[2][c].is_null()) << c;
}

TEST_F(TediousTest, ExecuteSqlCancelAndErrors) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string insert = "INSERT INTO dbo.T (k) VALUES (0)";
  for (int i = 1; i < 1000; ++i) absl::StrAppend(&insert, ",(", i, ")");
  auto lines = Run("--rpc", {"CREATE TABLE dbo.T (k int NOT NULL PRIMARY KEY)", insert,
                             "SELECT COUNT_BIG(*) FROM dbo.T", "SELECT * FROM dbo.Missing"});
  const json* row = FirstWith(lines, "row");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ((*row)["row"][0], "1000");
  const json* error = FirstWith(lines, "error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ((*error)["error"]["number"], 208);

  lines = Run("--cancel-after 100",
              {"SELECT a.k FROM dbo.T a CROSS JOIN dbo.T b", "SELECT COUNT_BIG(*) FROM dbo.T"});
  ASSERT_NE(FirstWith(lines, "cancelled"), nullptr) << lines.size();
  row = FirstWith(lines, "row");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ((*row)["row"][0], "1000");
}

TEST_F(TediousTest, RequiredTls) {
  absl::StatusOr<ehi::testkit::TlsFiles> tls = ehi::testkit::MakeTlsFiles(dir_.path(), "localhost");
  ASSERT_TRUE(tls.ok()) << tls.status();
  ASSERT_NO_FATAL_FAILURE(Start(
      {"--tls-cert", tls->server_cert, "--tls-key", tls->server_key, "--encryption", "required"}));
  auto lines = Run("--encrypt", {kCreateAllTypes, InsertAllTypes(), kSelectAllTypes});
  const json* connected = FirstWith(lines, "connected");
  ASSERT_NE(connected, nullptr);
  EXPECT_EQ((*connected)["encrypted"], true);
  int rows = 0;
  for (const json& l : lines) rows += l.contains("row") ? 1 : 0;
  EXPECT_EQ(rows, 3);
  lines = Run("", {"SELECT 1"});  // a client that does not encrypt is refused
  EXPECT_NE(FirstWith(lines, "login_error"), nullptr);
}

}  // namespace
}  // namespace emulator::testing
