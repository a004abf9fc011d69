#include "testing/emulator/wire/packet_io.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "testing/emulator/wire/tds_constants.h"

namespace emulator {

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.Release();
  }
  return *this;
}

absl::StatusOr<size_t> Channel::ReadRaw(char* buffer, size_t capacity) {
  while (true) {
    const ssize_t n = ::recv(socket_.fd(), buffer, capacity, 0);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    return absl::UnavailableError(absl::StrCat("recv: ", std::strerror(errno)));
  }
}

absl::Status Channel::WriteRaw(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(socket_.fd(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(absl::StrCat("send: ", std::strerror(errno)));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> Channel::Read(char* buffer, size_t capacity) {
  while (true) {
    {
      std::lock_guard<std::mutex> lock(tls_mutex_);
      if (!plaintext_.empty()) {
        const size_t n = std::min(capacity, plaintext_.size());
        std::memcpy(buffer, plaintext_.data(), n);
        plaintext_.erase(0, n);
        return n;
      }
      if (tls_ == nullptr) break;
      const absl::Status status = tls_->ReadPlaintext(&plaintext_);
      if (!status.ok()) return status;
      if (!plaintext_.empty()) continue;
    }
    // TLS needs more ciphertext: read it without holding the lock so the
    // writer is not blocked while we wait on the socket.
    char raw[16384];
    absl::StatusOr<size_t> n = ReadRaw(raw, sizeof(raw));
    if (!n.ok() || *n == 0) return n;
    std::lock_guard<std::mutex> lock(tls_mutex_);
    if (tls_ == nullptr) {
      // TLS was switched off meanwhile (login-only mode): these are clear bytes.
      plaintext_.append(raw, *n);
    } else {
      tls_->FeedCiphertext(std::string_view(raw, *n));
    }
  }
  return ReadRaw(buffer, capacity);
}

absl::Status Channel::Write(std::string_view bytes) {
  std::lock_guard<std::mutex> write_lock(write_mutex_);
  std::string encrypted;
  {
    std::lock_guard<std::mutex> lock(tls_mutex_);
    if (tls_ != nullptr) {
      const absl::Status status = tls_->Encrypt(bytes, &encrypted);
      if (!status.ok()) return status;
    }
  }
  return WriteRaw(encrypted.empty() ? bytes : std::string_view(encrypted));
}

void Channel::StartTls(std::unique_ptr<TlsChannel> tls) {
  std::lock_guard<std::mutex> lock(tls_mutex_);
  tls_ = std::move(tls);
}

void Channel::StopTls() {
  std::lock_guard<std::mutex> lock(tls_mutex_);
  tls_.reset();
}

void Channel::Shutdown() {
  if (socket_.valid()) ::shutdown(socket_.fd(), SHUT_RDWR);
}

void Channel::SetAbortiveClose() {
  struct linger option {};
  option.l_onoff = 1;
  option.l_linger = 0;
  ::setsockopt(socket_.fd(), SOL_SOCKET, SO_LINGER, &option, sizeof(option));
}

bool Message::reset_connection() const {
  return (first_status & (tds::kStatusResetConnection | tds::kStatusResetConnectionSkipTran)) != 0;
}

absl::Status PacketReader::Fill(size_t need) {
  if (start_ > 0 && start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  while (buffer_.size() - start_ < need) {
    if (start_ > (1u << 16)) {
      buffer_.erase(0, start_);
      start_ = 0;
    }
    const size_t old = buffer_.size();
    buffer_.resize(old + 65536);
    absl::StatusOr<size_t> n = channel_->Read(buffer_.data() + old, 65536);
    buffer_.resize(old + (n.ok() ? *n : 0));
    if (!n.ok()) return n.status();
    if (*n == 0) return absl::UnavailableError("connection closed by the client");
  }
  return absl::OkStatus();
}

absl::Status PacketReader::ReadPacket(uint8_t* type, uint8_t* status, std::string* payload) {
  absl::Status s = Fill(tds::kHeaderSize);
  if (!s.ok()) return s;
  const auto* header = reinterpret_cast<const uint8_t*>(buffer_.data() + start_);
  const size_t length = (static_cast<size_t>(header[2]) << 8) | header[3];
  if (length < static_cast<size_t>(tds::kHeaderSize)) {
    return absl::DataLossError(absl::StrCat("bad TDS packet length ", length));
  }
  *type = header[0];
  *status = header[1];
  s = Fill(length);
  if (!s.ok()) return s;
  payload->append(buffer_.data() + start_ + tds::kHeaderSize, length - tds::kHeaderSize);
  start_ += length;
  return absl::OkStatus();
}

absl::StatusOr<Message> PacketReader::ReadMessage() {
  Message message;
  bool first = true;
  while (true) {
    uint8_t type = 0;
    uint8_t status = 0;
    const absl::Status s = ReadPacket(&type, &status, &message.payload);
    if (!s.ok()) return s;
    if (first) {
      message.type = type;
      message.first_status = status;
      first = false;
    } else if (type != message.type) {
      return absl::DataLossError(absl::StrCat("packet type changed from ", message.type, " to ",
                                              type, " inside one message"));
    }
    if (message.payload.size() > max_message_bytes_) {
      return absl::ResourceExhaustedError("TDS message too large");
    }
    if ((status & tds::kStatusEom) != 0) {
      message.ignore = (status & tds::kStatusIgnore) != 0;
      return message;
    }
  }
}

void MessageWriter::AppendPacket(std::string_view chunk, uint8_t type, uint8_t status,
                                 std::string* out) {
  const size_t length = chunk.size() + tds::kHeaderSize;
  const char header[8] = {static_cast<char>(type),
                          static_cast<char>(status),
                          static_cast<char>((length >> 8) & 0xFF),
                          static_cast<char>(length & 0xFF),
                          static_cast<char>(spid_ >> 8),
                          static_cast<char>(spid_ & 0xFF),
                          static_cast<char>(packet_id_),
                          0};
  ++packet_id_;  // wraps at 256; clients ignore it
  out->append(header, sizeof(header));
  out->append(chunk.data(), chunk.size());
}

absl::Status MessageWriter::FlushFullPackets() {
  const size_t chunk = static_cast<size_t>(packet_size_ - tds::kHeaderSize);
  const size_t full = payload_.size() / chunk;
  if (full == 0) return absl::OkStatus();
  wire_.clear();
  for (size_t i = 0; i < full; ++i) {
    AppendPacket(std::string_view(payload_).substr(i * chunk, chunk), tds::kPacketReply, 0, &wire_);
  }
  payload_.erase(0, full * chunk);
  return channel_->Write(wire_);
}

absl::Status MessageWriter::EndMessage(uint8_t packet_type) {
  const size_t chunk = static_cast<size_t>(packet_size_ - tds::kHeaderSize);
  wire_.clear();
  std::string_view rest(payload_);
  while (rest.size() > chunk) {
    AppendPacket(rest.substr(0, chunk), packet_type, 0, &wire_);
    rest.remove_prefix(chunk);
  }
  AppendPacket(rest, packet_type, tds::kStatusEom, &wire_);
  payload_.clear();
  return channel_->Write(wire_);
}

}  // namespace emulator
