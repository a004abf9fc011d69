#include "testing/emulator/wire/prelogin.h"

#include "testing/emulator/wire/byte_io.h"

namespace emulator {
namespace {

constexpr uint8_t kOptVersion = 0x00;
constexpr uint8_t kOptEncryption = 0x01;
constexpr uint8_t kOptInstance = 0x02;
constexpr uint8_t kOptThreadId = 0x03;
constexpr uint8_t kOptMars = 0x04;
constexpr uint8_t kOptTerminator = 0xFF;

}  // namespace

absl::StatusOr<PreloginRequest> ParsePrelogin(std::string_view payload) {
  PreloginRequest request;
  size_t pos = 0;
  // Each option entry is token(1) offset(2, BE) length(2, BE); offsets
  // count from the start of the payload.
  while (true) {
    if (pos >= payload.size()) return absl::InvalidArgumentError("PRELOGIN without terminator");
    const uint8_t token = static_cast<uint8_t>(payload[pos]);
    if (token == kOptTerminator) break;
    if (pos + 5 > payload.size()) return absl::InvalidArgumentError("truncated PRELOGIN option");
    const auto byte = [&](size_t i) {
      return static_cast<size_t>(static_cast<uint8_t>(payload[i]));
    };
    const size_t offset = (byte(pos + 1) << 8) | byte(pos + 2);
    const size_t length = (byte(pos + 3) << 8) | byte(pos + 4);
    pos += 5;
    if (offset > payload.size() || length > payload.size() - offset) {
      return absl::InvalidArgumentError("PRELOGIN option points outside the packet");
    }
    if (token == kOptEncryption && length >= 1) {
      request.has_encryption = true;
      request.encryption = static_cast<uint8_t>(payload[offset]);
    } else if (token == kOptMars && length >= 1) {
      request.has_mars = true;
      request.mars = static_cast<uint8_t>(payload[offset]);
    }
  }
  return request;
}

EncryptionDecision NegotiateEncryption(EncryptionMode mode, const PreloginRequest& request) {
  EncryptionDecision d;
  const uint8_t client = request.has_encryption ? request.encryption : kEncryptNotSupported;
  const bool client_wants = client == kEncryptOn || client == kEncryptRequired;
  switch (mode) {
    case EncryptionMode::kOff:
      d.reply = kEncryptNotSupported;
      break;
    case EncryptionMode::kOn:
      if (client_wants) {
        d.reply = kEncryptOn;
        d.tls = true;
      } else if (client == kEncryptOff) {
        d.reply = kEncryptOff;
        d.tls = true;
        d.login_only = true;
      } else {
        d.reply = kEncryptNotSupported;
      }
      break;
    case EncryptionMode::kRequired:
      d.reply = client_wants ? kEncryptOn : kEncryptRequired;
      d.tls = true;
      break;
  }
  return d;
}

std::string BuildPreloginReply(uint8_t encryption) {
  std::string out;
  ByteWriter w(&out);
  struct Option {
    uint8_t token;
    uint16_t length;
  };
  constexpr Option kOptions[] = {
      {kOptVersion, 6}, {kOptEncryption, 1}, {kOptInstance, 1}, {kOptThreadId, 0}, {kOptMars, 1}};
  uint16_t offset = sizeof(kOptions) / sizeof(kOptions[0]) * 5 + 1;
  for (const Option& o : kOptions) {
    w.U8(o.token);
    w.U16Be(offset);
    w.U16Be(o.length);
    offset = static_cast<uint16_t>(offset + o.length);
  }
  w.U8(kOptTerminator);
  // VERSION: 16.0 build 4096 (UL_VERSION big-endian major, minor, build),
  // then US_SUBBUILD 0.
  w.U8(16);
  w.U8(0);
  w.U16Be(4096);
  w.U16(0);
  w.U8(encryption);
  w.U8(0);  // INSTOPT: instance OK
  w.U8(0);  // MARS off
  return out;
}

}  // namespace emulator
