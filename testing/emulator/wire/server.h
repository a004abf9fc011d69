// The emulator's TCP server: listens on loopback, runs one thread per
// connection, and stops cleanly.
//
//   WireConfig config;  config.user = "sa";  config.password = "pw";
//   auto server = Server::Start(engine.get(), config, /*port=*/0);
//   std::cout << "listening on " << (*server)->port() << "\n";
//   ...
//   (*server)->Stop();  // closes listeners and connections, joins threads
//
// Thread-safe: Stop() may be called from any thread (once or many times).
// The Engine must outlive the server.
#ifndef EHI_TESTING_EMULATOR_WIRE_SERVER_H_
#define EHI_TESTING_EMULATOR_WIRE_SERVER_H_

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "testing/emulator/engine_api.h"
#include "testing/emulator/wire/connection.h"
#include "testing/emulator/wire/packet_io.h"

namespace emulator {

class Server {
 public:
  // Binds `addresses` (numeric IPv4/IPv6) on `port` (0 = any free port,
  // the same for all addresses). Addresses after the first that cannot be
  // bound (e.g. no IPv6) are skipped.
  static absl::StatusOr<std::unique_ptr<Server>> Start(Engine* engine, WireConfig config, int port,
                                                       const std::vector<std::string>& addresses = {
                                                           "127.0.0.1", "::1"});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  void Stop();

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
    Connection* connection = nullptr;  // guarded by Server::mutex_
  };

  Server(Engine* engine, WireConfig config) : engine_(engine), config_(std::move(config)) {}
  void AcceptLoop();
  void Serve(Socket socket, Worker* worker);
  void ReapFinishedWorkers();

  Engine* engine_;
  const WireConfig config_;
  int port_ = 0;
  std::vector<Socket> listeners_;
  Socket wake_read_;
  Socket wake_write_;
  std::thread accept_thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::list<std::unique_ptr<Worker>> workers_;  // guarded by mutex_
  uint16_t next_spid_ = 51;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_SERVER_H_
