#include "connector/sqlserver/freetds_config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi::sqlserver {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ConnectionSettings Settings() {
  ConnectionSettings s;
  s.host = "db.example.org";
  s.port = 14330;
  s.user = "reader";
  s.password = "never-in-the-file";
  s.login_timeout = absl::Seconds(7);
  return s;
}

TEST(FreeTdsConfigTest, RendersTlsAndProtocolSettings) {
  const std::string text = RenderSection("ehi_x", Settings(), "/tmp/ca.pem", 1);
  EXPECT_THAT(text, HasSubstr("[ehi_x]\n"));
  EXPECT_THAT(text, HasSubstr("host = db.example.org\n"));
  EXPECT_THAT(text, HasSubstr("port = 14330\n"));
  EXPECT_THAT(text, HasSubstr("tds version = 7.4\n"));
  EXPECT_THAT(text, HasSubstr("client charset = UTF-8\n"));
  EXPECT_THAT(text, HasSubstr("text size = 2147483647\n"));
  EXPECT_THAT(text, HasSubstr("encryption = require\n"));
  EXPECT_THAT(text, HasSubstr("ca file = /tmp/ca.pem\n"));
  EXPECT_THAT(text, HasSubstr("check certificate hostname = yes\n"));
  EXPECT_THAT(text, HasSubstr("connect timeout = 7\n"));
  EXPECT_THAT(text, HasSubstr("timeout = 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("never-in-the-file")));
  EXPECT_THAT(text, Not(HasSubstr("reader")));
}

TEST(FreeTdsConfigTest, ModesAndCertificateHost) {
  ConnectionSettings s = Settings();
  s.encryption = EncryptionMode::kPreferred;
  EXPECT_THAT(RenderSection("n", s, "", 1), HasSubstr("encryption = request\n"));
  EXPECT_THAT(RenderSection("n", s, "", 1), Not(HasSubstr("ca file")));
  s.encryption = EncryptionMode::kOff;
  EXPECT_THAT(RenderSection("n", s, "", 1), HasSubstr("encryption = off\n"));
  s.encryption = EncryptionMode::kRequired;
  s.certificate_host_name = "other.example.org";
  EXPECT_THAT(RenderSection("n", s, "/ca", 1), HasSubstr("check certificate hostname = no\n"));
  s.certificate_host_name = "DB.example.org";
  EXPECT_THAT(RenderSection("n", s, "/ca", 1), HasSubstr("check certificate hostname = yes\n"));
}

TEST(FreeTdsConfigTest, SectionsAreStableAndPrivate) {
  FreeTdsConfig& config = FreeTdsConfig::Instance();
  ASSERT_TRUE(config.Initialize().ok());
  ConnectionSettings s = Settings();
  s.trust_server_certificate = true;
  absl::StatusOr<std::string> a = config.SectionFor(s);
  absl::StatusOr<std::string> b = config.SectionFor(s);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(*a, *b);
  s.port = 1;
  absl::StatusOr<std::string> c = config.SectionFor(s);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(*a, *c);
  const char* env = std::getenv("FREETDSCONF");
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(std::string(env), config.directory() + "/freetds.conf");

  // PEM text is copied into the private directory.
  s.trust_server_certificate = false;
  s.ca_certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  ASSERT_TRUE(config.SectionFor(s).ok());
  // A missing file is a user error, not a crash.
  s.ca_certificate = "/nonexistent/ca.pem";
  absl::StatusOr<std::string> bad = config.SectionFor(s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("'cert'"));
}

}  // namespace
}  // namespace ehi::sqlserver
