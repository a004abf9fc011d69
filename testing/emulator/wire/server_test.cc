// The wire layer end to end with a real client: an in-process Server backed
// by a tiny scripted engine, driven by FreeTDS DB-Library. This checks the
// protocol (login, every type's encoding as FreeTDS decodes it, errors,
// ATTENTION, RPC parameters, TLS) independently of the SQLite engine.
#include <stdlib.h>
#include <sybdb.h>
#include <unistd.h>

// DB-Library's SUCCEED/FAIL collide with GoogleTest's macros of the same
// names: keep the values and drop the macros before gtest.h.
namespace {
constexpr RETCODE kSucceed = SUCCEED;
constexpr RETCODE kFail = FAIL;
}  // namespace
#undef SUCCEED
#undef FAIL

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/emulator/wire/server.h"
#include "testing/emulator/wire/temporal_codec.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tls_files.h"
#include "testing/testkit/tools.h"

namespace emulator {
namespace {

const std::string kGuidWire("\xff\x19\x96\x6f\x86\x8b\x11\xd0\xb4\x2d\x00\xc0\x4f\xc9\x64\xff", 16);
const std::string kNonBmp = "h\xC3\xA9llo \xF0\x9F\x98\x80";  // "héllo 😀"

std::vector<Column> AllTypeColumns() {
  return {
      {"c_int", SqlType::Of(TypeId::kInt)},
      {"c_bigint", SqlType::Of(TypeId::kBigInt)},
      {"c_tinyint", SqlType::Of(TypeId::kTinyInt)},
      {"c_bit", SqlType::Of(TypeId::kBit)},
      {"c_dec", SqlType::Of(TypeId::kDecimal, 0, 38, 10)},
      {"c_money", SqlType::Of(TypeId::kMoney)},
      {"c_float", SqlType::Of(TypeId::kFloat)},
      {"c_datetime", SqlType::Of(TypeId::kDateTime)},
      {"c_dt2", SqlType::Of(TypeId::kDateTime2, 0, 0, 7)},
      {"c_dto", SqlType::Of(TypeId::kDateTimeOffset, 0, 0, 7)},
      {"c_guid", SqlType::Of(TypeId::kUniqueIdentifier)},
      {"c_nvc", SqlType::Of(TypeId::kNVarChar, 50)},
      {"c_vc", SqlType::Of(TypeId::kVarChar, 50)},
      {"c_nvmax", SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength)},
      {"c_vbin", SqlType::Of(TypeId::kVarBinary, 10)},
      {"c_date", SqlType::Of(TypeId::kDate)},
      {"c_time", SqlType::Of(TypeId::kTime, 0, 0, 3)},
      {"c_ntext", SqlType::Of(TypeId::kNText)},
  };
}

std::vector<Value> AllTypeValues() {
  return {Value::Int(-2147483648LL),
          Value::Int(INT64_MAX),
          Value::Int(255),
          Value::Int(1),
          Value::Text("-1234567890123456789012345678.0123456789"),
          Value::Text("-922337203685477.5808"),
          Value::Double(-1.7976931348623157e308),
          Value::Text("1753-01-01 00:00:00.003"),
          Value::Text("9999-12-31 23:59:59.9999999"),
          Value::Text("2024-01-01 05:30:00.1234567 +05:30"),
          Value::Bytes(kGuidWire),
          Value::Text(kNonBmp),
          Value::Text(""),
          Value::Text(std::string(1 << 20, 'x')),
          Value::Bytes(std::string("\x00\x01\xff", 3)),
          Value::Text("0001-01-01"),
          Value::Text("23:59:59.997"),
          Value::Text("ntext \xE2\x82\xAC")};
}

class ScriptedSession : public Session {
 public:
  explicit ScriptedSession(std::atomic<int>* resets) : resets_(resets) {}

  ExecOutcome ExecuteBatch(std::string_view sql, ResultSink& sink) override {
    if (sql == "alltypes") {
      sink.BeginRows(AllTypeColumns());
      sink.Row(AllTypeValues());
      sink.Row(std::vector<Value>(AllTypeColumns().size(), Value::Null()));
      sink.StatementDone(true, 2, false);
    } else if (absl::StartsWith(std::string(sql), "stream ")) {
      int64_t n = 0;
      (void)absl::SimpleAtoi(std::string(sql.substr(7)), &n);
      sink.BeginRows(
          {{"n", SqlType::Of(TypeId::kBigInt)}, {"s", SqlType::Of(TypeId::kNVarChar, 20)}});
      int64_t i = 0;
      for (; i < n; ++i) {
        if (!sink.Row({Value::Int(i), Value::Text("row")})) break;
      }
      sink.StatementDone(true, i, false);
    } else if (sql == "two") {
      sink.BeginRows({{"one", SqlType::Of(TypeId::kInt)}});
      sink.Row({Value::Int(1)});
      sink.StatementDone(true, 1, false);
      sink.StatementDone(true, 3, false);  // e.g. an UPDATE of 3 rows
    } else if (sql == "error") {
      sink.Message({208, 1, 16, "Invalid object name 'nope'.", 1});
      sink.StatementDone(false, 0, true);
    } else if (sql == "fatal") {
      sink.Message({1204, 1, 21, "Fatal test error.", 1});
      sink.StatementDone(false, 0, true);
    } else if (sql == "drop") {
      return ExecOutcome::kDropConnection;
    } else if (absl::StartsWith(std::string(sql), "textsize ")) {
      (void)absl::SimpleAtoi(std::string(sql.substr(9)), &options_.text_size);
      sink.StatementDone(false, 0, false);
    } else if (sql == "big") {
      sink.BeginRows({{"v", SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength)}});
      sink.Row({Value::Text(std::string(10000, 'y'))});
      sink.StatementDone(true, 1, false);
    } else if (sql == "overflow") {
      sink.BeginRows({{"v", SqlType::Of(TypeId::kTinyInt)}});
      sink.Row({Value::Int(300)});
      sink.StatementDone(true, 1, false);
    } else {
      sink.Message({102, 1, 15, "Incorrect syntax near 'x'.", 1});
      sink.StatementDone(false, 0, true);
    }
    return ExecOutcome::kOk;
  }

  ExecOutcome ExecuteRpc(std::string_view sql, const std::vector<Param>& params,
                         ResultSink& sink) override {
    // sp_executesql without parameters behaves like a batch.
    if (params.empty()) return ExecuteBatch(sql, sink);
    // Echo: one column per parameter, named after it, with its type.
    std::vector<Column> columns{{"sql", SqlType::Of(TypeId::kNVarChar, 4000)}};
    std::vector<Value> row{Value::Text(std::string(sql))};
    for (const Param& p : params) {
      columns.push_back({p.name.substr(1), p.type});
      row.push_back(p.value);
    }
    sink.BeginRows(columns);
    sink.Row(row);
    sink.StatementDone(true, 1, false);
    return ExecOutcome::kOk;
  }

  const SessionOptions& options() const override { return options_; }
  void Reset() override {
    options_ = SessionOptions();
    ++*resets_;
  }

 private:
  SessionOptions options_;
  std::atomic<int>* resets_;
};

class ScriptedEngine : public Engine {
 public:
  std::string database_name() const override { return "TestDb"; }
  absl::StatusOr<std::unique_ptr<Session>> OpenSession() override {
    return std::unique_ptr<Session>(new ScriptedSession(&resets_));
  }
  bool ShouldRefuseConnection() override { return refuse_.exchange(false); }

  std::atomic<bool> refuse_{false};
  std::atomic<int> resets_{0};
};

// Messages from the server, collected by the DB-Library message handler.
std::mutex g_messages_mutex;
std::vector<std::pair<int, int>> g_messages;  // (number, severity)

int MessageHandler(DBPROCESS*, DBINT number, int, int severity, char*, char*, char*, int) {
  std::lock_guard<std::mutex> lock(g_messages_mutex);
  g_messages.emplace_back(number, severity);
  return 0;
}

int ErrorHandler(DBPROCESS*, int, int, int, char*, char*) { return INT_CANCEL; }

bool SawMessage(int number) {
  std::lock_guard<std::mutex> lock(g_messages_mutex);
  for (const auto& m : g_messages) {
    if (m.first == number) return true;
  }
  return false;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(dbinit(), kSucceed);
    dbmsghandle(MessageHandler);
    dberrhandle(ErrorHandler);
  }

  void SetUp() override {
    WriteFreeTdsConf("off");
    std::lock_guard<std::mutex> lock(g_messages_mutex);
    g_messages.clear();
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Stop();
  }

  void WriteFreeTdsConf(const std::string& encryption) {
    const std::string path = dir_.File("freetds.conf");
    std::ofstream(path) << "[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n"
                        << "\tencryption = " << encryption << "\n";
    ::setenv("FREETDSCONF", path.c_str(), 1);
  }

  void StartServer(EncryptionMode mode = EncryptionMode::kOff,
                   std::shared_ptr<TlsContext> tls = nullptr) {
    WireConfig config;
    config.user = "sa";
    config.password = "Secret-1";
    config.encryption = mode;
    config.tls = std::move(tls);
    auto server = Server::Start(&engine_, config, 0, {"127.0.0.1"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  DBPROCESS* Connect(const std::string& password = "Secret-1", const std::string& db = "") {
    LOGINREC* login = dblogin();
    DBSETLUSER(login, "sa");
    DBSETLPWD(login, password.c_str());
    DBSETLVERSION(login, DBVERSION_74);
    DBSETLCHARSET(login, "UTF-8");
    if (!db.empty()) DBSETLDBNAME(login, db.c_str());
    const std::string host = absl::StrCat("127.0.0.1:", server_->port());
    DBPROCESS* proc = dbopen(login, host.c_str());
    dbloginfree(login);
    return proc;
  }

  // Runs `sql` and returns the number of rows of the first result set.
  static int RunAndCount(DBPROCESS* proc, const char* sql) {
    if (dbcmd(proc, sql) != kSucceed || dbsqlexec(proc) != kSucceed) return -1;
    int rows = 0;
    bool first = true;
    RETCODE rc;
    while ((rc = dbresults(proc)) != NO_MORE_RESULTS) {
      if (rc == kFail) return -1;
      while (dbnextrow(proc) != NO_MORE_ROWS) {
        if (first) ++rows;
      }
      if (DBCMDROW(proc) == kSucceed) first = false;
    }
    return rows;
  }

  ehi::testkit::TempDir dir_{"wire-server-test"};
  ScriptedEngine engine_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, LoginAndWrongPassword) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(dbspid(proc), 51);
  EXPECT_EQ(std::string(dbname(proc)), "TestDb");
  dbclose(proc);

  EXPECT_EQ(Connect("wrong"), nullptr);
  EXPECT_TRUE(SawMessage(18456));
  EXPECT_EQ(Connect("Secret-1", "OtherDb"), nullptr);
  EXPECT_TRUE(SawMessage(4060));
  ASSERT_NE(proc = Connect("Secret-1", "testdb"), nullptr);
  dbclose(proc);
}

TEST_F(ServerTest, EveryTypeDecodesExactly) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_EQ(dbcmd(proc, "alltypes"), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  ASSERT_EQ(dbnumcols(proc), 18);
  ASSERT_EQ(dbnextrow(proc), REG_ROW);

  EXPECT_EQ(dbcoltype(proc, 1), SYBINT4);
  EXPECT_EQ(*reinterpret_cast<DBINT*>(dbdata(proc, 1)), INT32_MIN);
  EXPECT_EQ(*reinterpret_cast<DBBIGINT*>(dbdata(proc, 2)), INT64_MAX);
  EXPECT_EQ(*reinterpret_cast<DBTINYINT*>(dbdata(proc, 3)), 255);
  EXPECT_EQ(*reinterpret_cast<DBBIT*>(dbdata(proc, 4)), 1);

  char text[256];
  EXPECT_EQ(dbcoltype(proc, 5), SYBDECIMAL);
  int n = dbconvert(proc, SYBDECIMAL, dbdata(proc, 5), dbdatlen(proc, 5), SYBCHAR,
                    reinterpret_cast<BYTE*>(text), sizeof(text) - 1);
  ASSERT_GT(n, 0);
  text[n] = '\0';
  EXPECT_STREQ(text, "-1234567890123456789012345678.0123456789");

  const auto* money = reinterpret_cast<DBMONEY*>(dbdata(proc, 6));
  EXPECT_EQ(
      static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(money->mnyhigh)) << 32) |
                           money->mnylow),
      INT64_MIN);
  EXPECT_EQ(*reinterpret_cast<DBFLT8*>(dbdata(proc, 7)), -1.7976931348623157e308);

  const auto* dt = reinterpret_cast<DBDATETIME*>(dbdata(proc, 8));
  EXPECT_EQ(dt->dtdays, -53690);  // 1753-01-01
  EXPECT_EQ(dt->dttime, 1);

  const auto* dt2 = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 9));
  EXPECT_EQ(dt2->date, DaysFromCivil(9999, 12, 31) - kDaysTo1900);
  EXPECT_EQ(dt2->time, static_cast<DBUBIGINT>(kTicksPerDay - 1));

  const auto* dto = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 10));
  EXPECT_EQ(dto->offset, 330);
  EXPECT_EQ(dto->date, DaysFromCivil(2024, 1, 1) - kDaysTo1900);
  EXPECT_EQ(dto->time, static_cast<DBUBIGINT>(1234567));  // 00:00:00.1234567 UTC

  EXPECT_EQ(dbcoltype(proc, 11), 36);  // SYBUNIQUE, not in the public sybdb.h
  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 11)), 16), kGuidWire);

  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 12)), dbdatlen(proc, 12)), kNonBmp);
  EXPECT_NE(dbdata(proc, 13), nullptr);  // empty string, not NULL
  EXPECT_EQ(dbdatlen(proc, 13), 0);
  // nvarchar(max) is cut by the default TEXTSIZE of 4096 bytes = 2048 chars.
  EXPECT_EQ(dbdatlen(proc, 14), 2048);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 15)), dbdatlen(proc, 15)),
            std::string("\x00\x01\xff", 3));
  const auto* date = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 16));
  EXPECT_EQ(date->date, -kDaysTo1900);
  const auto* time = reinterpret_cast<DBDATETIMEALL*>(dbdata(proc, 17));
  EXPECT_EQ(time->time, static_cast<DBUBIGINT>(86399 * kTicksPerSecond + 9970000));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 18)), dbdatlen(proc, 18)),
            "ntext \xE2\x82\xAC");

  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  for (int c = 1; c <= 18; ++c) {
    EXPECT_EQ(dbdata(proc, c), nullptr) << "column " << c;
    EXPECT_EQ(dbdatlen(proc, c), 0) << "column " << c;
  }
  EXPECT_EQ(dbnextrow(proc), NO_MORE_ROWS);
  EXPECT_EQ(dbcount(proc), 2);
  EXPECT_EQ(dbresults(proc), NO_MORE_RESULTS);

  // SET TEXTSIZE -1 (unlimited) lets the whole value through.
  ASSERT_EQ(RunAndCount(proc, "textsize -1"), 0);
  ASSERT_EQ(dbcmd(proc, "big"), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  EXPECT_EQ(dbdatlen(proc, 1), 10000);
  dbcanquery(proc);
  dbclose(proc);
}

TEST_F(ServerTest, ErrorsAndStatementCounts) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_EQ(dbcmd(proc, "error"), kSucceed);
  EXPECT_EQ(dbsqlexec(proc), kFail);
  EXPECT_TRUE(SawMessage(208));

  ASSERT_EQ(dbcmd(proc, "two"), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  while (dbnextrow(proc) != NO_MORE_ROWS) {
  }
  EXPECT_EQ(dbcount(proc), 1);
  ASSERT_EQ(dbresults(proc), kSucceed);
  EXPECT_EQ(dbcount(proc), 3);
  EXPECT_EQ(dbresults(proc), NO_MORE_RESULTS);

  // A value that does not fit its column becomes error 8115, not garbage.
  ASSERT_EQ(dbcmd(proc, "overflow"), kSucceed);
  dbsqlexec(proc);
  while (dbresults(proc) == kSucceed) {
    EXPECT_EQ(dbnextrow(proc), NO_MORE_ROWS);
  }
  EXPECT_TRUE(SawMessage(8115));
  EXPECT_EQ(RunAndCount(proc, "two"), 1);  // the connection is still usable

  // Severity >= 20 closes the connection.
  ASSERT_EQ(dbcmd(proc, "fatal"), kSucceed);
  dbsqlexec(proc);
  while (dbresults(proc) == kSucceed) {
  }
  EXPECT_TRUE(SawMessage(1204));
  EXPECT_EQ(RunAndCount(proc, "two"), -1);
  dbclose(proc);
}

TEST_F(ServerTest, AttentionCancelsAStreamAndTheConnectionStaysUsable) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_EQ(dbcmd(proc, "stream 1000000000"), kSucceed);
  ASSERT_EQ(dbsqlexec(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(dbnextrow(proc), REG_ROW);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(dbcancel(proc), kSucceed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(RunAndCount(proc, "two"), 1);
  EXPECT_EQ(RunAndCount(proc, "stream 5"), 5);
  dbclose(proc);
}

TEST_F(ServerTest, DroppedAndRefusedConnections) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_EQ(dbcmd(proc, "drop"), kSucceed);
  EXPECT_EQ(dbsqlexec(proc), kFail);
  dbclose(proc);

  engine_.refuse_ = true;
  EXPECT_EQ(Connect(), nullptr);
  ASSERT_NE(proc = Connect(), nullptr);  // only one connection was refused
  dbclose(proc);
}

TEST_F(ServerTest, RpcParametersRoundTrip) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  ASSERT_EQ(dbrpcinit(proc, const_cast<char*>("sp_executesql"), 0), kSucceed);
  char stmt[] = "SELECT @i, @f, @s";
  char decl[] = "@i int, @f float, @s varchar(20)";
  DBINT i = -42;
  DBFLT8 f = 0.1;
  char s[] = "caf\xC3\xA9";
  ASSERT_EQ(
      dbrpcparam(proc, nullptr, 0, SYBVARCHAR, -1, sizeof(stmt) - 1, reinterpret_cast<BYTE*>(stmt)),
      kSucceed);
  ASSERT_EQ(
      dbrpcparam(proc, nullptr, 0, SYBVARCHAR, -1, sizeof(decl) - 1, reinterpret_cast<BYTE*>(decl)),
      kSucceed);
  ASSERT_EQ(
      dbrpcparam(proc, const_cast<char*>("@i"), 0, SYBINT4, -1, -1, reinterpret_cast<BYTE*>(&i)),
      kSucceed);
  ASSERT_EQ(
      dbrpcparam(proc, const_cast<char*>("@f"), 0, SYBFLT8, -1, -1, reinterpret_cast<BYTE*>(&f)),
      kSucceed);
  ASSERT_EQ(dbrpcparam(proc, const_cast<char*>("@s"), 0, SYBVARCHAR, -1, sizeof(s) - 1,
                       reinterpret_cast<BYTE*>(s)),
            kSucceed);
  ASSERT_EQ(dbrpcsend(proc), kSucceed);
  ASSERT_EQ(dbsqlok(proc), kSucceed);
  ASSERT_EQ(dbresults(proc), kSucceed);
  ASSERT_EQ(dbnextrow(proc), REG_ROW);
  ASSERT_EQ(dbnumcols(proc), 4);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 1)), dbdatlen(proc, 1)), stmt);
  EXPECT_EQ(*reinterpret_cast<DBINT*>(dbdata(proc, 2)), -42);
  EXPECT_EQ(*reinterpret_cast<DBFLT8*>(dbdata(proc, 3)), 0.1);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(dbdata(proc, 4)), dbdatlen(proc, 4)), s);
  EXPECT_EQ(dbnextrow(proc), NO_MORE_ROWS);
  while (dbresults(proc) == kSucceed) {
  }
  EXPECT_TRUE(dbhasretstat(proc));
  EXPECT_EQ(dbretstatus(proc), 0);
  dbclose(proc);
}

class TlsServerTest : public ServerTest {
 protected:
  // A server TLS context from the test kit's certificate; null (with a
  // failure recorded) when openssl is missing or fails.
  std::shared_ptr<TlsContext> MakeTls() {
    absl::StatusOr<ehi::testkit::TlsFiles> files =
        ehi::testkit::MakeTlsFiles(dir_.path(), "localhost");
    if (!files.ok()) {
      ADD_FAILURE() << files.status();
      return nullptr;
    }
    auto tls = TlsContext::Create(files->server_cert, files->server_key);
    EXPECT_TRUE(tls.ok()) << tls.status();
    return tls.ok() ? *tls : nullptr;
  }
};

TEST_F(TlsServerTest, RequiredEncryptionWithEveryClientSetting) {
  auto tls = MakeTls();
  ASSERT_NE(tls, nullptr);
  StartServer(EncryptionMode::kRequired, tls);
  // FreeTDS runs full TLS when the server answers REQ, even with
  // "encryption = off" (it then sends NOT_SUP).
  for (const char* setting : {"require", "request", "off"}) {
    WriteFreeTdsConf(setting);
    DBPROCESS* proc = Connect();
    ASSERT_NE(proc, nullptr) << setting;
    EXPECT_EQ(RunAndCount(proc, "stream 20000"), 20000) << setting;
    dbclose(proc);
  }
}

TEST_F(TlsServerTest, LoginOnlyEncryption) {
  auto tls = MakeTls();
  ASSERT_NE(tls, nullptr);
  StartServer(EncryptionMode::kOn, tls);
  WriteFreeTdsConf("request");  // FreeTDS sends OFF: only LOGIN7 is encrypted
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  EXPECT_EQ(RunAndCount(proc, "two"), 1);
  dbclose(proc);
  EXPECT_EQ(Connect("wrong"), nullptr);
  EXPECT_TRUE(SawMessage(18456));
}

TEST_F(ServerTest, StopClosesLiveConnections) {
  StartServer();
  DBPROCESS* proc = Connect();
  ASSERT_NE(proc, nullptr);
  server_->Stop();
  EXPECT_EQ(RunAndCount(proc, "two"), -1);
  dbclose(proc);
}

// tedious (Node.js) against the same scripted engine: a second, independent
// TDS implementation reading every type.
class TediousTest : public TlsServerTest {
 protected:
  void SetUp() override {
    TlsServerTest::SetUp();
    script_ = EHI_TEDIOUS_SCRIPT;
    const std::string modules = script_.substr(0, script_.rfind('/')) + "/node_modules/tedious";
    ASSERT_TRUE(ehi::testkit::HaveTool("node"))
        << "node is not installed: run scripts/deps.sh test";
    ASSERT_EQ(::access(modules.c_str(), R_OK), 0)
        << "tedious is not installed: run scripts/deps.sh test (testing/emulator/deps.sh)";
  }

  // Runs the script and returns its JSON lines.
  std::vector<nlohmann::json> RunTedious(const std::string& args) {
    const std::string cmd = absl::StrCat("NODE_NO_WARNINGS=1 node ", script_, " --port ",
                                         server_->port(), " --password Secret-1 ", args);
    std::vector<nlohmann::json> lines;
    const std::string output = ehi::testkit::RunCommand(cmd).output;
    size_t start = 0;
    while (start < output.size()) {
      size_t end = output.find('\n', start);
      if (end == std::string::npos) end = output.size();
      const std::string line = output.substr(start, end - start);
      start = end + 1;
      auto parsed = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << line;
      if (!parsed.is_discarded()) lines.push_back(parsed);
    }
    return lines;
  }

  static std::string Dump(const std::vector<nlohmann::json>& lines) {
    std::string out;
    for (const auto& l : lines) out += l.dump().substr(0, 300) + "\n";
    return out;
  }

  std::string script_;
};

TEST_F(TediousTest, ReadsEveryType) {
  StartServer();
  // The scripted engine does not parse tedious' "set textsize" at login, so
  // lift the limit with its own command first.
  const auto lines = RunTedious("-- \"textsize -1\" alltypes");
  ASSERT_GE(lines.size(), 6u) << Dump(lines);
  ASSERT_TRUE(lines[0].contains("connected")) << lines[0];
  EXPECT_EQ(lines[1]["done"], 0);
  const auto& columns = lines[2]["columns"];
  ASSERT_EQ(columns.size(), 18u) << lines[1];
  EXPECT_EQ(columns[4]["type"], "DecimalN");
  EXPECT_EQ(columns[9]["type"], "DateTimeOffset");
  EXPECT_EQ(columns[17]["type"], "NText");
  const auto& row = lines[3]["row"];
  EXPECT_EQ(row[0], -2147483648LL);
  EXPECT_EQ(row[1], "9223372036854775807");
  EXPECT_EQ(row[2], 255);
  EXPECT_EQ(row[3], true);
  EXPECT_DOUBLE_EQ(row[4].get<double>(), -1234567890123456789012345678.0123456789);
  EXPECT_DOUBLE_EQ(row[5].get<double>(), -922337203685477.5808);
  EXPECT_EQ(row[7]["date"], "1753-01-01T00:00:00.003Z");
  EXPECT_EQ(row[8]["date"], "9999-12-31T23:59:59.999Z");
  EXPECT_NEAR(row[8]["ns"].get<double>(), 0.0009999, 1e-9);
  EXPECT_EQ(row[9]["date"], "2024-01-01T00:00:00.123Z");
  EXPECT_EQ(row[10], "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  EXPECT_EQ(row[11], kNonBmp);
  EXPECT_EQ(row[12], "");
  // TEXTSIZE unlimited: the whole 1 MB comes through.
  EXPECT_EQ(row[13].get<std::string>().size(), 1u << 20);
  EXPECT_EQ(row[14]["hex"], "0001ff");
  EXPECT_EQ(row[15]["date"], "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(row[16]["date"], "1970-01-01T23:59:59.997Z");
  EXPECT_EQ(row[17], "ntext \xE2\x82\xAC");
  const auto& nulls = lines[4]["row"];
  for (const auto& v : nulls) EXPECT_TRUE(v.is_null()) << nulls;
  EXPECT_EQ(lines[5]["done"], 2);
}

TEST_F(TediousTest, CancelThenReuse) {
  StartServer();
  const auto lines = RunTedious("--cancel-after 50 -- \"stream 1000000000\" two");
  ASSERT_GE(lines.size(), 4u) << Dump(lines);
  bool cancelled = false;
  bool reused = false;
  for (const auto& l : lines) {
    cancelled |= l.contains("cancelled");
    if (l.contains("row") && l["row"].size() == 1 && l["row"][0] == 1) reused = true;
  }
  EXPECT_TRUE(cancelled);
  EXPECT_TRUE(reused);
}

TEST_F(TediousTest, LoginFailureAndErrors) {
  StartServer();
  auto lines = RunTedious("--rpc -- error two");
  ASSERT_GE(lines.size(), 3u) << Dump(lines);
  EXPECT_EQ(lines[1]["error"]["number"], 208);
  EXPECT_EQ(lines[1]["error"]["class"], 16);
  lines = RunTedious("--password nope -- two");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(lines[0].contains("login_error")) << lines[0];
  EXPECT_NE(lines[0].dump().find("Login failed for user 'sa'"), std::string::npos);
}

TEST_F(TediousTest, RequiredEncryption) {
  auto tls = MakeTls();
  ASSERT_NE(tls, nullptr);
  StartServer(EncryptionMode::kRequired, tls);
  auto lines = RunTedious("--encrypt -- \"stream 3000\"");
  ASSERT_GE(lines.size(), 2u) << Dump(lines);
  EXPECT_EQ(lines[0]["encrypted"], true) << lines[0];
  EXPECT_EQ(lines.back()["done"], 3000);
  // A tedious client that does not encrypt is refused.
  lines = RunTedious("-- two");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(lines[0].contains("login_error")) << lines[0];
}

}  // namespace
}  // namespace emulator
