// TLS for TDS, driven through OpenSSL memory BIOs.
//
// TDS 7.x does not run TLS directly on the socket at first: the handshake
// records travel as the payload of PRELOGIN (0x12) packets, and only after
// the server's Finished do both sides switch to raw TLS records on the
// socket. Memory BIOs let the connection decide where bytes come from and
// where they go in each phase: the caller moves ciphertext in and out and
// this class never touches the socket.
//
// The server side only: no client certificates are requested, and the
// protocol is capped at TLS 1.2 because FreeTDS 1.3.17 built with GnuTLS
// hangs in a TLS 1.3 handshake (TDS 7.x carries TLS up to 1.2 only).
//
// Not thread-safe; the owner serializes calls.
#ifndef EHI_TESTING_EMULATOR_WIRE_TLS_CHANNEL_H_
#define EHI_TESTING_EMULATOR_WIRE_TLS_CHANNEL_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct bio_st BIO;

namespace emulator {

// The server certificate and key, shared by all connections.
class TlsContext {
 public:
  // Loads PEM files; fails when they are missing, unreadable or do not match.
  static absl::StatusOr<std::shared_ptr<TlsContext>> Create(const std::string& cert_path,
                                                            const std::string& key_path);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* get() const { return ctx_; }

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

class TlsChannel {
 public:
  static absl::StatusOr<std::unique_ptr<TlsChannel>> Create(const TlsContext& context);
  ~TlsChannel();
  TlsChannel(const TlsChannel&) = delete;
  TlsChannel& operator=(const TlsChannel&) = delete;

  // Feeds handshake bytes from the client and appends the server's answer
  // to `out`. Returns true once the handshake is complete (`out` then holds
  // the final flight, which must still be sent).
  absl::StatusOr<bool> Handshake(std::string_view in, std::string* out);

  // Raw TLS phase: ciphertext from the socket goes in, plaintext comes out.
  void FeedCiphertext(std::string_view in);
  // Appends all plaintext that can be decrypted now. Returns
  // Unavailable when the client closed the TLS session.
  absl::Status ReadPlaintext(std::string* out);
  // Appends the TLS records carrying `plain` to `out`.
  absl::Status Encrypt(std::string_view plain, std::string* out);

 private:
  TlsChannel(SSL* ssl, BIO* in, BIO* out) : ssl_(ssl), in_(in), out_(out) {}
  void DrainOutput(std::string* out);

  SSL* ssl_;
  BIO* in_;   // owned by ssl_
  BIO* out_;  // owned by ssl_
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_TLS_CHANNEL_H_
