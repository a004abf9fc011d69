// The words a database administrator reads when a login fails, decided from
// what DB-Library's handlers recorded during the attempt. Connection::Open
// (connection.cc) gathers the facts; this file only words them, so every
// case is unit-tested without a server or FreeTDS.
//
//   LoginAttempt attempt;
//   attempt.messages.push_back({18456, 14, 1, "Login failed for user 'etl'."});
//   absl::Status s = LoginFailureStatus(settings, attempt);
//   // UNAUTHENTICATED: "Login failed for user 'etl' on db1:1433 (SQL Server
//   // error 18456). Check mssql_user and mssql_password, ..."
//
// Order of precedence: missing database (4060, which SQL Server follows with
// 18456), failed login (18456), any other server message, unknown host,
// login timeout, unreachable host, failed connection (TLS when encryption is
// on), any other library error, no reason at all.
//
// Statuses carry the payload of errors.h (error number and class). The
// password is never part of a message.
// Thread-safe: plain data and pure functions.
#ifndef EHI_CONNECTOR_SQLSERVER_LOGIN_MESSAGES_H_
#define EHI_CONNECTOR_SQLSERVER_LOGIN_MESSAGES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "connector/sqlserver/connection_settings.h"

namespace ehi::sqlserver {

// A server message above severity 10, as the message handler received it.
struct ServerMessage {
  int number = 0;
  int severity = 0;
  int state = 0;
  std::string text;
};

// A DB-Library error, as the error handler received it.
struct LibraryError {
  int number = 0;
  int severity = 0;
  int os_error = 0;
  std::string text;
  std::string os_text;  // empty when the operating system reported nothing
};

// The DB-Library error numbers (sybdb.h) the wording tells apart;
// connection.cc checks them against sybdb.h at compile time.
inline constexpr int kDbLibConnectionFailed = 20002;  // SYBEFCON
inline constexpr int kDbLibTimeout = 20003;           // SYBETIME
inline constexpr int kDbLibCannotConnect = 20009;     // SYBECONN
inline constexpr int kDbLibUnknownHost = 20013;       // SYBEUHST

// What one failed login left behind.
struct LoginAttempt {
  std::vector<ServerMessage> messages;
  std::vector<LibraryError> library_errors;
  bool timed_out = false;  // the login timeout ran out
  // The private freetds.conf section the login used; FreeTDS names the
  // server by it, the wording shows host:port instead.
  std::string section;
  // Finding of the TLS probe (a second handshake without certificate
  // verification, see WantsTlsProbe): true if TLS then worked, false if it
  // failed too, nullopt if there was no probe.
  std::optional<bool> tls_works_unverified;
};

// "host:port".
std::string HostPort(const ConnectionSettings& settings);

// The library errors joined with "; ", each with its operating-system text
// in parentheses when there is one.
std::string LibraryErrorsText(const std::vector<LibraryError>& errors);

// Whether a failed login is worth the TLS probe: certificates were being
// verified, the server said nothing, the connection failed (SYBEFCON) but
// the socket did connect (no SYBECONN).
bool WantsTlsProbe(const ConnectionSettings& settings, const LoginAttempt& attempt);

// One actionable status for a failed login (see the order above).
absl::Status LoginFailureStatus(const ConnectionSettings& settings, const LoginAttempt& attempt);

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_LOGIN_MESSAGES_H_
