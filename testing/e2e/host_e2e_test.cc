// Integration tests of the connector host over real sockets: the real
// mssql-emulator (plain and TLS) and the real ehi-connector process, driven
// through a real gRPC client.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connector/catalog.h"
#include "connector/sqlserver/connection.h"
#include "connector/sqlserver/errors.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "testing/e2e/every_type.h"
#include "testing/e2e/fixtures.h"
#include "testing/testkit/files.h"
#include "testing/testkit/ports.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tls_files.h"
#include "testing/testkit/tools.h"

namespace ehi::e2e {
namespace {

namespace v2 = fivetran_sdk::v2;
using ::testing::HasSubstr;
using ::testing::Not;

// Shared by every test: the connector, a plain emulator and one that
// requires TLS with a certificate from a private CA. When any of them does
// not start, every test fails with the reason.
struct World {
  testkit::TempDir dir{"host-e2e"};
  testkit::TlsFiles tls;
  std::optional<RunningEmulator> plain;
  std::optional<RunningEmulator> secure;
  std::optional<RunningConnector> connector;
  std::string setup_error;
};
World* world = nullptr;

class HostE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world = new World();
    absl::StatusOr<RunningConnector> c = StartConnector(world->dir.File("connector-stderr.log"));
    if (!c.ok()) {
      world->setup_error = c.status().ToString();
      return;
    }
    world->connector.emplace(*std::move(c));
    absl::StatusOr<testkit::TlsFiles> tls = testkit::MakeTlsFiles(world->dir.path(), "localhost");
    if (!tls.ok()) {
      world->setup_error = tls.status().ToString();
      return;
    }
    world->tls = *tls;
    EmulatorOptions plain;
    plain.encryption = "off";
    plain.stderr_path = world->dir.File("emulator-plain.log");
    absl::StatusOr<RunningEmulator> e1 = StartEmulator(plain);
    if (!e1.ok()) {
      world->setup_error = absl::StrCat("plain emulator: ", e1.status().ToString());
      return;
    }
    world->plain.emplace(*std::move(e1));
    EmulatorOptions secure;
    secure.tls_cert = world->tls.server_cert;
    secure.tls_key = world->tls.server_key;
    secure.encryption = "required";
    secure.stderr_path = world->dir.File("emulator-tls.log");
    absl::StatusOr<RunningEmulator> e2 = StartEmulator(secure);
    if (!e2.ok()) {
      world->setup_error = absl::StrCat("TLS emulator: ", e2.status().ToString());
      return;
    }
    world->secure.emplace(*std::move(e2));
  }
  static void TearDownTestSuite() {
    delete world;
    world = nullptr;
  }
  void SetUp() override {
    if (!world->setup_error.empty()) FAIL() << "test set-up failed: " << world->setup_error;
  }

  ConnectorClient Client() { return ConnectorClient(world->connector->port); }
  // Configuration for the plain emulator.
  ConfigMap Plain(const ConfigMap& overrides = {}) {
    return EmulatorConfig(*world->plain, overrides);
  }
  ConfigMap Secure(const ConfigMap& overrides = {}) {
    ConfigMap base = {{"mssql_server", "localhost"}, {"encryption", "required"}};
    for (const auto& [k, v] : overrides) base[k] = v;
    return EmulatorConfig(*world->secure, base);
  }
  // Direct access-layer connection to the plain emulator.
  std::unique_ptr<sqlserver::Connection> Direct() {
    sqlserver::ConnectionSettings s;
    s.host = "127.0.0.1";
    s.port = world->plain->port;
    s.database = world->plain->options.database;
    s.user = world->plain->options.user;
    s.password = world->plain->options.password;
    s.encryption = sqlserver::EncryptionMode::kOff;
    absl::StatusOr<std::unique_ptr<sqlserver::Connection>> c = sqlserver::Connection::Open(s);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *std::move(c) : nullptr;
  }
  // Runs a named test and returns (success, failure message).
  std::pair<bool, std::string> RunTest(const std::string& name, const ConfigMap& config) {
    v2::TestResponse response;
    grpc::Status s = Client().Test(name, config, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (std::getenv("EHI_E2E_VERBOSE") != nullptr) {
      std::fprintf(stderr, "test %s -> %s\n", name.c_str(), response.failure().c_str());
    }
    return {response.success(), response.failure()};
  }
};

TEST_F(HostE2eTest, ConfigurationFormListsKeysAndTests) {
  v2::ConfigurationFormResponse form;
  ASSERT_TRUE(Client().ConfigurationForm(&form).ok());
  std::map<std::string, v2::FormField> fields;
  for (const v2::FormField& f : form.fields()) fields[f.name()] = f;
  for (const char* key :
       {"mssql_server", "mssql_cert_server", "mssql_port", "mssql_database", "mssql_user",
        "mssql_password", "cert", "threads", "max_queue_size", "max_retries", "retry_sleep_seconds",
        "debug", "encryption", "trust_server_certificate", "include_schemas", "exclude_tables"}) {
    EXPECT_EQ(fields.count(key), 1u) << key;
  }
  EXPECT_EQ(fields["mssql_password"].text_field(), v2::Password);
  EXPECT_TRUE(fields["debug"].has_toggle_field());
  EXPECT_TRUE(fields["encryption"].has_dropdown_field());
  ASSERT_EQ(form.tests_size(), 2);
  EXPECT_EQ(form.tests(0).name(), "connect");
  EXPECT_EQ(form.tests(1).name(), "permissions");
}

TEST_F(HostE2eTest, ListensOnIpv4AndIpv6) {
  for (const std::string host : {"127.0.0.1", "[::1]"}) {
    auto channel = grpc::CreateChannel(absl::StrCat(host, ":", world->connector->port),
                                       grpc::InsecureChannelCredentials());
    auto stub = v2::SourceConnector::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v2::ConfigurationFormResponse form;
    grpc::Status s = stub->ConfigurationForm(&context, {}, &form);
    EXPECT_TRUE(s.ok()) << host << ": " << s.error_message();
  }
  // The binary's own health check mode, as Docker's HEALTHCHECK runs it.
  const testkit::CommandResult health = testkit::RunProgram(
      {ConnectorBinary(), "--health-check", "--port", absl::StrCat(world->connector->port)});
  EXPECT_EQ(health.exit_code, 0) << health.output;
}

TEST_F(HostE2eTest, TestConnectAndPermissionsSucceed) {
  auto [ok, message] = RunTest("connect", Plain());
  EXPECT_TRUE(ok) << message;
  std::tie(ok, message) = RunTest("permissions", Plain());
  EXPECT_TRUE(ok) << message;
}

TEST_F(HostE2eTest, TestWrongPasswordNamesTheUser) {
  const std::string wrong = "Wrong-Pa55-Secret";
  auto [ok, message] = RunTest("connect", Plain({{"mssql_password", wrong}}));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("Login failed for user 'ehi_user'"));
  EXPECT_THAT(message, Not(HasSubstr(wrong)));
  EXPECT_THAT(message, Not(HasSubstr(world->plain->options.password)));
}

TEST_F(HostE2eTest, TestMissingDatabase) {
  auto [ok, message] = RunTest("connect", Plain({{"mssql_database", "NoSuchDb"}}));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("Cannot open database 'NoSuchDb'"),
                                        HasSubstr("Login failed")));
}

TEST_F(HostE2eTest, TestBadHostAndClosedPort) {
  auto [ok, message] = RunTest("connect", Plain({{"mssql_server", "no-such-host.invalid"}}));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("no-such-host.invalid"));
  const absl::StatusOr<int> closed = testkit::PickFreePort();
  ASSERT_TRUE(closed.ok()) << closed.status();
  std::tie(ok, message) = RunTest("connect", Plain({{"mssql_port", std::to_string(*closed)}}));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr(absl::StrCat("127.0.0.1:", *closed)));
}

TEST_F(HostE2eTest, SilentServerHitsTheLoginTimeout) {
  // A socket that accepts TCP connections (backlog) but never speaks TDS.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 8), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  const absl::Time start = absl::Now();
  auto [ok, message] = RunTest(
      "connect", Plain({{"mssql_port", std::to_string(port)}, {"login_timeout_seconds", "2"}}));
  const absl::Duration elapsed = absl::Now() - start;
  close(fd);
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr(absl::StrCat("127.0.0.1:", port)));
  EXPECT_LT(elapsed, absl::Seconds(15));
}

TEST_F(HostE2eTest, TlsWithTrustedCaSucceeds) {
  const absl::StatusOr<std::string> ca_pem = testkit::ReadFile(world->tls.ca_cert);
  ASSERT_TRUE(ca_pem.ok()) << ca_pem.status();
  auto [ok, message] = RunTest("connect", Secure({{"cert", *ca_pem}}));
  EXPECT_TRUE(ok) << message;
  std::tie(ok, message) = RunTest("connect", Secure({{"cert", world->tls.ca_cert}}));
  EXPECT_TRUE(ok) << message;
  std::tie(ok, message) = RunTest("connect", Secure({{"trust_server_certificate", "true"}}));
  EXPECT_TRUE(ok) << message;
}

TEST_F(HostE2eTest, TlsWithUntrustedCertificateFailsWithReason) {
  // No 'cert': the system CA bundle, which does not know the test CA.
  auto [ok, message] = RunTest("connect", Secure());
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("TLS failure"));
  EXPECT_THAT(message, HasSubstr("not trusted"));
  EXPECT_THAT(message, Not(HasSubstr(world->secure->options.password)));
}

TEST_F(HostE2eTest, TlsRequiredAgainstServerWithoutTls) {
  auto [ok, message] =
      RunTest("connect", Plain({{"encryption", "required"}, {"trust_server_certificate", "true"}}));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("TLS"));
}

TEST_F(HostE2eTest, TestMissingPermissionNamesTheView) {
  std::unique_ptr<sqlserver::Connection> admin = Direct();
  ASSERT_NE(admin, nullptr);
  ASSERT_TRUE(admin->Execute("EXEC emulator.inject_fault 'deny_select', 'sys.partitions'").ok());
  auto [ok, message] = RunTest("permissions", Plain());
  const absl::Status cleared = admin->Execute("EXEC emulator.inject_fault 'clear'");
  EXPECT_TRUE(cleared.ok()) << cleared;
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("sys.partitions"));
  EXPECT_THAT(message, HasSubstr("ehi_user"));
  std::tie(ok, message) = RunTest("permissions", Plain());
  EXPECT_TRUE(ok) << message;
}

TEST_F(HostE2eTest, BadConfigurationIsInvalidArgument) {
  ConfigMap config = Plain({{"mssql_port", "not-a-port"}});
  v2::TestResponse test;
  grpc::Status s = Client().Test("connect", config, &test);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("mssql_port"));
  EXPECT_THAT(s.error_message(), Not(HasSubstr(EmulatorOptions().password)));
  config = Plain();
  config.erase("mssql_user");
  v2::SchemaResponse schema;
  s = Client().Schema(config, &schema);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("'mssql_user' is required"));
  s = Client().Test("frobnicate", Plain(), &test);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(HostE2eTest, SchemaLoginFailureIsUnauthenticated) {
  v2::SchemaResponse schema;
  grpc::Status s = Client().Schema(Plain({{"mssql_password", "nope"}}), &schema);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(s.error_message(), HasSubstr("Login failed for user 'ehi_user'"));
}

TEST_F(HostE2eTest, SchemaDeclaresEveryTypeExactly) {
  std::unique_ptr<sqlserver::Connection> admin = Direct();
  ASSERT_NE(admin, nullptr);
  const std::string table = "[dbo].[EhiAllTypes]";
  absl::Status created = admin->Execute(EveryTypeCreateSql(table));
  ASSERT_TRUE(created.ok()) << created;
  absl::Status inserted = admin->Execute(EveryTypeInsertSql(table));
  ASSERT_TRUE(inserted.ok()) << inserted;

  v2::SchemaResponse schema;
  grpc::Status s = Client().Schema(Plain({{"include_tables", "dbo.EhiAllTypes"}}), &schema);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // Besides the source tables, Schema declares the sync engine's VALIDATION
  // table in its own schema; look for dbo.EhiAllTypes by name.
  const v2::Table* found = nullptr;
  for (const v2::Schema& sch : schema.with_schema().schemas()) {
    if (sch.name() == "dbo") {
      ASSERT_EQ(sch.tables_size(), 1);
      found = &sch.tables(0);
    }
  }
  ASSERT_NE(found, nullptr);
  const v2::Table& t = *found;
  EXPECT_EQ(t.name(), "EhiAllTypes");
  const auto& expected = EveryTypeColumns();
  ASSERT_EQ(t.columns_size(), static_cast<int>(expected.size()));
  for (int i = 0; i < t.columns_size(); ++i) {
    const v2::Column& c = t.columns(i);
    const ExpectedColumn& e = expected[i];
    SCOPED_TRACE(e.name);
    EXPECT_EQ(c.name(), e.name);
    EXPECT_EQ(static_cast<int>(c.type()), static_cast<int>(e.type));
    EXPECT_EQ(c.primary_key(), e.primary_key);
    if (e.precision >= 0) {
      EXPECT_EQ(c.params().decimal().precision(), static_cast<uint32_t>(e.precision));
      EXPECT_EQ(c.params().decimal().scale(), static_cast<uint32_t>(e.scale));
    } else if (e.string_byte_length >= 0) {
      EXPECT_EQ(c.params().string_byte_length(), e.string_byte_length);
    } else {
      EXPECT_FALSE(c.has_params());
    }
  }
}

TEST_F(HostE2eTest, AccessLayerReadsEveryTypeExactly) {
  std::unique_ptr<sqlserver::Connection> admin = Direct();
  ASSERT_NE(admin, nullptr);
  const std::string table = "[dbo].[EhiValues]";
  ASSERT_TRUE(admin->Execute(EveryTypeCreateSql(table)).ok());
  absl::Status inserted = admin->Execute(EveryTypeInsertSql(table));
  ASSERT_TRUE(inserted.ok()) << inserted;
  const std::vector<std::string> problems = CheckEveryTypeValues(*admin, table);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST_F(HostE2eTest, AccessLayerStreamsAndCancelsHugeResults) {
  std::unique_ptr<sqlserver::Connection> conn = Direct();
  ASSERT_NE(conn, nullptr);
  absl::Status created =
      conn->Execute("EXEC emulator.create_synthetic_table 'dbo', 'EhiHuge', 1000000000");
  ASSERT_TRUE(created.ok()) << created;

  // A callback error stops a billion-row result after 1000 rows and leaves
  // the connection usable.
  int64_t rows = 0;
  absl::Status stopped = conn->Query(
      "SELECT * FROM [dbo].[EhiHuge] ORDER BY [FlowsheetValueKey]", [&](const sqlserver::Row&) {
        return ++rows == 1000 ? absl::AbortedError("enough") : absl::OkStatus();
      });
  EXPECT_EQ(stopped.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(rows, 1000);
  int64_t one = 0;
  ASSERT_TRUE(conn->Query("SELECT 1",
                          [&](const sqlserver::Row& row) {
                            one = *row.GetInt(0);
                            return absl::OkStatus();
                          })
                  .ok());
  EXPECT_EQ(one, 1);

  // RequestCancel from another thread ends the stream within two seconds.
  sqlserver::Connection* raw = conn.get();
  std::thread canceller([raw] {
    absl::SleepFor(absl::Milliseconds(300));
    raw->RequestCancel();
  });
  const absl::Time start = absl::Now();
  rows = 0;
  absl::Status cancelled = conn->Query("SELECT * FROM [dbo].[EhiHuge] ORDER BY [FlowsheetValueKey]",
                                       [&](const sqlserver::Row&) {
                                         ++rows;
                                         return absl::OkStatus();
                                       });
  canceller.join();
  EXPECT_EQ(cancelled.code(), absl::StatusCode::kCancelled) << cancelled;
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(300) + absl::Seconds(2));
  EXPECT_GT(rows, 0);
  // Sticky until reset; then the connection works again.
  EXPECT_EQ(conn->Execute("SELECT 1").code(), absl::StatusCode::kCancelled);
  conn->ResetCancel();
  EXPECT_TRUE(conn->Execute("SELECT 1").ok());
  EXPECT_FALSE(conn->IsDead());

  // Row counts come from sys.partitions in one query.
  absl::StatusOr<NameFilter> filter = NameFilter::Create("", "", "dbo.EhiHuge", "");
  ASSERT_TRUE(filter.ok());
  absl::StatusOr<Catalog> catalog = DiscoverCatalog(*conn, *filter, {true});
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  ASSERT_EQ(catalog->tables.size(), 1u);
  EXPECT_EQ(catalog->tables[0].row_count, 1000000000);
  ASSERT_EQ(catalog->tables[0].primary_key.size(), 1u);
  EXPECT_EQ(catalog->tables[0].columns[catalog->tables[0].primary_key[0]].name,
            "FlowsheetValueKey");
}

TEST_F(HostE2eTest, SqlErrorsAreClassified) {
  std::unique_ptr<sqlserver::Connection> conn = Direct();
  ASSERT_NE(conn, nullptr);
  absl::Status missing = conn->Execute("SELECT * FROM dbo.EhiNoSuchTable");
  EXPECT_EQ(sqlserver::SqlErrorNumber(missing), 208) << missing;
  EXPECT_EQ(sqlserver::ErrorClassOf(missing), sqlserver::ErrorClass::kOther);
  // The connection survives a failed statement.
  EXPECT_TRUE(conn->Execute("SELECT 1").ok());
}

TEST_F(HostE2eTest, SchemaMatchesInformationSchema) {
  // The emulator's catalog read independently (INFORMATION_SCHEMA views, not
  // the sys.* queries the connector uses).
  std::unique_ptr<sqlserver::Connection> admin = Direct();
  ASSERT_NE(admin, nullptr);
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> expected;
  absl::Status s = admin->Query(
      "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE "
      "FROM INFORMATION_SCHEMA.COLUMNS AS c JOIN INFORMATION_SCHEMA.TABLES AS t "
      "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
      "WHERE t.TABLE_TYPE = 'BASE TABLE' "
      "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION",
      [&](const sqlserver::Row& row) -> absl::Status {
        const std::string key = absl::StrCat(*row.GetString(0), ".", *row.GetString(1));
        expected[key].emplace_back(*row.GetString(2), *row.GetString(3));
        return absl::OkStatus();
      });
  ASSERT_TRUE(s.ok()) << s;
  std::set<std::string> key_columns;
  s = admin->Query(
      "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME "
      "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE AS k "
      "JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS AS tc "
      "ON tc.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND tc.TABLE_SCHEMA = k.TABLE_SCHEMA "
      "WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY'",
      [&](const sqlserver::Row& row) -> absl::Status {
        key_columns.insert(
            absl::StrCat(*row.GetString(0), ".", *row.GetString(1), ".", *row.GetString(2)));
        return absl::OkStatus();
      });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_FALSE(expected.empty());

  // SDK type per INFORMATION_SCHEMA DATA_TYPE, written out independently of
  // type_mapping.cc.
  const std::map<std::string, v2::DataType> sdk = {{"bit", v2::BOOLEAN},
                                                   {"tinyint", v2::SHORT},
                                                   {"smallint", v2::SHORT},
                                                   {"int", v2::INT},
                                                   {"bigint", v2::LONG},
                                                   {"decimal", v2::DECIMAL},
                                                   {"numeric", v2::DECIMAL},
                                                   {"money", v2::DECIMAL},
                                                   {"smallmoney", v2::DECIMAL},
                                                   {"real", v2::FLOAT},
                                                   {"float", v2::DOUBLE},
                                                   {"date", v2::NAIVE_DATE},
                                                   {"time", v2::STRING},
                                                   {"datetime", v2::NAIVE_DATETIME},
                                                   {"smalldatetime", v2::NAIVE_DATETIME},
                                                   {"datetime2", v2::NAIVE_DATETIME},
                                                   {"datetimeoffset", v2::UTC_DATETIME},
                                                   {"char", v2::STRING},
                                                   {"varchar", v2::STRING},
                                                   {"nchar", v2::STRING},
                                                   {"nvarchar", v2::STRING},
                                                   {"text", v2::STRING},
                                                   {"ntext", v2::STRING},
                                                   {"uniqueidentifier", v2::STRING},
                                                   {"binary", v2::BINARY},
                                                   {"varbinary", v2::BINARY},
                                                   {"image", v2::BINARY},
                                                   {"timestamp", v2::BINARY},
                                                   {"rowversion", v2::BINARY},
                                                   {"xml", v2::XML}};

  v2::SchemaResponse schema;
  grpc::Status gs = Client().Schema(Plain(), &schema);
  ASSERT_TRUE(gs.ok()) << gs.error_message();
  size_t tables = 0;
  for (const v2::Schema& sch : schema.with_schema().schemas()) {
    if (sch.name() == "ehi_connector_meta") continue;  // VALIDATION, not a source table
    for (const v2::Table& t : sch.tables()) {
      ++tables;
      const std::string key = absl::StrCat(sch.name(), ".", t.name());
      SCOPED_TRACE(key);
      ASSERT_EQ(expected.count(key), 1u);
      const auto& cols = expected[key];
      ASSERT_EQ(t.columns_size(), static_cast<int>(cols.size()));
      for (int i = 0; i < t.columns_size(); ++i) {
        EXPECT_EQ(t.columns(i).name(), cols[i].first);
        auto it = sdk.find(cols[i].second);
        const v2::DataType want = it == sdk.end() ? v2::STRING : it->second;
        EXPECT_EQ(t.columns(i).type(), want) << cols[i].first << " " << cols[i].second;
        EXPECT_EQ(t.columns(i).primary_key(),
                  key_columns.count(absl::StrCat(key, ".", cols[i].first)) == 1)
            << cols[i].first;
      }
    }
  }
  EXPECT_EQ(tables, expected.size());
}

TEST_F(HostE2eTest, SigtermStopsWithinFiveSeconds) {
  absl::StatusOr<RunningConnector> c = StartConnector();
  ASSERT_TRUE(c.ok()) << c.status();
  const absl::Time start = absl::Now();
  absl::StatusOr<int> exit_code = c->process.Stop(SIGTERM, absl::Seconds(5));
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(*exit_code, 0);
  EXPECT_THAT(c->process.output(), HasSubstr("listening on port"));
}

}  // namespace
}  // namespace ehi::e2e
