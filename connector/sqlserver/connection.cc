#include "connector/sqlserver/connection.h"

// sybfront.h must precede sybdb.h.
#include <sybdb.h>
#include <sybfront.h>

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/sqlserver/errors.h"
#include "connector/sqlserver/freetds_config.h"
#include "connector/sqlserver/login_messages.h"

namespace ehi::sqlserver {
namespace {

// login_messages.h names the DB-Library error numbers it words.
static_assert(kDbLibConnectionFailed == SYBEFCON);
static_assert(kDbLibTimeout == SYBETIME);
static_assert(kDbLibCannotConnect == SYBECONN);
static_assert(kDbLibUnknownHost == SYBEUHST);

struct LoginDeleter {
  void operator()(LOGINREC* login) const { dbloginfree(login); }
};
struct DbprocDeleter {
  void operator()(DBPROCESS* dbproc) const { dbclose(dbproc); }
};
using LoginPtr = std::unique_ptr<LOGINREC, LoginDeleter>;
using DbprocPtr = std::unique_ptr<DBPROCESS, DbprocDeleter>;

}  // namespace

// Everything the handlers and the connection share. The handlers run on the
// thread that is inside a DB-Library call for this connection, so apart from
// `cancel` (set from any thread) no locking is needed.
struct Connection::State {
  ConnectionSettings settings;
  DbprocPtr dbproc;
  std::atomic<bool> cancel{false};
  std::atomic<bool> dead{false};
  std::vector<ServerMessage> messages;
  std::vector<LibraryError> library_errors;
  absl::Time deadline = absl::InfiniteFuture();
  bool timed_out = false;
  bool cancelled_in_wait = false;

  void ResetOperation(absl::Duration timeout) {
    messages.clear();
    library_errors.clear();
    timed_out = false;
    cancelled_in_wait = false;
    deadline = timeout > absl::ZeroDuration() ? absl::Now() + timeout : absl::InfiniteFuture();
  }
};

namespace {

// During dbopen() the DBPROCESS has no user data yet; the handlers then use
// the state of the login running on this thread.
thread_local Connection::State* t_login_state = nullptr;

Connection::State* StateOf(DBPROCESS* dbproc) {
  if (dbproc != nullptr) {
    if (BYTE* data = dbgetuserdata(dbproc)) return reinterpret_cast<Connection::State*>(data);
  }
  return t_login_state;
}

int ErrorHandler(DBPROCESS* dbproc, int severity, int dberr, int oserr, char* dberrstr,
                 char* oserrstr) {
  Connection::State* st = StateOf(dbproc);
  if (dberr == SYBETIME) {
    // Fires every FreeTdsConfig::kPollSeconds while waiting for the server:
    // keep waiting unless cancelled or past our own deadline.
    if (st == nullptr) return INT_CANCEL;
    if (st->cancel.load()) {
      st->cancelled_in_wait = true;
      return INT_CANCEL;
    }
    if (absl::Now() < st->deadline) return INT_CONTINUE;
    st->timed_out = true;
    return INT_CANCEL;
  }
  if (st == nullptr) return INT_CANCEL;
  if (dberr == SYBESMSG) return INT_CANCEL;  // the server message is recorded already
  LibraryError e;
  e.number = dberr;
  e.severity = severity;
  e.os_error = oserr;
  if (dberrstr != nullptr) e.text = dberrstr;
  if (oserrstr != nullptr && oserr != 0 && oserr != DBNOERR) e.os_text = oserrstr;
  st->library_errors.push_back(std::move(e));
  if (dbproc != nullptr && DBDEAD(dbproc)) st->dead = true;
  // Never INT_EXIT: DB-Library would exit the process.
  return INT_CANCEL;
}

int MessageHandler(DBPROCESS* dbproc, DBINT msgno, int msgstate, int severity, char* msgtext,
                   char* /*srvname*/, char* /*procname*/, int /*line*/) {
  // Severity <= 10 is informational ("Changed database context to ...").
  if (severity <= 10) return 0;
  Connection::State* st = StateOf(dbproc);
  if (st == nullptr) return 0;
  ServerMessage m;
  m.number = msgno;
  m.state = msgstate;
  m.severity = severity;
  if (msgtext != nullptr) m.text = msgtext;
  st->messages.push_back(std::move(m));
  if (severity >= 20) st->dead = true;
  return 0;
}

absl::Status g_init_status;
absl::once_flag g_init_once;

void InitializeOnce() {
  if (dbinit() == FAIL) {
    g_init_status = absl::InternalError("FreeTDS DB-Library failed to initialise (dbinit)");
    return;
  }
  dberrhandle(ErrorHandler);
  dbmsghandle(MessageHandler);
  g_init_status = FreeTdsConfig::Instance().Initialize();
}

}  // namespace

absl::Status InitializeDbLibrary() {
  absl::call_once(g_init_once, InitializeOnce);
  return g_init_status;
}

// ---------------------------------------------------------------- Connection

namespace {

// One DB-Library login attempt. On failure returns nullptr and leaves the
// reasons in `st`.
DbprocPtr Login(Connection::State& st, const std::string& section, const std::string& user,
                const std::string& password) {
  LoginPtr login(dblogin());
  if (!login) return nullptr;
  const ConnectionSettings& s = st.settings;
  DBSETLUSER(login.get(), user.c_str());
  DBSETLPWD(login.get(), password.c_str());
  DBSETLAPP(login.get(), s.application_name.c_str());
  DBSETLCHARSET(login.get(), "UTF-8");
  DBSETLVERSION(login.get(), DBVERSION_74);
  if (!s.database.empty()) DBSETLDBNAME(login.get(), s.database.c_str());
  t_login_state = &st;
  st.ResetOperation(s.login_timeout);
  DbprocPtr dbproc(dbopen(login.get(), section.c_str()));
  t_login_state = nullptr;
  return dbproc;
}

}  // namespace

Connection::Connection(std::unique_ptr<State> state) : state_(std::move(state)) {}

Connection::~Connection() {
  if (state_ && state_->dbproc) {
    // Handlers must not see a dangling pointer while dbclose runs.
    dbsetuserdata(state_->dbproc.get(), nullptr);
    state_->dbproc.reset();
  }
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const ConnectionSettings& settings) {
  EHI_RETURN_IF_ERROR(InitializeDbLibrary());
  EHI_ASSIGN_OR_RETURN(std::string section, FreeTdsConfig::Instance().SectionFor(settings));
  auto st = std::make_unique<State>();
  st->settings = settings;
  const absl::Time started = absl::Now();
  DbprocPtr dbproc = Login(*st, section, settings.user, settings.password);
  if (!dbproc) {
    LoginAttempt attempt;
    attempt.messages = st->messages;
    attempt.library_errors = st->library_errors;
    attempt.timed_out = st->timed_out;
    attempt.section = section;
    if (WantsTlsProbe(settings, attempt)) {
      // Why did TLS fail? Try the handshake again without verification and
      // with a throw-away login name and no password (no secret leaves the
      // process): reaching the server's login check means TLS itself works
      // and the certificate was the problem.
      ConnectionSettings probe_settings = settings;
      probe_settings.trust_server_certificate = true;
      probe_settings.database.clear();
      auto probe_section = FreeTdsConfig::Instance().SectionFor(probe_settings);
      if (probe_section.ok()) {
        State probe;
        probe.settings = probe_settings;
        DbprocPtr p = Login(probe, *probe_section, "ehi_tls_probe", "");
        attempt.tls_works_unverified = p != nullptr || !probe.messages.empty();
        if (p) dbsetuserdata(p.get(), nullptr);
      }
    }
    absl::Status error = LoginFailureStatus(settings, attempt);
    LogDebug(absl::StrCat("Login to ", HostPort(settings), " failed after ",
                          absl::FormatDuration(absl::Now() - started), ": ", error.message()));
    return error;
  }
  dbsetuserdata(dbproc.get(), reinterpret_cast<BYTE*>(st.get()));
  st->dbproc = std::move(dbproc);
  std::unique_ptr<Connection> conn(new Connection(std::move(st)));
  EHI_RETURN_IF_ERROR(
      conn->Execute("SET ANSI_DEFAULTS ON; SET IMPLICIT_TRANSACTIONS OFF; "
                    "SET CURSOR_CLOSE_ON_COMMIT OFF; SET QUOTED_IDENTIFIER ON; "
                    "SET TEXTSIZE 2147483647;"));
  LogDebug(absl::StrCat("Connected to ", HostPort(settings), " database '", settings.database,
                        "' as '", settings.user, "' in ",
                        absl::FormatDuration(absl::Now() - started)));
  return conn;
}

void Connection::RequestCancel() { state_->cancel.store(true); }
void Connection::ResetCancel() { state_->cancel.store(false); }
bool Connection::cancel_requested() const { return state_->cancel.load(); }
bool Connection::IsDead() const {
  return state_->dead.load() || !state_->dbproc || DBDEAD(state_->dbproc.get());
}
const ConnectionSettings& Connection::settings() const { return state_->settings; }

absl::Status Connection::Execute(absl::string_view sql) { return Run(sql, nullptr); }

absl::Status Connection::Query(absl::string_view sql, RowCallback on_row) {
  auto adapter = [&on_row](int, const Row& row) { return on_row(row); };
  absl::FunctionRef<absl::Status(int, const Row&)> ref(adapter);
  return Run(sql, &ref);
}

absl::Status Connection::Query(
    absl::string_view sql, absl::FunctionRef<absl::Status(int result_index, const Row&)> on_row) {
  return Run(sql, &on_row);
}

absl::Status Connection::Run(absl::string_view sql,
                             absl::FunctionRef<absl::Status(int, const Row&)>* on_row) {
  State& st = *state_;
  if (st.cancel.load()) return absl::CancelledError("query cancelled");
  if (IsDead()) {
    return MakeSqlError(SYBEDDNE, "the connection to SQL Server is closed; reconnect");
  }
  DBPROCESS* dbproc = st.dbproc.get();
  st.ResetOperation(st.settings.query_timeout);

  // Builds the status for a failed step from what the handlers recorded.
  auto failure = [&](absl::string_view step) -> absl::Status {
    if (st.cancelled_in_wait || (st.cancel.load() && st.messages.empty())) {
      return absl::CancelledError("query cancelled");
    }
    if (st.timed_out) {
      return MakeSqlError(
          SYBETIME, absl::StrCat("Query timed out: no answer from ", HostPort(st.settings),
                                 " within ", absl::FormatDuration(st.settings.query_timeout)));
    }
    if (!st.messages.empty()) {
      const ServerMessage& m = st.messages.front();
      return MakeSqlError(m.number, absl::StrCat(m.text, " (SQL Server error ", m.number,
                                                 ", severity ", m.severity, ")"));
    }
    if (!st.library_errors.empty()) {
      return MakeSqlError(st.library_errors.front().number,
                          absl::StrCat(step, " failed: ", LibraryErrorsText(st.library_errors)));
    }
    if (DBDEAD(dbproc)) {
      st.dead = true;
      return MakeSqlError(SYBEDDNE, absl::StrCat(step, " failed: connection lost"));
    }
    return absl::UnknownError(absl::StrCat(step, " failed without a reason"));
  };
  // Discards whatever is left of the current batch so the connection stays
  // usable; a dead connection has nothing left to drain.
  auto drain = [&]() {
    if (!DBDEAD(dbproc)) dbcancel(dbproc);
  };

  const std::string command(sql);
  if (dbcmd(dbproc, command.c_str()) == FAIL) {
    drain();
    return failure("dbcmd");
  }
  if (dbsqlexec(dbproc) == FAIL) {
    absl::Status s = failure("dbsqlexec");
    drain();
    return s;
  }
  absl::Status first_error;
  int result_index = 0;
  std::vector<ResultColumn> columns;
  for (;;) {
    const RETCODE rc = dbresults(dbproc);
    if (rc == NO_MORE_RESULTS) break;
    if (rc == FAIL) {
      // A later statement of the batch failed; keep the first error and go
      // on draining (dbresults continues with the next statement).
      if (first_error.ok()) first_error = failure("dbresults");
      if (DBDEAD(dbproc) || st.cancel.load() || st.timed_out) break;
      st.messages.clear();
      st.library_errors.clear();
      continue;
    }
    const int ncols = dbnumcols(dbproc);
    if (ncols <= 0) continue;
    columns.clear();
    columns.reserve(static_cast<size_t>(ncols));
    for (int c = 1; c <= ncols; ++c) {
      ResultColumn col;
      if (const char* name = dbcolname(dbproc, c)) col.name = name;
      col.wire_type = dbcoltype(dbproc, c);
      col.type = DomainTypeOfWire(col.wire_type);
      col.max_length = dbcollen(dbproc, c);
      columns.push_back(std::move(col));
    }
    for (;;) {
      const STATUS row_status = dbnextrow(dbproc);
      if (row_status == NO_MORE_ROWS) break;
      if (row_status == FAIL) {
        absl::Status s = failure("dbnextrow");
        drain();
        return first_error.ok() ? s : first_error;
      }
      if (st.cancel.load()) {
        drain();
        return absl::CancelledError("query cancelled");
      }
      if (on_row == nullptr || !first_error.ok()) continue;
      Row row(dbproc, &columns);
      absl::Status s = (*on_row)(result_index, row);
      if (!s.ok()) {
        drain();
        return s;
      }
    }
    ++result_index;
  }
  if (!first_error.ok()) {
    drain();
    return first_error;
  }
  if (st.timed_out || st.cancelled_in_wait) return failure("query");
  return absl::OkStatus();
}

}  // namespace ehi::sqlserver
