#include "testing/testkit/tls_files.h"

#include "gtest/gtest.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tools.h"

namespace ehi::testkit {
namespace {

TEST(TlsFilesTest, ServerCertificateVerifiesAgainstTheCa) {
  TempDir dir;
  absl::StatusOr<TlsFiles> tls = MakeTlsFiles(dir.path(), "db.example.test");
  ASSERT_TRUE(tls.ok()) << tls.status();
  CommandResult verify = RunProgram({"openssl", "verify", "-CAfile", tls->ca_cert,
                                     "-verify_hostname", "db.example.test", tls->server_cert});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  for (const char* ip : {"127.0.0.1", "::1"}) {
    verify = RunProgram(
        {"openssl", "verify", "-CAfile", tls->ca_cert, "-verify_ip", ip, tls->server_cert});
    EXPECT_EQ(verify.exit_code, 0) << ip << ": " << verify.output;
  }
  verify = RunProgram({"openssl", "verify", "-CAfile", tls->ca_cert, "-verify_hostname",
                       "localhost", tls->server_cert});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  CommandResult key = RunProgram({"openssl", "pkey", "-in", tls->server_key, "-noout"});
  EXPECT_EQ(key.exit_code, 0) << key.output;
}

}  // namespace
}  // namespace ehi::testkit
