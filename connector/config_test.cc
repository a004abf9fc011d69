#include "connector/config.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "S3cr3t-P@ss'word";
constexpr char kCertBody[] =
    "-----BEGIN CERTIFICATE-----\nMIIBsecretbody\n-----END CERTIFICATE-----";

std::map<std::string, std::string> Minimal() {
  return {{"mssql_server", "db.example.org"},
          {"mssql_database", "Caboodle"},
          {"mssql_user", "reader"},
          {"mssql_password", kPassword}};
}

std::string ErrorFor(std::map<std::string, std::string> values) {
  absl::StatusOr<Config> c = ParseConfig(values);
  EXPECT_FALSE(c.ok());
  if (c.ok()) return "";
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(c.status().message());
}

TEST(ConfigTest, MinimalConfigHasDocumentedDefaults) {
  absl::StatusOr<Config> c = ParseConfig(Minimal());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->server, "db.example.org");
  EXPECT_EQ(c->port, 1433);
  EXPECT_EQ(c->database, "Caboodle");
  EXPECT_EQ(c->user, "reader");
  EXPECT_EQ(c->password, kPassword);
  EXPECT_EQ(c->encryption, sqlserver::EncryptionMode::kRequired);
  EXPECT_FALSE(c->trust_server_certificate);
  EXPECT_EQ(c->max_retries, 5);
  EXPECT_EQ(c->retry_sleep_seconds, 5);
  EXPECT_FALSE(c->debug);
  EXPECT_EQ(c->small_table_threshold, 1'000'000);
  EXPECT_EQ(c->large_table_threshold, 50'000'000);
  EXPECT_FALSE(c->threads.has_value());
  EXPECT_FALSE(c->max_queue_size.has_value());
  EXPECT_EQ(c->small.batch_size, 5000);
  EXPECT_EQ(c->medium.batch_size, 2500);
  EXPECT_EQ(c->large.batch_size, 1000);
  EXPECT_EQ(c->small.checkpoint_rows, 1'000'000);
  EXPECT_EQ(c->medium.checkpoint_rows, 500'000);
  EXPECT_EQ(c->large.checkpoint_rows, 100'000);
  EXPECT_EQ(c->small.readers, 4);
  EXPECT_EQ(c->medium.readers, 2);
  EXPECT_EQ(c->large.readers, 1);
  EXPECT_EQ(c->small.queue_size, 10000);
  EXPECT_EQ(c->medium.queue_size, 5000);
  EXPECT_EQ(c->large.queue_size, 1000);
  EXPECT_EQ(c->checkpoint_max_seconds, 60);
  EXPECT_EQ(c->incremental_overlap_seconds, 60);
  EXPECT_TRUE(c->batch_records);
  EXPECT_TRUE(c->warnings.empty());
  EXPECT_TRUE(c->filter.empty());
}

TEST(ConfigTest, EveryKeyIsParsed) {
  auto values = Minimal();
  values["mssql_port"] = "14330";
  values["mssql_cert_server"] = "cert.example.org";
  values["cert"] = kCertBody;
  values["threads"] = "3";
  values["max_queue_size"] = "777";
  values["max_retries"] = "7";
  values["retry_sleep_seconds"] = "2";
  values["debug"] = "TRUE";
  values["encryption"] = "preferred";
  values["trust_server_certificate"] = "yes";
  values["include_schemas"] = "dbo, hcc";
  values["exclude_schemas"] = "staging";
  values["include_tables"] = "Patient*";
  values["exclude_tables"] = "dbo.PatientOld";
  values["small_table_threshold"] = "1_000";
  values["large_table_threshold"] = "5000";
  values["batch_size_small"] = "10";
  values["batch_size_medium"] = "20";
  values["batch_size_large"] = "30";
  values["checkpoint_rows_small"] = "100";
  values["checkpoint_rows_medium"] = "200";
  values["checkpoint_rows_large"] = "300";
  values["checkpoint_max_seconds"] = "15";
  values["incremental_overlap_seconds"] = "0";
  values["batch_records"] = "false";
  values["login_timeout_seconds"] = "12";
  values["query_timeout_seconds"] = "0";
  absl::StatusOr<Config> c = ParseConfig(values);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->port, 14330);
  EXPECT_EQ(c->cert_server, "cert.example.org");
  EXPECT_EQ(c->cert, kCertBody);
  EXPECT_EQ(c->threads, 3);
  EXPECT_EQ(c->max_queue_size, 777);
  EXPECT_EQ(c->max_retries, 7);
  EXPECT_EQ(c->retry_sleep_seconds, 2);
  EXPECT_TRUE(c->debug);
  EXPECT_EQ(c->encryption, sqlserver::EncryptionMode::kPreferred);
  EXPECT_TRUE(c->trust_server_certificate);
  EXPECT_TRUE(c->filter.Includes("hcc", "PatientX"));
  EXPECT_FALSE(c->filter.Includes("dbo", "PatientOld"));
  EXPECT_FALSE(c->filter.Includes("staging", "Patient"));
  EXPECT_FALSE(c->filter.Includes("dbo", "Encounter"));
  EXPECT_EQ(c->small_table_threshold, 1000);
  EXPECT_EQ(c->large_table_threshold, 5000);
  EXPECT_EQ(c->small.batch_size, 10);
  EXPECT_EQ(c->medium.batch_size, 20);
  EXPECT_EQ(c->large.batch_size, 30);
  EXPECT_EQ(c->small.checkpoint_rows, 100);
  EXPECT_EQ(c->medium.checkpoint_rows, 200);
  EXPECT_EQ(c->large.checkpoint_rows, 300);
  EXPECT_EQ(c->checkpoint_max_seconds, 15);
  EXPECT_EQ(c->incremental_overlap_seconds, 0);
  EXPECT_FALSE(c->batch_records);
  EXPECT_EQ(c->login_timeout_seconds, 12);
  EXPECT_EQ(c->query_timeout_seconds, 0);
  EXPECT_TRUE(c->warnings.empty());

  // Derived values.
  EXPECT_EQ(c->CategoryFor(999), TableCategory::kSmall);
  EXPECT_EQ(c->CategoryFor(1000), TableCategory::kMedium);
  EXPECT_EQ(c->CategoryFor(5000), TableCategory::kLarge);
  EXPECT_EQ(c->SettingsFor(TableCategory::kLarge).readers, 3);
  EXPECT_EQ(c->SettingsFor(TableCategory::kSmall).queue_size, 777);
  sqlserver::ConnectionSettings cs = c->ConnectionSettings();
  EXPECT_EQ(cs.host, "db.example.org");
  EXPECT_EQ(cs.port, 14330);
  EXPECT_EQ(cs.certificate_host_name, "cert.example.org");
  EXPECT_EQ(cs.login_timeout, absl::Seconds(12));
  EXPECT_EQ(cs.query_timeout, absl::ZeroDuration());
}

TEST(ConfigTest, EncryptionValues) {
  for (const auto& [text, mode] : std::vector<std::pair<std::string, sqlserver::EncryptionMode>>{
           {"required", sqlserver::EncryptionMode::kRequired},
           {"Required", sqlserver::EncryptionMode::kRequired},
           {"preferred", sqlserver::EncryptionMode::kPreferred},
           {"off", sqlserver::EncryptionMode::kOff}}) {
    auto values = Minimal();
    values["encryption"] = text;
    absl::StatusOr<Config> c = ParseConfig(values);
    ASSERT_TRUE(c.ok()) << text;
    EXPECT_EQ(c->encryption, mode) << text;
  }
  auto values = Minimal();
  values["encryption"] = "sometimes";
  EXPECT_THAT(ErrorFor(values), HasSubstr("'encryption' must be one of required, preferred, off"));
}

TEST(ConfigTest, EmptyOptionalValuesMeanDefault) {
  auto values = Minimal();
  values["mssql_port"] = "";
  values["threads"] = "  ";
  values["debug"] = "";
  absl::StatusOr<Config> c = ParseConfig(values);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->port, 1433);
  EXPECT_FALSE(c->threads.has_value());
}

TEST(ConfigTest, MissingRequiredKeysAreNamed) {
  for (const char* key : {"mssql_server", "mssql_database", "mssql_user", "mssql_password"}) {
    auto values = Minimal();
    values.erase(key);
    const std::string error = ErrorFor(values);
    EXPECT_THAT(error, HasSubstr(absl::StrCat("'", key, "' is required"))) << key;
    values = Minimal();
    values[key] = "";
    EXPECT_THAT(ErrorFor(values), HasSubstr(absl::StrCat("'", key, "' is required"))) << key;
  }
}

struct MalformedCase {
  const char* key;
  const char* value;
  const char* expected;
};

TEST(ConfigTest, MalformedValuesNameKeyAndExpectation) {
  const MalformedCase cases[] = {
      {"mssql_port", "abc", "an integer from 1 to 65535"},
      {"mssql_port", "0", "an integer from 1 to 65535"},
      {"mssql_port", "65536", "an integer from 1 to 65535"},
      {"mssql_port", "14.5", "an integer"},
      {"mssql_server", "bad host", "a host name"},
      {"mssql_server", "h;rm", "a host name"},
      {"mssql_cert_server", "a b", "a host name"},
      {"threads", "0", "an integer from 1 to 16"},
      {"threads", "17", "an integer from 1 to 16"},
      {"threads", "four", "an integer"},
      {"max_queue_size", "-1", "an integer from 1 to 1000000"},
      {"max_retries", "101", "an integer from 0 to 100"},
      {"retry_sleep_seconds", "x", "an integer from 0 to 3600"},
      {"debug", "maybe", "true or false"},
      {"trust_server_certificate", "2", "true or false"},
      {"batch_records", "t", "true or false"},
      {"small_table_threshold", "0", "an integer from 1"},
      {"large_table_threshold", "lots", "an integer from 1"},
      {"batch_size_small", "0", "an integer from 1 to 1000000"},
      {"batch_size_medium", "1e3", "an integer"},
      {"batch_size_large", "2000000", "an integer from 1 to 1000000"},
      {"checkpoint_rows_small", "0", "an integer from 1"},
      {"checkpoint_rows_medium", "x", "an integer"},
      {"checkpoint_rows_large", "-5", "an integer"},
      {"checkpoint_max_seconds", "0", "an integer from 1 to 3600"},
      {"incremental_overlap_seconds", "-1", "an integer from 0"},
      {"login_timeout_seconds", "0", "an integer from 1 to 600"},
      {"query_timeout_seconds", "-1", "an integer from 0 to 86400"},
  };
  for (const MalformedCase& mc : cases) {
    auto values = Minimal();
    values[mc.key] = mc.value;
    const std::string error = ErrorFor(values);
    EXPECT_THAT(error, HasSubstr(absl::StrCat("'", mc.key, "'"))) << mc.key << "=" << mc.value;
    EXPECT_THAT(error, HasSubstr(mc.expected)) << mc.key << "=" << mc.value;
    EXPECT_THAT(error, HasSubstr(absl::StrCat("got '", mc.value))) << mc.key;
  }
}

TEST(ConfigTest, ThresholdsMustBeOrdered) {
  auto values = Minimal();
  values["small_table_threshold"] = "100";
  values["large_table_threshold"] = "100";
  EXPECT_THAT(ErrorFor(values), HasSubstr("'large_table_threshold' must be greater than"));
}

TEST(ConfigTest, TooLongNamesAreRejected) {
  auto values = Minimal();
  values["mssql_database"] = std::string(129, 'd');
  EXPECT_THAT(ErrorFor(values), HasSubstr("'mssql_database'"));
  values = Minimal();
  values["mssql_user"] = std::string(129, 'u');
  EXPECT_THAT(ErrorFor(values), HasSubstr("'mssql_user'"));
}

TEST(ConfigTest, SecretsNeverAppearInErrorsOrWarnings) {
  auto values = Minimal();
  values["mssql_password"] = std::string(200, 'p');
  std::string error = ErrorFor(values);
  EXPECT_THAT(error, HasSubstr("'mssql_password'"));
  EXPECT_THAT(error, Not(HasSubstr("ppppp")));

  // A bad value elsewhere must not drag the password or cert along.
  values = Minimal();
  values["cert"] = kCertBody;
  values["threads"] = "nope";
  error = ErrorFor(values);
  EXPECT_THAT(error, Not(HasSubstr(kPassword)));
  EXPECT_THAT(error, Not(HasSubstr("secretbody")));

  values = Minimal();
  values["cert"] = kCertBody;
  values["mystery_key"] = "x";
  absl::StatusOr<Config> c = ParseConfig(values);
  ASSERT_TRUE(c.ok());
  for (const std::string& w : c->warnings) {
    EXPECT_THAT(w, Not(HasSubstr(kPassword)));
    EXPECT_THAT(w, Not(HasSubstr("secretbody")));
  }
}

TEST(ConfigTest, PasswordKeepsSurroundingSpaces) {
  auto values = Minimal();
  values["mssql_password"] = " spaced ";
  absl::StatusOr<Config> c = ParseConfig(values);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->password, " spaced ");
}

TEST(ConfigTest, UnknownKeysBecomeOneWarning) {
  auto values = Minimal();
  values["colour"] = "blue";
  values["mssql_sever"] = "typo";
  absl::StatusOr<Config> c = ParseConfig(values);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->warnings.size(), 1u);
  EXPECT_THAT(c->warnings[0], HasSubstr("'colour'"));
  EXPECT_THAT(c->warnings[0], HasSubstr("'mssql_sever'"));
  EXPECT_THAT(c->warnings[0], Not(HasSubstr("blue")));
}

TEST(ConfigTest, ControlCharactersInValuesAreNotEchoed) {
  auto values = Minimal();
  values["threads"] = "1\n2";
  EXPECT_THAT(ErrorFor(values), Not(HasSubstr("\n")));
}

}  // namespace
}  // namespace ehi
