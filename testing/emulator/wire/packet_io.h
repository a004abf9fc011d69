// TDS packet framing over a client connection.
//
//   Channel        the byte stream to one client: a socket, optionally
//                  wrapped in TLS (raw TLS records after the handshake).
//   PacketReader   reads 8-byte-header packets and reassembles messages
//                  (all packets up to the one with EOM).
//   MessageWriter  cuts an outgoing message into packets of the negotiated
//                  size, stamping the session id into every header.
//
// Thread-safety: one thread may read (Channel::Read, PacketReader) while
// another writes (Channel::Write, MessageWriter); the Channel serializes
// their use of the shared TLS state. Shutdown() may be called from any
// thread to wake both.
#ifndef EHI_TESTING_EMULATOR_WIRE_PACKET_IO_H_
#define EHI_TESTING_EMULATOR_WIRE_PACKET_IO_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "testing/emulator/wire/tls_channel.h"

namespace emulator {

// Owns a socket file descriptor.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& other) noexcept : fd_(other.Release()) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

class Channel {
 public:
  explicit Channel(Socket socket) : socket_(std::move(socket)) {}

  // Reads up to `capacity` bytes (plaintext when TLS is on). 0 = the client
  // closed the connection.
  absl::StatusOr<size_t> Read(char* buffer, size_t capacity);
  // Writes all of `bytes` (encrypted when TLS is on).
  absl::Status Write(std::string_view bytes);

  // Switches to raw TLS records on the socket / back to clear bytes (the
  // latter for login-only encryption). Not concurrent with Read or Write.
  void StartTls(std::unique_ptr<TlsChannel> tls);
  void StopTls();
  bool tls_active() const { return tls_ != nullptr; }

  // Unblocks any Read or Write in progress; later calls fail.
  void Shutdown();
  // Asks the kernel to reset the connection on close (SO_LINGER 0), for
  // injected "dropped connection" faults.
  void SetAbortiveClose();

 private:
  absl::StatusOr<size_t> ReadRaw(char* buffer, size_t capacity);
  absl::Status WriteRaw(std::string_view bytes);

  Socket socket_;
  std::mutex write_mutex_;  // keeps whole writes (and their TLS records) in order
  std::mutex tls_mutex_;    // guards tls_ state between the reader and the writer
  std::unique_ptr<TlsChannel> tls_;
  std::string plaintext_;  // decrypted but not yet returned by Read
};

struct Message {
  uint8_t type = 0;
  uint8_t first_status = 0;  // status byte of the first packet
  bool ignore = false;       // IGNORE bit on the last packet
  std::string payload;

  bool reset_connection() const;
};

class PacketReader {
 public:
  // `max_message_bytes` bounds reassembly so a client cannot exhaust memory.
  explicit PacketReader(Channel* channel, size_t max_message_bytes = 512u << 20)
      : channel_(channel), max_message_bytes_(max_message_bytes) {}

  // Reads one packet; fills `type`, `status` and appends the payload.
  // Unavailable when the connection closed, DataLoss on a malformed header.
  absl::Status ReadPacket(uint8_t* type, uint8_t* status, std::string* payload);
  absl::StatusOr<Message> ReadMessage();

  // Bytes read from the channel but not consumed yet.
  size_t buffered() const { return buffer_.size() - start_; }

 private:
  absl::Status Fill(size_t need);

  Channel* channel_;
  size_t max_message_bytes_;
  std::string buffer_;
  size_t start_ = 0;
};

class MessageWriter {
 public:
  MessageWriter(Channel* channel, uint16_t spid) : channel_(channel), spid_(spid) {}

  void set_packet_size(int packet_size) { packet_size_ = packet_size; }
  int packet_size() const { return packet_size_; }

  // The payload of the message being built; encoders append to it.
  std::string* payload() { return &payload_; }

  // Sends the complete packets buffered so far when enough have piled up,
  // keeping the remainder for later. Call between rows.
  absl::Status MaybeFlush() {
    if (payload_.size() < kFlushThreshold) return absl::OkStatus();
    return FlushFullPackets();
  }
  // Sends every complete packet buffered so far (e.g. before dropping the
  // connection, so the client sees the rows that were produced).
  absl::Status SendCompletePackets() { return FlushFullPackets(); }
  // Sends the rest of the message with EOM on its last packet (an empty
  // message still gets one header-only packet).
  absl::Status EndMessage(uint8_t packet_type = 0x04);
  // Drops what was built but not sent.
  void Discard() { payload_.clear(); }

 private:
  static constexpr size_t kFlushThreshold = 64 * 1024;
  absl::Status FlushFullPackets();
  void AppendPacket(std::string_view chunk, uint8_t type, uint8_t status, std::string* out);

  Channel* channel_;
  uint16_t spid_;
  int packet_size_ = 4096;
  uint8_t packet_id_ = 1;
  std::string payload_;
  std::string wire_;  // scratch: framed packets ready to send
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_PACKET_IO_H_
