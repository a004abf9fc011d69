// Throw-away TLS material for tests, made with the openssl command-line
// tool: a CA, and a server certificate it signed.
//
//   TempDir dir;
//   absl::StatusOr<TlsFiles> tls = MakeTlsFiles(dir.path(), "localhost");
//   ASSERT_TRUE(tls.ok()) << tls.status();
//   // server: --tls-cert tls->server_cert --tls-key tls->server_key
//   // client: trust tls->ca_cert (or skip verification)
//
// Clients that skip verification (FreeTDS without `ca file`, tedious with
// trustServerCertificate) accept the server certificate as it is, so one
// recipe serves every test.
#ifndef EHI_TESTING_TESTKIT_TLS_FILES_H_
#define EHI_TESTING_TESTKIT_TLS_FILES_H_

#include <string>

#include "absl/status/statusor.h"

namespace ehi::testkit {

struct TlsFiles {
  std::string ca_cert;      // PEM of the CA that signed server_cert
  std::string server_cert;  // PEM; CN and DNS SAN = host name
  std::string server_key;   // PEM private key of server_cert, unencrypted
};

// Writes ca.pem, server.pem and server.key (RSA 2048, valid for 2 days) in
// `dir`. The server certificate names `host_name` and also carries DNS and
// IP subjectAltNames for localhost, 127.0.0.1 and ::1. FAILED_PRECONDITION
// when openssl is not installed (scripts/deps.sh test installs it);
// INTERNAL with openssl's output when a step fails.
absl::StatusOr<TlsFiles> MakeTlsFiles(const std::string& dir, const std::string& host_name);

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_TLS_FILES_H_
