// One client connection, from PRELOGIN to disconnect.
//
// The connection thread runs Run(): PRELOGIN, the optional TLS handshake,
// LOGIN7 and the login response, then the request loop. After login a
// reader thread owns the socket's read side so that an ATTENTION packet is
// seen while a long result is still streaming; it queues requests and flags
// attention, and the connection thread executes requests and writes
// responses.
#ifndef EHI_TESTING_EMULATOR_WIRE_CONNECTION_H_
#define EHI_TESTING_EMULATOR_WIRE_CONNECTION_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "testing/emulator/engine_api.h"
#include "testing/emulator/wire/login7.h"
#include "testing/emulator/wire/packet_io.h"
#include "testing/emulator/wire/prelogin.h"
#include "testing/emulator/wire/tls_channel.h"

namespace emulator {

// Settings shared by all connections of a server.
struct WireConfig {
  std::string user = "sa";
  std::string password;
  EncryptionMode encryption = EncryptionMode::kOff;
  std::shared_ptr<TlsContext> tls;  // required unless encryption is kOff
  std::string server_name = "mssql-emulator";
};

class Connection {
 public:
  Connection(Socket socket, const WireConfig& config, Engine* engine, uint16_t spid);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Serves the client until it disconnects or fails; returns the reason the
  // connection ended (OK for an orderly disconnect).
  absl::Status Run();
  // Wakes Run() from another thread (server shutdown).
  void Shutdown();

 private:
  absl::Status Handshake(Login7* login);
  absl::Status RunTlsHandshake(Message first);
  absl::Status ReadLogin(const Message& message, Login7* login);
  // Sends the login response; a non-OK status means the login was refused
  // (and the refusal already sent).
  absl::Status Authenticate(const Login7& login);
  absl::Status SendLoginFailure(const std::string& user, bool bad_database,
                                const std::string& database);
  absl::Status ServeRequests();
  absl::Status HandleRequest(const Message& message, bool* close);
  absl::Status HandleBatch(const Message& message, bool* close);
  absl::Status HandleRpc(const Message& message, bool* close);
  absl::Status HandleTransactionManager(const Message& message);
  absl::Status SendError(int number, int severity, const std::string& text);
  absl::Status AcknowledgeAttention();
  void ReaderLoop();

  const WireConfig& config_;
  Engine* engine_;
  uint16_t spid_;
  Channel channel_;
  PacketReader reader_;
  MessageWriter writer_;
  std::unique_ptr<Session> session_;

  // Shared with the reader thread.
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Message> queue_;
  std::atomic<bool> attention_{false};
  std::atomic<bool> cancel_{false};  // attention_ or closed_: stop streaming
  bool closed_ = false;              // guarded by mutex_
  absl::Status reader_status_;       // guarded by mutex_
  std::thread reader_thread_;
  uint64_t transaction_id_ = 0;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_CONNECTION_H_
