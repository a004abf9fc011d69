#include "testing/testkit/tls_files.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "testing/testkit/files.h"
#include "testing/testkit/tools.h"

namespace ehi::testkit {

absl::StatusOr<TlsFiles> MakeTlsFiles(const std::string& dir, const std::string& host_name) {
  if (!HaveTool("openssl")) {
    return absl::FailedPreconditionError(
        "the openssl command-line tool is not installed: run scripts/deps.sh test");
  }
  TlsFiles files;
  files.ca_cert = dir + "/ca.pem";
  files.server_cert = dir + "/server.pem";
  files.server_key = dir + "/server.key";
  const std::string ca_key = dir + "/ca.key";
  const std::string request = dir + "/server.csr";
  const std::string extensions = dir + "/server.ext";
  absl::Status written =
      WriteFile(extensions, absl::StrCat("subjectAltName=DNS:", host_name,
                                         ",DNS:localhost,IP:127.0.0.1,IP:::1\n"
                                         "basicConstraints=CA:FALSE\n"
                                         "keyUsage=digitalSignature,keyEncipherment\n"
                                         "extendedKeyUsage=serverAuth\n"));
  if (!written.ok()) return written;
  const std::vector<std::vector<std::string>> steps = {
      {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
       "/CN=ehi-test-ca", "-keyout", ca_key, "-out", files.ca_cert},
      {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + host_name, "-keyout",
       files.server_key, "-out", request},
      {"openssl", "x509", "-req", "-in", request, "-CA", files.ca_cert, "-CAkey", ca_key,
       "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", files.server_cert},
  };
  for (const std::vector<std::string>& step : steps) {
    CommandResult r = RunProgram(step, "", absl::Minutes(1));
    if (r.exit_code != 0) {
      return absl::InternalError(absl::StrCat("'", absl::StrJoin(step, " "), "' failed (exit ",
                                              r.exit_code, "): ", r.output));
    }
  }
  return files;
}

}  // namespace ehi::testkit
