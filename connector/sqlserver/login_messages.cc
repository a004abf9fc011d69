#include "connector/sqlserver/login_messages.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "connector/sqlserver/errors.h"

namespace ehi::sqlserver {
namespace {

const ServerMessage* FindMessage(const std::vector<ServerMessage>& messages, int number) {
  for (const ServerMessage& m : messages) {
    if (m.number == number) return &m;
  }
  return nullptr;
}

const LibraryError* FindLibraryError(const std::vector<LibraryError>& errors, int number) {
  for (const LibraryError& e : errors) {
    if (e.number == number) return &e;
  }
  return nullptr;
}

}  // namespace

std::string HostPort(const ConnectionSettings& settings) {
  return absl::StrCat(settings.host, ":", settings.port);
}

std::string LibraryErrorsText(const std::vector<LibraryError>& errors) {
  std::vector<std::string> parts;
  for (const LibraryError& e : errors) {
    parts.push_back(e.os_text.empty() ? e.text : absl::StrCat(e.text, " (", e.os_text, ")"));
  }
  return absl::StrJoin(parts, "; ");
}

bool WantsTlsProbe(const ConnectionSettings& settings, const LoginAttempt& attempt) {
  const bool verifying =
      settings.encryption != EncryptionMode::kOff && !settings.trust_server_certificate;
  return verifying && attempt.messages.empty() &&
         FindLibraryError(attempt.library_errors, kDbLibConnectionFailed) != nullptr &&
         FindLibraryError(attempt.library_errors, kDbLibCannotConnect) == nullptr;
}

absl::Status LoginFailureStatus(const ConnectionSettings& settings, const LoginAttempt& attempt) {
  const ConnectionSettings& s = settings;
  // FreeTDS names the server by our private section; show host:port instead.
  auto library_text = [&]() {
    return absl::StrReplaceAll(LibraryErrorsText(attempt.library_errors),
                               {{attempt.section, HostPort(s)}});
  };
  // A missing database arrives as 4060 followed by 18456: name the database.
  if (const ServerMessage* m = FindMessage(attempt.messages, 4060)) {
    return MakeSqlError(4060, absl::StrCat("Cannot open database '", s.database, "' on ",
                                           HostPort(s), " as user '", s.user, "': ", m->text,
                                           " Check mssql_database and that the login has a "
                                           "user in that database."));
  }
  if (FindMessage(attempt.messages, 18456) != nullptr) {
    return MakeSqlError(18456, absl::StrCat("Login failed for user '", s.user, "' on ", HostPort(s),
                                            " (SQL Server error 18456). Check mssql_user and "
                                            "mssql_password, and that the login is enabled and "
                                            "allowed to connect."));
  }
  if (!attempt.messages.empty()) {
    const ServerMessage& m = attempt.messages.front();
    return MakeSqlError(m.number, absl::StrCat("Login to ", HostPort(s), " as user '", s.user,
                                               "' failed: ", m.text, " (error ", m.number, ")"));
  }
  if (FindLibraryError(attempt.library_errors, kDbLibUnknownHost) != nullptr) {
    return MakeSqlError(kDbLibUnknownHost, absl::StrCat("Unknown host '", s.host,
                                                        "': the name does not resolve. Check "
                                                        "mssql_server."));
  }
  if (attempt.timed_out) {
    return MakeSqlError(
        kDbLibTimeout,
        absl::StrCat("Timed out after ", absl::FormatDuration(s.login_timeout), " logging in to ",
                     HostPort(s), ". Check that the server is reachable and not overloaded."));
  }
  if (const LibraryError* e = FindLibraryError(attempt.library_errors, kDbLibCannotConnect)) {
    return MakeSqlError(kDbLibCannotConnect,
                        absl::StrCat("Cannot connect to ", HostPort(s), ": ",
                                     e->os_text.empty() ? e->text : e->os_text,
                                     ". Check mssql_server, mssql_port and any firewall between "
                                     "the connector and the server."));
  }
  if (FindLibraryError(attempt.library_errors, kDbLibConnectionFailed) != nullptr) {
    std::string detail = library_text();
    if (s.encryption != EncryptionMode::kOff) {
      const std::optional<bool>& tls_works_unverified = attempt.tls_works_unverified;
      std::string reason;
      if (tls_works_unverified.has_value() && *tls_works_unverified) {
        reason = absl::StrCat(
            "the server certificate is not trusted: it is not signed by the CA in 'cert' (or the "
            "system CA bundle when 'cert' is empty)",
            s.certificate_host_name.empty() || s.certificate_host_name == s.host
                ? absl::StrCat(" or is not issued to '", s.host, "'")
                : "",
            ". Provide the CA certificate in 'cert' or set trust_server_certificate");
      } else if (tls_works_unverified.has_value()) {
        reason =
            "the TLS handshake failed even without certificate verification: the server may "
            "not support encryption (set encryption to preferred or off) or uses a TLS version "
            "FreeTDS cannot negotiate (TDS 7.x needs TLS 1.2)";
      } else if (s.trust_server_certificate) {
        reason =
            "the TLS handshake failed (certificate checks were off): the server may not "
            "support encryption (set encryption to preferred or off) or uses a TLS version "
            "FreeTDS cannot negotiate (TDS 7.x needs TLS 1.2)";
      } else {
        reason = "the TLS handshake or the login exchange failed";
      }
      return MakeSqlError(kDbLibConnectionFailed, ErrorClass::kUserAction,
                          absl::StatusCode::kFailedPrecondition,
                          absl::StrCat("TLS failure connecting to ", HostPort(s),
                                       " (encryption=", EncryptionModeName(s.encryption),
                                       "): ", reason, ". [", detail, "]"));
    }
    return MakeSqlError(kDbLibConnectionFailed, absl::StrCat("Connection to ", HostPort(s),
                                                             " failed during login: ", detail));
  }
  if (!attempt.library_errors.empty()) {
    const LibraryError& e = attempt.library_errors.front();
    return MakeSqlError(e.number,
                        absl::StrCat("Cannot log in to ", HostPort(s), ": ", library_text()));
  }
  return MakeSqlError(kDbLibConnectionFailed, ErrorClass::kOther, absl::StatusCode::kUnknown,
                      absl::StrCat("Cannot log in to ", HostPort(s), " (no reason reported)"));
}

}  // namespace ehi::sqlserver
