#include "testing/emulator/wire/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/logger.h"

namespace emulator {
namespace {

absl::StatusOr<Socket> Listen(const std::string& address, int port) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    length = sizeof(*v4);
  } else if (inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
    family = AF_INET6;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    length = sizeof(*v6);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("not a numeric address: ", address));
  }
  Socket s(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  const int one = 1;
  ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (family == AF_INET6) ::setsockopt(s.fd(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
  if (::bind(s.fd(), reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    return absl::UnavailableError(
        absl::StrCat("bind ", address, ":", port, ": ", std::strerror(errno)));
  }
  if (::listen(s.fd(), 128) != 0) {
    return absl::UnavailableError(absl::StrCat("listen: ", std::strerror(errno)));
  }
  return s;
}

int BoundPort(const Socket& s) {
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  ::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&storage), &length);
  if (storage.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(Engine* engine, WireConfig config, int port,
                                                      const std::vector<std::string>& addresses) {
  if (config.encryption != EncryptionMode::kOff && config.tls == nullptr) {
    return absl::InvalidArgumentError("encryption on/required needs a TLS certificate and key");
  }
  if (addresses.empty()) return absl::InvalidArgumentError("no listen address");
  std::unique_ptr<Server> server(new Server(engine, std::move(config)));
  for (size_t i = 0; i < addresses.size(); ++i) {
    absl::StatusOr<Socket> listener = Listen(addresses[i], i == 0 ? port : server->port_);
    if (!listener.ok()) {
      if (i == 0) return listener.status();
      continue;  // e.g. no IPv6 loopback on this machine
    }
    if (i == 0) server->port_ = BoundPort(*listener);
    server->listeners_.push_back(std::move(*listener));
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  server->wake_read_ = Socket(pipe_fds[0]);
  server->wake_write_ = Socket(pipe_fds[1]);
  Server* raw = server.get();
  server->accept_thread_ = std::thread([raw] { raw->AcceptLoop(); });
  return server;
}

Server::~Server() { Stop(); }

void Server::Stop() {
  if (stopping_.exchange(true)) {
    if (accept_thread_.joinable() && accept_thread_.get_id() != std::this_thread::get_id()) {
      accept_thread_.join();
    }
    return;
  }
  const char byte = 1;
  if (wake_write_.valid()) (void)!::write(wake_write_.fd(), &byte, 1);
  if (accept_thread_.joinable()) accept_thread_.join();
  std::list<std::unique_ptr<Worker>> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& w : workers_) {
      if (w->connection != nullptr) w->connection->Shutdown();
    }
    workers.swap(workers_);
  }
  for (auto& w : workers) {
    if (w->thread.joinable()) w->thread.join();
  }
  listeners_.clear();
}

void Server::ReapFinishedWorkers() {
  std::list<std::unique_ptr<Worker>> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = workers_.begin(); it != workers_.end();) {
      if ((*it)->done.load()) {
        finished.push_back(std::move(*it));
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& w : finished) w->thread.join();
}

void Server::AcceptLoop() {
  std::vector<pollfd> fds;
  fds.push_back({wake_read_.fd(), POLLIN, 0});
  for (const Socket& s : listeners_) fds.push_back({s.fd(), POLLIN, 0});
  while (!stopping_.load()) {
    const int n = ::poll(fds.data(), fds.size(), -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      ehi::LogSevere(absl::StrCat("mssql-emulator: poll: ", std::strerror(errno)));
      return;
    }
    if (fds[0].revents != 0) return;
    for (size_t i = 1; i < fds.size(); ++i) {
      if ((fds[i].revents & POLLIN) == 0) continue;
      Socket client(::accept4(fds[i].fd, nullptr, nullptr, SOCK_CLOEXEC));
      if (!client.valid()) continue;
      ReapFinishedWorkers();
      // Injected "refuse connections" faults: close right after accept.
      if (engine_->ShouldRefuseConnection()) continue;
      const int one = 1;
      ::setsockopt(client.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      auto worker = std::make_unique<Worker>();
      Worker* raw = worker.get();
      std::lock_guard<std::mutex> lock(mutex_);
      workers_.push_back(std::move(worker));
      raw->thread =
          std::thread([this, raw, s = std::make_shared<Socket>(std::move(client))]() mutable {
            Serve(std::move(*s), raw);
          });
    }
  }
}

void Server::Serve(Socket socket, Worker* worker) {
  uint16_t spid;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    spid = next_spid_;
    next_spid_ = next_spid_ >= 32000 ? 51 : static_cast<uint16_t>(next_spid_ + 1);
  }
  {
    Connection connection(std::move(socket), config_, engine_, spid);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      worker->connection = &connection;
    }
    // A shutdown that raced with the registration above still stops us.
    if (stopping_.load()) connection.Shutdown();
    const absl::Status status = connection.Run();
    if (!status.ok() && !stopping_.load()) {
      ehi::LogDebug(absl::StrCat("mssql-emulator: spid ", spid, " closed: ", status.ToString()));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    worker->connection = nullptr;
  }
  worker->done.store(true);
}

}  // namespace emulator
