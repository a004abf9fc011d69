// PRELOGIN (packet type 0x12): the client's option list and the server's
// reply, plus the encryption negotiation that decides between no TLS,
// login-only TLS and full TLS ([MS-TDS] 2.2.6.5 PRELOGIN).
#ifndef EHI_TESTING_EMULATOR_WIRE_PRELOGIN_H_
#define EHI_TESTING_EMULATOR_WIRE_PRELOGIN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace emulator {

// PRELOGIN ENCRYPTION values.
inline constexpr uint8_t kEncryptOff = 0x00;
inline constexpr uint8_t kEncryptOn = 0x01;
inline constexpr uint8_t kEncryptNotSupported = 0x02;
inline constexpr uint8_t kEncryptRequired = 0x03;

// The server's --encryption policy.
enum class EncryptionMode {
  kOff,       // no TLS at all: always answer NOT_SUP
  kOn,        // TLS when the client asks; login-only TLS for clients sending OFF
  kRequired,  // every client must run full TLS; others are refused
};

struct PreloginRequest {
  bool has_encryption = false;
  uint8_t encryption = kEncryptOff;
  bool has_mars = false;
  uint8_t mars = 0;
};

absl::StatusOr<PreloginRequest> ParsePrelogin(std::string_view payload);

// What the connection does after answering PRELOGIN.
struct EncryptionDecision {
  uint8_t reply = kEncryptNotSupported;  // ENCRYPTION byte of the reply
  bool tls = false;                      // the client will start a TLS handshake
  bool login_only = false;               // ... and drop TLS after the LOGIN7 packet
};

EncryptionDecision NegotiateEncryption(EncryptionMode mode, const PreloginRequest& request);

// The reply payload: VERSION 16.0.4096, ENCRYPTION, INSTOPT OK, empty
// THREADID, MARS off (FreeTDS would switch to MARS framing on 1).
std::string BuildPreloginReply(uint8_t encryption);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_PRELOGIN_H_
