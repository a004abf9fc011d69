#include "connector/sqlserver/login_messages.h"

#include <string>

#include "absl/time/time.h"
#include "connector/sqlserver/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi::sqlserver {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "s3cret-Pw!";
constexpr char kSection[] = "ehi_7f3a";

ConnectionSettings Settings() {
  ConnectionSettings s;
  s.host = "db1.example";
  s.port = 14330;
  s.database = "Caboodle";
  s.user = "etl";
  s.password = kPassword;
  s.login_timeout = absl::Seconds(30);
  return s;
}

LoginAttempt Attempt() {
  LoginAttempt a;
  a.section = kSection;
  return a;
}

ServerMessage Message(int number, std::string text) {
  ServerMessage m;
  m.number = number;
  m.severity = 14;
  m.state = 1;
  m.text = std::move(text);
  return m;
}

LibraryError Library(int number, std::string text, std::string os_text = "") {
  LibraryError e;
  e.number = number;
  e.severity = 9;
  e.text = std::move(text);
  e.os_text = std::move(os_text);
  return e;
}

// The failure FreeTDS reports when the TLS handshake (or the server, during
// login) drops the connection: it names the server by our section.
LibraryError FailedConnection() {
  return Library(kDbLibConnectionFailed,
                 std::string("Unable to connect: Adaptive Server is unavailable or does not "
                             "exist (") +
                     kSection + ")");
}

void ExpectNoSecret(const absl::Status& s) {
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr(kPassword)));
}

TEST(HostPortTest, JoinsHostAndPort) { EXPECT_EQ(HostPort(Settings()), "db1.example:14330"); }

TEST(LibraryErrorsTextTest, JoinsErrorsWithOsTextInParentheses) {
  EXPECT_EQ(LibraryErrorsText({Library(20009, "Unable to connect", "Connection refused"),
                               Library(20002, "Adaptive Server connection failed")}),
            "Unable to connect (Connection refused); Adaptive Server connection failed");
  EXPECT_EQ(LibraryErrorsText({}), "");
}

TEST(LoginFailureStatusTest, MissingDatabaseIsNamedEvenWhenLoginFailedFollows) {
  LoginAttempt a = Attempt();
  a.messages = {Message(4060, "Cannot open database \"Caboodle\" requested by the login."),
                Message(18456, "Login failed for user 'etl'.")};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(SqlErrorNumber(s), 4060);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_EQ(s.message(),
            "Cannot open database 'Caboodle' on db1.example:14330 as user 'etl': Cannot open "
            "database \"Caboodle\" requested by the login. Check mssql_database and that the login "
            "has a user in that database.");
  ExpectNoSecret(s);
}

TEST(LoginFailureStatusTest, LoginFailed18456NamesUserAndSettings) {
  LoginAttempt a = Attempt();
  a.messages = {Message(18456, "Login failed for user 'etl'.")};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(SqlErrorNumber(s), 18456);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_EQ(s.message(),
            "Login failed for user 'etl' on db1.example:14330 (SQL Server error 18456). Check "
            "mssql_user and mssql_password, and that the login is enabled and allowed to "
            "connect.");
  ExpectNoSecret(s);
}

TEST(LoginFailureStatusTest, OtherServerMessageIsQuotedWithItsNumber) {
  LoginAttempt a = Attempt();
  a.messages = {Message(18486, "Login failed for user 'etl' because the account is locked."),
                Message(50000, "second")};
  // Server messages outrank library errors.
  a.library_errors = {FailedConnection()};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(SqlErrorNumber(s), 18486);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(s.message(),
            "Login to db1.example:14330 as user 'etl' failed: Login failed for user 'etl' because "
            "the account is locked. (error 18486)");
}

TEST(LoginFailureStatusTest, UnknownHost) {
  LoginAttempt a = Attempt();
  a.library_errors = {Library(kDbLibUnknownHost, "Unknown host machine name."), FailedConnection()};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibUnknownHost);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_EQ(s.message(),
            "Unknown host 'db1.example': the name does not resolve. Check mssql_server.");
}

TEST(LoginFailureStatusTest, TimeoutNamesTheLoginTimeout) {
  LoginAttempt a = Attempt();
  a.timed_out = true;
  a.library_errors = {Library(kDbLibConnectionFailed, "Adaptive Server connection failed")};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibTimeout);
  EXPECT_TRUE(IsTransient(s));
  EXPECT_EQ(s.message(),
            "Timed out after 30s logging in to db1.example:14330. Check that the server is "
            "reachable and not overloaded.");
}

TEST(LoginFailureStatusTest, UnreachableHostPrefersTheOperatingSystemText) {
  LoginAttempt a = Attempt();
  a.library_errors = {
      Library(kDbLibCannotConnect, "Unable to connect socket", "Connection refused"),
      FailedConnection()};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibCannotConnect);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_EQ(s.message(),
            "Cannot connect to db1.example:14330: Connection refused. Check mssql_server, "
            "mssql_port and any firewall between the connector and the server.");
}

TEST(LoginFailureStatusTest, UnreachableHostWithoutOperatingSystemText) {
  LoginAttempt a = Attempt();
  a.library_errors = {Library(kDbLibCannotConnect, "Unable to connect socket")};
  EXPECT_THAT(std::string(LoginFailureStatus(Settings(), a).message()),
              HasSubstr("Cannot connect to db1.example:14330: Unable to connect socket. Check"));
}

TEST(LoginFailureStatusTest, UntrustedCertificateWhenTlsWorksUnverified) {
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  a.tls_works_unverified = true;
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibConnectionFailed);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_EQ(s.message(),
            "TLS failure connecting to db1.example:14330 (encryption=required): the server "
            "certificate is not trusted: it is not signed by the CA in 'cert' (or the system CA "
            "bundle when 'cert' is empty) or is not issued to 'db1.example'. Provide the CA "
            "certificate in 'cert' or set trust_server_certificate. [Unable to connect: Adaptive "
            "Server is unavailable or does not exist (db1.example:14330)]");
  ExpectNoSecret(s);
}

TEST(LoginFailureStatusTest, UntrustedCertificateWithOtherCertificateHostChecksOnlyTheChain) {
  ConnectionSettings settings = Settings();
  settings.certificate_host_name = "sql.internal";
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  a.tls_works_unverified = true;
  const std::string message(LoginFailureStatus(settings, a).message());
  EXPECT_THAT(message, HasSubstr("is not signed by the CA in 'cert'"));
  EXPECT_THAT(message, Not(HasSubstr("is not issued to")));
  // The same host spelled out again still names it.
  settings.certificate_host_name = settings.host;
  EXPECT_THAT(std::string(LoginFailureStatus(settings, a).message()),
              HasSubstr("or is not issued to 'db1.example'"));
}

TEST(LoginFailureStatusTest, TlsFailsEvenWithoutVerification) {
  ConnectionSettings settings = Settings();
  settings.encryption = EncryptionMode::kPreferred;
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  a.tls_works_unverified = false;
  absl::Status s = LoginFailureStatus(settings, a);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()),
              AllOf(HasSubstr("TLS failure connecting to db1.example:14330 (encryption=preferred): "
                              "the TLS handshake failed even without certificate verification"),
                    HasSubstr("TDS 7.x needs TLS 1.2"), Not(HasSubstr(kSection))));
}

TEST(LoginFailureStatusTest, TlsFailsWithCertificateChecksOff) {
  ConnectionSettings settings = Settings();
  settings.trust_server_certificate = true;
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  absl::Status s = LoginFailureStatus(settings, a);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(IsUserActionRequired(s));
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("(encryption=required): the TLS handshake failed (certificate checks "
                        "were off): the server may not support encryption"));
}

TEST(LoginFailureStatusTest, TlsFailsWithoutProbe) {
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  EXPECT_THAT(
      std::string(LoginFailureStatus(Settings(), a).message()),
      HasSubstr("(encryption=required): the TLS handshake or the login exchange failed. ["));
}

TEST(LoginFailureStatusTest, FailedConnectionWithoutEncryptionIsNotCalledTls) {
  ConnectionSettings settings = Settings();
  settings.encryption = EncryptionMode::kOff;
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  absl::Status s = LoginFailureStatus(settings, a);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibConnectionFailed);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "Connection to db1.example:14330 failed during login: Unable to connect: Adaptive "
            "Server is unavailable or does not exist (db1.example:14330)");
}

TEST(LoginFailureStatusTest, OtherLibraryErrorIsQuoted) {
  LoginAttempt a = Attempt();
  a.library_errors = {Library(20014, std::string("Login incorrect for ") + kSection),
                      Library(20017, "Unexpected EOF from the server", "Connection reset")};
  absl::Status s = LoginFailureStatus(Settings(), a);
  EXPECT_EQ(SqlErrorNumber(s), 20014);
  EXPECT_EQ(s.message(),
            "Cannot log in to db1.example:14330: Login incorrect for db1.example:14330; "
            "Unexpected EOF from the server (Connection reset)");
}

TEST(LoginFailureStatusTest, NothingRecordedIsAnUnknownError) {
  absl::Status s = LoginFailureStatus(Settings(), Attempt());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(ErrorClassOf(s), ErrorClass::kOther);
  EXPECT_EQ(SqlErrorNumber(s), kDbLibConnectionFailed);
  EXPECT_EQ(s.message(), "Cannot log in to db1.example:14330 (no reason reported)");
}

TEST(WantsTlsProbeTest, OnlyForAFailedVerifiedHandshake) {
  LoginAttempt a = Attempt();
  a.library_errors = {FailedConnection()};
  EXPECT_TRUE(WantsTlsProbe(Settings(), a));

  ConnectionSettings trusting = Settings();
  trusting.trust_server_certificate = true;
  EXPECT_FALSE(WantsTlsProbe(trusting, a));
  ConnectionSettings plain = Settings();
  plain.encryption = EncryptionMode::kOff;
  EXPECT_FALSE(WantsTlsProbe(plain, a));

  LoginAttempt refused = a;
  refused.library_errors.insert(refused.library_errors.begin(),
                                Library(kDbLibCannotConnect, "Unable to connect socket"));
  EXPECT_FALSE(WantsTlsProbe(Settings(), refused));
  LoginAttempt answered = a;
  answered.messages = {Message(18456, "Login failed for user 'etl'.")};
  EXPECT_FALSE(WantsTlsProbe(Settings(), answered));
  EXPECT_FALSE(WantsTlsProbe(Settings(), Attempt()));
}

}  // namespace
}  // namespace ehi::sqlserver
