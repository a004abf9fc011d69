#include "testing/emulator/wire/connection.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/request_decoder.h"
#include "testing/emulator/wire/response_writer.h"
#include "testing/emulator/wire/tds_constants.h"
#include "testing/emulator/wire/token_writer.h"

namespace emulator {
namespace {

// "[sys].[sp_executesql]" → "sp_executesql".
std::string BareProcName(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) name.remove_prefix(dot + 1);
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  return absl::AsciiStrToLower(std::string(name));
}

bool IsTextValue(const Param& p) {
  return p.value.kind == Value::Kind::kText || p.value.kind == Value::Kind::kNull;
}

}  // namespace

Connection::Connection(Socket socket, const WireConfig& config, Engine* engine, uint16_t spid)
    : config_(config),
      engine_(engine),
      spid_(spid),
      channel_(std::move(socket)),
      reader_(&channel_),
      writer_(&channel_, spid) {}

Connection::~Connection() {
  channel_.Shutdown();
  if (reader_thread_.joinable()) reader_thread_.join();
}

void Connection::Shutdown() {
  cancel_.store(true);
  channel_.Shutdown();
}

absl::Status Connection::Run() {
  Login7 login;
  absl::Status status = Handshake(&login);
  if (!status.ok()) return status;
  status = Authenticate(login);
  if (!status.ok()) return status;
  reader_thread_ = std::thread([this] { ReaderLoop(); });
  return ServeRequests();
}

absl::Status Connection::Handshake(Login7* login) {
  absl::StatusOr<Message> first = reader_.ReadMessage();
  if (!first.ok()) return first.status();
  if (first->type == tds::kPacketLogin7) {
    // A client that skips PRELOGIN cannot encrypt.
    if (config_.encryption == EncryptionMode::kRequired) {
      return absl::PermissionDeniedError("client skipped PRELOGIN; encryption is required");
    }
    return ReadLogin(*first, login);
  }
  if (first->type != tds::kPacketPrelogin) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected PRELOGIN, got packet type ", first->type));
  }
  absl::StatusOr<PreloginRequest> request = ParsePrelogin(first->payload);
  if (!request.ok()) return request.status();
  EncryptionDecision decision = NegotiateEncryption(config_.encryption, *request);
  if (decision.tls && config_.tls == nullptr) decision = EncryptionDecision();
  writer_.payload()->append(BuildPreloginReply(decision.reply));
  absl::Status status = writer_.EndMessage(tds::kPacketReply);
  if (!status.ok()) return status;

  absl::StatusOr<Message> next = reader_.ReadMessage();
  if (!next.ok()) return next.status();
  if (next->type == tds::kPacketPrelogin) {
    if (!decision.tls) return absl::InvalidArgumentError("TLS handshake without negotiation");
    const absl::Status tls_status = RunTlsHandshake(std::move(*next));
    if (!tls_status.ok()) return tls_status;
    absl::StatusOr<Message> login_message = reader_.ReadMessage();
    if (!login_message.ok()) return login_message.status();
    // Login-only encryption: the client drops TLS right after LOGIN7 and
    // expects the login response in clear.
    if (decision.login_only) channel_.StopTls();
    return ReadLogin(*login_message, login);
  }
  if (config_.encryption == EncryptionMode::kRequired) {
    return absl::PermissionDeniedError("client did not start TLS; encryption is required");
  }
  return ReadLogin(*next, login);
}

absl::Status Connection::RunTlsHandshake(Message first) {
  absl::StatusOr<std::unique_ptr<TlsChannel>> tls = TlsChannel::Create(*config_.tls);
  if (!tls.ok()) return tls.status();
  Message current = std::move(first);
  while (true) {
    if (current.type != tds::kPacketPrelogin) {
      return absl::InvalidArgumentError("unexpected packet during the TLS handshake");
    }
    std::string out;
    absl::StatusOr<bool> done = (*tls)->Handshake(current.payload, &out);
    if (!done.ok()) return done.status();
    // Handshake records travel inside PRELOGIN packets, one message per
    // flight (tedious expects exactly one answer per message).
    if (!out.empty()) {
      writer_.payload()->append(out);
      const absl::Status s = writer_.EndMessage(tds::kPacketPrelogin);
      if (!s.ok()) return s;
    }
    if (*done) break;
    absl::StatusOr<Message> more = reader_.ReadMessage();
    if (!more.ok()) return more.status();
    current = std::move(*more);
  }
  // From here on TDS packets travel as raw TLS records on the socket.
  channel_.StartTls(std::move(*tls));
  return absl::OkStatus();
}

absl::Status Connection::ReadLogin(const Message& message, Login7* login) {
  if (message.type != tds::kPacketLogin7) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected LOGIN7, got packet type ", message.type));
  }
  absl::StatusOr<Login7> parsed = ParseLogin7(message.payload);
  if (!parsed.ok()) return parsed.status();
  *login = std::move(*parsed);
  return absl::OkStatus();
}

absl::Status Connection::SendLoginFailure(const std::string& user, bool bad_database,
                                          const std::string& database) {
  std::string* out = writer_.payload();
  if (bad_database) {
    ServerMessage m;
    m.number = 4060;
    m.severity = 11;
    m.text = absl::StrCat("Cannot open database \"", database,
                          "\" requested by the login. The login failed.");
    WriteMessage(m, config_.server_name, "", out);
  }
  ServerMessage m;
  m.number = 18456;
  m.severity = 14;
  m.text = absl::StrCat("Login failed for user '", user, "'.");
  WriteMessage(m, config_.server_name, "", out);
  WriteDone(tds::kTokenDone, tds::kDoneError, 0, out);
  const absl::Status s = writer_.EndMessage();
  if (!s.ok()) return s;
  return absl::PermissionDeniedError(absl::StrCat("login failed for user '", user, "'"));
}

absl::Status Connection::Authenticate(const Login7& login) {
  if (!absl::EqualsIgnoreCase(login.user_name, config_.user) ||
      login.password != config_.password) {
    return SendLoginFailure(login.user_name, false, "");
  }
  const std::string database = engine_->database_name();
  if (!login.database.empty() && !absl::EqualsIgnoreCase(login.database, database)) {
    return SendLoginFailure(login.user_name, true, login.database);
  }
  absl::StatusOr<std::unique_ptr<Session>> session = engine_->OpenSession();
  if (!session.ok()) {
    ehi::LogWarning(
        absl::StrCat("mssql-emulator: cannot open a session: ", session.status().ToString()));
    return SendLoginFailure(login.user_name, true, database);
  }
  session_ = std::move(*session);

  int packet_size = static_cast<int>(std::min<uint32_t>(login.packet_size, 65535));
  if (packet_size == 0) packet_size = tds::kDefaultPacketSize;
  packet_size = std::clamp(packet_size, tds::kMinPacketSize, tds::kMaxPacketSize);
  const uint32_t version = std::min(login.tds_version, tds::kTdsVersion74);

  std::string* out = writer_.payload();
  WriteEnvChangeText(tds::kEnvDatabase, database, "master", out);
  ServerMessage changed_db;
  changed_db.number = 5701;
  changed_db.severity = 0;
  changed_db.state = 2;
  changed_db.text = absl::StrCat("Changed database context to '", database, "'.");
  WriteMessage(changed_db, config_.server_name, "", out);
  WriteEnvChangeBytes(tds::kEnvCollation, std::string_view(tds::kCollation, 5), "", out);
  WriteEnvChangeText(tds::kEnvLanguage, "us_english", "", out);
  ServerMessage changed_language;
  changed_language.number = 5703;
  changed_language.severity = 0;
  changed_language.text = "Changed language setting to us_english.";
  WriteMessage(changed_language, config_.server_name, "", out);
  WriteLoginAck(version, "Microsoft SQL Server", out);
  const std::string size_text = absl::StrCat(packet_size);
  WriteEnvChangeText(tds::kEnvPacketSize, size_text, size_text, out);
  WriteDone(tds::kTokenDone, tds::kDoneFinal, 0, out);
  const absl::Status s = writer_.EndMessage();
  if (!s.ok()) return s;
  // Both sides switch packet size after the login response.
  writer_.set_packet_size(packet_size);
  ehi::LogDebug(absl::StrCat("mssql-emulator: spid ", spid_, " logged in as '", login.user_name,
                             "' from ", login.host_name, " (", login.app_name, ")"));
  return absl::OkStatus();
}

void Connection::ReaderLoop() {
  while (true) {
    absl::StatusOr<Message> message = reader_.ReadMessage();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!message.ok()) {
      closed_ = true;
      if (!absl::IsUnavailable(message.status())) reader_status_ = message.status();
      cancel_.store(true);
      cv_.notify_all();
      return;
    }
    if (message->type == tds::kPacketAttention) {
      attention_.store(true);
      cancel_.store(true);
    } else {
      queue_.push_back(std::move(*message));
    }
    cv_.notify_all();
  }
}

absl::Status Connection::AcknowledgeAttention() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    attention_.store(false);
    cancel_.store(closed_);
  }
  // The acknowledgement is a message of its own: tedious reads exactly one
  // message after the cancelled response, FreeTDS waits for DONE_ATTN.
  WriteDone(tds::kTokenDone, tds::kDoneAttention, 0, writer_.payload());
  return writer_.EndMessage();
}

absl::Status Connection::ServeRequests() {
  while (true) {
    Message message;
    bool have_message = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [&] { return !queue_.empty() || closed_ || attention_.load(); });
      if (!queue_.empty()) {
        message = std::move(queue_.front());
        queue_.pop_front();
        have_message = true;
      } else if (!attention_.load()) {
        return reader_status_;  // closed
      }
    }
    if (have_message) {
      bool close = false;
      const absl::Status s = HandleRequest(message, &close);
      if (!s.ok()) return s;
      if (close) return absl::OkStatus();
    }
    if (attention_.load()) {
      const absl::Status s = AcknowledgeAttention();
      if (!s.ok()) return s;
    }
  }
}

absl::Status Connection::SendError(int number, int severity, const std::string& text) {
  ServerMessage m;
  m.number = number;
  m.severity = severity;
  m.text = text;
  WriteMessage(m, config_.server_name, "", writer_.payload());
  WriteDone(tds::kTokenDone, tds::kDoneError, 0, writer_.payload());
  return writer_.EndMessage();
}

absl::Status Connection::HandleRequest(const Message& message, bool* close) {
  if (message.ignore) {
    // IGNORE: the client abandoned the message; answer with a lone DONE.
    WriteDone(tds::kTokenDone, tds::kDoneFinal, 0, writer_.payload());
    return writer_.EndMessage();
  }
  if (message.reset_connection()) {
    session_->Reset();
    WriteEnvChangeBytes(tds::kEnvResetAck, "", "", writer_.payload());
  }
  switch (message.type) {
    case tds::kPacketSqlBatch:
      return HandleBatch(message, close);
    case tds::kPacketRpc:
      return HandleRpc(message, close);
    case tds::kPacketTransactionManager:
      return HandleTransactionManager(message);
    default:
      return SendError(4002, 16,
                       absl::StrCat("The incoming tabular data stream (TDS) protocol stream is "
                                    "incorrect. Unsupported packet type ",
                                    message.type, "."));
  }
}

absl::Status Connection::HandleBatch(const Message& message, bool* close) {
  absl::StatusOr<std::string> sql = DecodeSqlBatch(message.payload);
  if (!sql.ok()) {
    return SendError(4002, 16,
                     absl::StrCat("The incoming tabular data stream (TDS) protocol stream is "
                                  "incorrect. ",
                                  sql.status().message()));
  }
  ResponseWriter response(&writer_, session_.get(), &cancel_, false, config_.server_name);
  const ExecOutcome outcome = session_->ExecuteBatch(*sql, response);
  if (outcome == ExecOutcome::kDropConnection) {
    // Injected fault: whatever complete packets exist go out, then the
    // connection is reset without a DONE.
    (void)writer_.SendCompletePackets();
    channel_.SetAbortiveClose();
    *close = true;
    return absl::OkStatus();
  }
  response.FinishBatch();
  const absl::Status s = response.EndMessage();
  if (response.fatal()) *close = true;
  return s;
}

absl::Status Connection::HandleRpc(const Message& message, bool* close) {
  absl::StatusOr<std::vector<RpcCall>> calls = DecodeRpc(message.payload);
  if (!calls.ok()) {
    return SendError(8009, 16,
                     absl::StrCat("The incoming tabular data stream (TDS) remote procedure call "
                                  "(RPC) protocol stream is incorrect. ",
                                  calls.status().message()));
  }
  for (size_t i = 0; i < calls->size(); ++i) {
    RpcCall& call = (*calls)[i];
    const bool last = i + 1 == calls->size();
    ResponseWriter response(&writer_, session_.get(), &cancel_, true, config_.server_name);
    const bool execute_sql = call.proc_name.empty()
                                 ? call.proc_id == kProcExecuteSql
                                 : BareProcName(call.proc_name) == "sp_executesql";
    if (!execute_sql) {
      ServerMessage m;
      m.number = 2812;
      m.severity = 16;
      m.state = 62;
      m.text = call.proc_name.empty()
                   ? absl::StrCat("Could not find stored procedure with id ", call.proc_id, ".")
                   : absl::StrCat("Could not find stored procedure '", call.proc_name, "'.");
      response.Message(m);
      response.FinishProc(last);
      continue;
    }
    if (call.params.empty() || !IsTextValue(call.params[0].param) ||
        call.params[0].param.value.is_null()) {
      ServerMessage m;
      m.number = 214;
      m.severity = 16;
      m.state = 2;
      m.text = "Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.";
      response.Message(m);
      response.FinishProc(last);
      continue;
    }
    const std::string statement = call.params[0].param.value.bytes;
    std::vector<Param> params;
    if (call.params.size() > 1) {
      const std::vector<std::string> declared =
          ParamNamesFromDeclaration(call.params[1].param.value.bytes);
      for (size_t k = 2; k < call.params.size(); ++k) {
        Param p = std::move(call.params[k].param);
        if (p.name.empty() && k - 2 < declared.size()) p.name = declared[k - 2];
        params.push_back(std::move(p));
      }
    }
    const ExecOutcome outcome = session_->ExecuteRpc(statement, params, response);
    if (outcome == ExecOutcome::kDropConnection) {
      (void)writer_.SendCompletePackets();
      channel_.SetAbortiveClose();
      *close = true;
      return absl::OkStatus();
    }
    response.FinishProc(last);
    if (response.fatal()) {
      *close = true;
      break;
    }
  }
  return writer_.EndMessage();
}

absl::Status Connection::HandleTransactionManager(const Message& message) {
  absl::StatusOr<std::string_view> body = SkipAllHeaders(message.payload);
  if (!body.ok()) return SendError(4002, 16, std::string(body.status().message()));
  ByteReader r(*body);
  uint16_t request_type = 0;
  if (!r.U16(&request_type)) return SendError(4002, 16, "Truncated transaction request.");
  std::string sql;
  switch (request_type) {
    case 5:
      sql = "BEGIN TRANSACTION";
      break;
    case 7:
      sql = "COMMIT TRANSACTION";
      break;
    case 8:
      sql = "ROLLBACK TRANSACTION";
      break;
    default:
      return SendError(4002, 16,
                       absl::StrCat("Unsupported transaction manager request ", request_type, "."));
  }
  ResponseWriter response(&writer_, session_.get(), &cancel_, false, config_.server_name);
  session_->ExecuteBatch(sql, response);
  if (!response.had_error()) {
    // Transaction descriptors: tedious tracks inTransaction from these.
    std::string descriptor;
    ByteWriter w(&descriptor);
    if (request_type == 5) {
      w.U64(++transaction_id_);
      WriteEnvChangeBytes(tds::kEnvBeginTran, descriptor, "", writer_.payload());
    } else {
      w.U64(transaction_id_);
      WriteEnvChangeBytes(request_type == 7 ? tds::kEnvCommitTran : tds::kEnvRollbackTran, "",
                          descriptor, writer_.payload());
    }
  }
  response.FinishBatch();
  return response.EndMessage();
}

}  // namespace emulator
