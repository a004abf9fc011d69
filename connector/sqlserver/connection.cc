#include "connector/sqlserver/connection.h"

// sybfront.h must precede sybdb.h.
#include <sybdb.h>
#include <sybfront.h>

#include <atomic>
#include <cstring>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/sqlserver/decode.h"
#include "connector/sqlserver/errors.h"
#include "connector/sqlserver/freetds_config.h"

namespace ehi::sqlserver {
namespace {

struct ServerMessage {
  int number = 0;
  int severity = 0;
  int state = 0;
  std::string text;
};

struct LibraryError {
  int number = 0;
  int severity = 0;
  int os_error = 0;
  std::string text;
  std::string os_text;
};

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

// NUMERIC storage bytes (sign byte included) per precision, as TDS sends it.
int NumericBytes(int precision) {
  static constexpr int kBytes[39] = {1,  2,  2,  3,  3,  4,  4,  4,  5,  5,  6,  6,  6,
                                     7,  7,  8,  8,  9,  9,  9,  10, 10, 11, 11, 11, 12,
                                     12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 16, 17, 17};
  if (precision < 0 || precision > 38) return 17;
  return kBytes[precision];
}

DataType DomainTypeOfWire(int wire) {
  switch (wire) {
    case kWireBit:
      return DataType::kBoolean;
    case kWireInt1:
    case kWireInt2:
      return DataType::kShort;
    case kWireInt4:
      return DataType::kInt;
    case kWireInt8:
      return DataType::kLong;
    case kWireReal:
      return DataType::kFloat;
    case kWireFloat8:
      return DataType::kDouble;
    case kWireMoney:
    case kWireMoney4:
    case kWireDecimal:
    case kWireNumeric:
      return DataType::kDecimal;
    case kWireDate:
      return DataType::kNaiveDate;
    case kWireDateTime:
    case kWireDateTime4:
    case kWireDateTime2:
      return DataType::kNaiveDateTime;
    case kWireDateTimeOffset:
      return DataType::kUtcDateTime;
    case kWireBinary:
    case kWireImage:
      return DataType::kBinary;
    default:
      return DataType::kString;  // char, text, xml, guid, time, others as text
  }
}

template <typename T>
T Load(const BYTE* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

absl::Status InitializeDbLibrary() {
  absl::call_once(g_init_once, InitializeOnce);
  return g_init_status;
}

// ---------------------------------------------------------------- Row

bool Row::IsNull(int index) const {
  auto* dbproc = static_cast<DBPROCESS*>(dbproc_);
  return dbdata(dbproc, index + 1) == nullptr;
}

absl::StatusOr<Value> Row::Get(int index) const {
  if (index < 0 || index >= column_count()) {
    return absl::OutOfRangeError(absl::StrCat("column index ", index, " out of range"));
  }
  auto* dbproc = static_cast<DBPROCESS*>(dbproc_);
  const ResultColumn& col = (*columns_)[index];
  const BYTE* data = dbdata(dbproc, index + 1);
  if (data == nullptr) return Value::Null(col.type);
  const int len = dbdatlen(dbproc, index + 1);
  Value v;
  v.type = col.type;
  v.is_null = false;
  switch (col.wire_type) {
    case kWireBit:
      v.boolean = *data != 0;
      return v;
    case kWireInt1:
      v.integer = *data;
      return v;
    case kWireInt2:
      v.integer = Load<int16_t>(data);
      return v;
    case kWireInt4:
      v.integer = Load<int32_t>(data);
      return v;
    case kWireInt8:
      v.integer = Load<int64_t>(data);
      return v;
    case kWireReal:
      v.real = Load<float>(data);
      return v;
    case kWireFloat8:
      v.real = Load<double>(data);
      return v;
    case kWireMoney: {
      const auto m = Load<DBMONEY>(data);
      const int64_t scaled = static_cast<int64_t>(
          (static_cast<uint64_t>(static_cast<uint32_t>(m.mnyhigh)) << 32) | m.mnylow);
      v.text = FormatScaled(scaled, 4);
      return v;
    }
    case kWireMoney4:
      v.text = FormatScaled(Load<DBMONEY4>(data).mny4, 4);
      return v;
    case kWireDecimal:
    case kWireNumeric: {
      const auto n = Load<DBNUMERIC>(data);
      const int bytes = NumericBytes(n.precision);
      EHI_ASSIGN_OR_RETURN(
          v.text, DecodeNumeric(n.array[0] == 1, n.scale,
                                absl::string_view(reinterpret_cast<const char*>(n.array + 1),
                                                  static_cast<size_t>(bytes - 1))));
      return v;
    }
    case kWireDateTime: {
      const auto d = Load<DBDATETIME>(data);
      v.timestamp = DecodeDateTime(d.dtdays, d.dttime);
      return v;
    }
    case kWireDateTime4: {
      const auto d = Load<DBDATETIME4>(data);
      v.timestamp = DecodeSmallDateTime(d.days, d.minutes);
      return v;
    }
    case kWireDate:
    case kWireDateTime2:
    case kWireDateTimeOffset: {
      const auto d = Load<DBDATETIMEALL>(data);
      v.timestamp = DecodeDateTimeAll(d.has_date ? d.date : 0, d.has_time ? d.time : 0);
      return v;
    }
    case kWireTime: {
      const auto d = Load<DBDATETIMEALL>(data);
      v.text = FormatTime(d.time);
      return v;
    }
    case kWireGuid:
      if (len != 16) return absl::InternalError("uniqueidentifier value is not 16 bytes");
      v.text = FormatGuid(absl::string_view(reinterpret_cast<const char*>(data), 16));
      return v;
    case kWireChar:
    case kWireText:
    case kWireBinary:
    case kWireImage:
      v.text.assign(reinterpret_cast<const char*>(data), static_cast<size_t>(len));
      return v;
    default: {
      // Anything else: DB-Library's own conversion to text. A zero-length
      // source would be taken for NULL by dbconvert, so handle it here.
      if (len == 0) return v;
      std::string buf(static_cast<size_t>(len) * 4 + 128, '\0');
      const DBINT out = dbconvert(dbproc, col.wire_type, data, len, SYBCHAR,
                                  reinterpret_cast<BYTE*>(buf.data()), -1);
      if (out < 0) {
        return absl::UnimplementedError(
            absl::StrCat("cannot read column '", col.name, "' of wire type ", col.wire_type));
      }
      buf.resize(std::strlen(buf.c_str()));
      v.text = std::move(buf);
      return v;
    }
  }
}

absl::StatusOr<Value> Row::Get(absl::string_view name) const {
  for (int i = 0; i < column_count(); ++i) {
    if ((*columns_)[i].name == name) return Get(i);
  }
  return absl::NotFoundError(absl::StrCat("no column '", name, "' in the result"));
}

absl::StatusOr<std::string> Row::GetString(int index) const {
  EHI_ASSIGN_OR_RETURN(Value v, Get(index));
  if (v.is_null) return std::string();
  switch (v.type) {
    case DataType::kBoolean:
      return std::string(v.boolean ? "1" : "0");
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return absl::StrCat(v.integer);
    case DataType::kFloat:
    case DataType::kDouble:
      return absl::StrCat(v.real);
    case DataType::kNaiveDate:
      return FormatDate(v.timestamp);
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      return FormatTimestamp(v.timestamp);
    default:
      return v.text;
  }
}

absl::StatusOr<int64_t> Row::GetInt(int index) const {
  EHI_ASSIGN_OR_RETURN(Value v, Get(index));
  if (v.is_null) {
    return absl::InvalidArgumentError(
        absl::StrCat("column '", (*columns_)[index].name, "' is NULL, expected an integer"));
  }
  switch (v.type) {
    case DataType::kBoolean:
      return int64_t{v.boolean ? 1 : 0};
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return v.integer;
    case DataType::kDecimal:
    case DataType::kString: {
      absl::string_view t = v.text;
      if (const size_t dot = t.find('.'); dot != absl::string_view::npos) t = t.substr(0, dot);
      int64_t out = 0;
      if (absl::SimpleAtoi(t, &out)) return out;
      break;
    }
    default:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("column '", (*columns_)[index].name, "' is not an integer"));
}

// ---------------------------------------------------------------- Connection

namespace {

std::string HostPort(const ConnectionSettings& s) { return absl::StrCat(s.host, ":", s.port); }

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

std::string LibraryErrorsText(const std::vector<LibraryError>& errors) {
  std::vector<std::string> parts;
  for (const LibraryError& e : errors) {
    parts.push_back(e.os_text.empty() ? e.text : absl::StrCat(e.text, " (", e.os_text, ")"));
  }
  return absl::StrJoin(parts, "; ");
}

// Turns what the handlers saw during a failed login into one actionable
// status. `probe` says whether the TLS probe (see Open) found the server's
// TLS to work without certificate verification.
absl::Status LoginError(const Connection::State& st, const std::string& section,
                        std::optional<bool> tls_works_unverified) {
  const ConnectionSettings& s = st.settings;
  // FreeTDS names the server by our private section; show host:port instead.
  auto library_text = [&]() {
    return absl::StrReplaceAll(LibraryErrorsText(st.library_errors), {{section, HostPort(s)}});
  };
  // A missing database arrives as 4060 followed by 18456: name the database.
  if (const ServerMessage* m = FindMessage(st.messages, 4060)) {
    return MakeSqlError(4060, absl::StrCat("Cannot open database '", s.database, "' on ",
                                           HostPort(s), " as user '", s.user, "': ", m->text,
                                           " Check mssql_database and that the login has a "
                                           "user in that database."));
  }
  if (FindMessage(st.messages, 18456) != nullptr) {
    return MakeSqlError(18456, absl::StrCat("Login failed for user '", s.user, "' on ", HostPort(s),
                                            " (SQL Server error 18456). Check mssql_user and "
                                            "mssql_password, and that the login is enabled and "
                                            "allowed to connect."));
  }
  if (!st.messages.empty()) {
    const ServerMessage& m = st.messages.front();
    return MakeSqlError(m.number, absl::StrCat("Login to ", HostPort(s), " as user '", s.user,
                                               "' failed: ", m.text, " (error ", m.number, ")"));
  }
  if (FindLibraryError(st.library_errors, SYBEUHST) != nullptr) {
    return MakeSqlError(SYBEUHST, absl::StrCat("Unknown host '", s.host,
                                               "': the name does not resolve. Check "
                                               "mssql_server."));
  }
  if (st.timed_out) {
    return MakeSqlError(
        SYBETIME,
        absl::StrCat("Timed out after ", absl::FormatDuration(s.login_timeout), " logging in to ",
                     HostPort(s), ". Check that the server is reachable and not overloaded."));
  }
  if (const LibraryError* e = FindLibraryError(st.library_errors, SYBECONN)) {
    return MakeSqlError(SYBECONN,
                        absl::StrCat("Cannot connect to ", HostPort(s), ": ",
                                     e->os_text.empty() ? e->text : e->os_text,
                                     ". Check mssql_server, mssql_port and any firewall between "
                                     "the connector and the server."));
  }
  if (FindLibraryError(st.library_errors, SYBEFCON) != nullptr && !st.library_errors.empty()) {
    std::string detail = library_text();
    if (s.encryption != EncryptionMode::kOff) {
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
      return MakeSqlError(SYBEFCON, ErrorClass::kUserAction, absl::StatusCode::kFailedPrecondition,
                          absl::StrCat("TLS failure connecting to ", HostPort(s),
                                       " (encryption=", EncryptionModeName(s.encryption),
                                       "): ", reason, ". [", detail, "]"));
    }
    return MakeSqlError(
        SYBEFCON, absl::StrCat("Connection to ", HostPort(s), " failed during login: ", detail));
  }
  if (!st.library_errors.empty()) {
    const LibraryError& e = st.library_errors.front();
    return MakeSqlError(e.number,
                        absl::StrCat("Cannot log in to ", HostPort(s), ": ", library_text()));
  }
  return MakeSqlError(SYBEFCON, ErrorClass::kOther, absl::StatusCode::kUnknown,
                      absl::StrCat("Cannot log in to ", HostPort(s), " (no reason reported)"));
}

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
    std::optional<bool> tls_works_unverified;
    const bool verifying =
        settings.encryption != EncryptionMode::kOff && !settings.trust_server_certificate;
    if (verifying && st->messages.empty() &&
        FindLibraryError(st->library_errors, SYBEFCON) != nullptr &&
        FindLibraryError(st->library_errors, SYBECONN) == nullptr) {
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
        tls_works_unverified = p != nullptr || !probe.messages.empty();
        if (p) dbsetuserdata(p.get(), nullptr);
      }
    }
    absl::Status error = LoginError(*st, section, tls_works_unverified);
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
