// Everything needed to open one SQL Server connection. Built from the
// connector's Config (see config.h); plain data, copyable.
#ifndef EHI_CONNECTOR_SQLSERVER_CONNECTION_SETTINGS_H_
#define EHI_CONNECTOR_SQLSERVER_CONNECTION_SETTINGS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ehi::sqlserver {

// TLS policy for the TDS connection.
//   kRequired:  TLS for the whole session; fail if the server cannot do it.
//   kPreferred: TLS when the server offers it, otherwise plain (FreeTDS
//               "request": at least the login packet is encrypted).
//   kOff:       no TLS unless the server insists on it.
enum class EncryptionMode { kRequired, kPreferred, kOff };

struct ConnectionSettings {
  std::string host;
  int port = 1433;
  std::string database;
  std::string user;
  std::string password;  // never logged
  EncryptionMode encryption = EncryptionMode::kRequired;
  // CA certificate(s) to verify the server with: PEM text or a path to a PEM
  // file. Empty: the system CA bundle (unless trust_server_certificate).
  std::string ca_certificate;
  // Host name expected in the server certificate. Empty: `host`.
  std::string certificate_host_name;
  // Accept any server certificate (encryption without verification).
  bool trust_server_certificate = false;
  absl::Duration login_timeout = absl::Seconds(30);
  // Longest wait for the server's next answer during a query. Zero: no limit.
  absl::Duration query_timeout = absl::Minutes(15);
  std::string application_name = "ehi-connector";
};

absl::string_view EncryptionModeName(EncryptionMode mode);  // "required", ...

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_CONNECTION_SETTINGS_H_
