// The one way the connector talks to SQL Server: FreeTDS DB-Library (TDS 7.4)
// behind a small RAII layer. Nothing else in the code calls DB-Library.
//
//   EHI_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
//                        Connection::Open(settings));
//   EHI_RETURN_IF_ERROR(conn->Query(
//       "SELECT [id], [name] FROM [dbo].[Patient]",
//       [&](const Row& row) -> absl::Status {
//         EHI_ASSIGN_OR_RETURN(Value id, row.Get(0));
//         ...
//         return absl::OkStatus();   // any error stops the query (dbcancel)
//       }));
//
// What Open() does: initialises DB-Library once per process (dbinit, one
// error and one message handler routed to the connection through
// dbsetuserdata), writes the per-connection TLS settings into a private
// freetds.conf (see freetds_config.h; the user's own configuration is never
// read or changed), logs in with TDS 7.4 and a UTF-8 client charset, then sets
//   SET ANSI_DEFAULTS ON; SET IMPLICIT_TRANSACTIONS OFF;
//   SET CURSOR_CLOSE_ON_COMMIT OFF; SET QUOTED_IDENTIFIER ON;
//   SET TEXTSIZE 2147483647;
// (ANSI_DEFAULTS turns IMPLICIT_TRANSACTIONS on, which would leave every read
// inside an open transaction holding locks; it is switched back off.)
//
// Queries stream: rows (row.h) are handed to the callback one at a time
// straight from DB-Library's buffer, never collected. Every result set of the
// batch is drained, so the connection is always ready for the next command.
//
// Errors: statuses carry an ErrorClass payload (errors.h); a failed login is
// worded by login_messages.h. After a transient or connection-level error
// check IsDead(); a dead connection must be replaced (Open a new one).
//
// Thread-safety: a Connection is used by one thread at a time, except
// RequestCancel(), which any thread may call at any time. Different
// Connections may be used concurrently from different threads.
#ifndef EHI_CONNECTOR_SQLSERVER_CONNECTION_H_
#define EHI_CONNECTOR_SQLSERVER_CONNECTION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/sqlserver/connection_settings.h"
#include "connector/sqlserver/row.h"
#include "connector/value.h"

namespace ehi::sqlserver {

using RowCallback = absl::FunctionRef<absl::Status(const Row&)>;

class Connection {
 public:
  // Logs in. Errors are classified (errors.h) and phrased for a database
  // administrator: "Login failed for user 'etl'", "cannot reach host:port",
  // "TLS handshake with host:port failed: ...". Never includes the password.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const ConnectionSettings& settings);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a batch, discarding any rows.
  absl::Status Execute(absl::string_view sql);

  // Runs a batch and streams the rows of every result set to `on_row`
  // (`result_index` tells result sets apart when a batch has several). An
  // error returned by the callback cancels the query (dbcancel), drains it
  // and is returned as is.
  absl::Status Query(absl::string_view sql, RowCallback on_row);
  absl::Status Query(absl::string_view sql,
                     absl::FunctionRef<absl::Status(int result_index, const Row&)> on_row);

  // Asks the running (or next) query to stop: from another thread the wait
  // for the server ends within about a second (the timeout handler polls the
  // flag) and the query returns CANCELLED after a dbcancel. The flag is
  // sticky: every later Query/Execute returns CANCELLED until ResetCancel().
  void RequestCancel();
  void ResetCancel();
  bool cancel_requested() const;

  // True once the connection is unusable (network error, fatal severity).
  bool IsDead() const;

  const ConnectionSettings& settings() const;

  // Implementation detail shared with the DB-Library handlers in
  // connection.cc; not part of the API.
  struct State;

 private:
  explicit Connection(std::unique_ptr<State> state);
  absl::Status Run(absl::string_view sql,
                   absl::FunctionRef<absl::Status(int result_index, const Row&)>* on_row);
  std::unique_ptr<State> state_;
};

// Process-wide DB-Library setup (dbinit, handlers, private FREETDSCONF).
// Open() calls it; main() calls it early (as the domain's
// InitializeSourceDriver), before threads start, because it sets an
// environment variable. Idempotent and thread-safe.
absl::Status InitializeDbLibrary();

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_CONNECTION_H_
