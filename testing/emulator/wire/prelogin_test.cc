#include "testing/emulator/wire/prelogin.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace emulator {
namespace {

// Lower-case hex, as the expected values below are written.
std::string Hex(std::string_view bytes) {
  return absl::BytesToHexString(absl::string_view(bytes.data(), bytes.size()));
}

TEST(PreloginTest, ReplyMatchesTheVerifiedLayout) {
  // The payload of the 43-byte reply checked against FreeTDS and tedious.
  EXPECT_EQ(Hex(BuildPreloginReply(kEncryptNotSupported)),
            "00001a000601002000010200210001030022000004002200"
            "01ff100010000000020000");
}

TEST(PreloginTest, ParsesFreeTdsRequest) {
  // VERSION, ENCRYPTION=OFF, INSTOPT "MSSQLServer\0", THREADID, MARS=0.
  std::string p = std::string("\x00\x00\x1a\x00\x06", 5) + std::string("\x01\x00\x20\x00\x01", 5) +
                  std::string("\x02\x00\x21\x00\x0c", 5) + std::string("\x03\x00\x2d\x00\x04", 5) +
                  std::string("\x04\x00\x31\x00\x01", 5) + "\xff" + std::string(6, '\0') +
                  std::string(1, '\0') + std::string("MSSQLServer\0", 12) + "\x01\x02\x03\x04" +
                  std::string(1, '\0');
  auto r = ParsePrelogin(p);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->has_encryption);
  EXPECT_EQ(r->encryption, kEncryptOff);
  EXPECT_TRUE(r->has_mars);
}

TEST(PreloginTest, RejectsMalformedOptions) {
  EXPECT_FALSE(ParsePrelogin("").ok());
  EXPECT_FALSE(ParsePrelogin(std::string("\x01\x00\x50\x00\x01\xff", 6)).ok());
  EXPECT_FALSE(ParsePrelogin(std::string("\x01\x00", 2)).ok());
}

TEST(PreloginTest, NegotiatesLikeSqlServer) {
  PreloginRequest off{true, kEncryptOff, false, 0};
  PreloginRequest on{true, kEncryptOn, false, 0};
  PreloginRequest not_sup{true, kEncryptNotSupported, false, 0};

  EXPECT_EQ(NegotiateEncryption(EncryptionMode::kOff, on).reply, kEncryptNotSupported);
  EXPECT_FALSE(NegotiateEncryption(EncryptionMode::kOff, on).tls);

  auto d = NegotiateEncryption(EncryptionMode::kOn, off);
  EXPECT_EQ(d.reply, kEncryptOff);
  EXPECT_TRUE(d.tls && d.login_only);
  d = NegotiateEncryption(EncryptionMode::kOn, on);
  EXPECT_EQ(d.reply, kEncryptOn);
  EXPECT_TRUE(d.tls && !d.login_only);
  EXPECT_FALSE(NegotiateEncryption(EncryptionMode::kOn, not_sup).tls);

  d = NegotiateEncryption(EncryptionMode::kRequired, not_sup);
  EXPECT_EQ(d.reply, kEncryptRequired);
  EXPECT_TRUE(d.tls && !d.login_only);
  EXPECT_EQ(NegotiateEncryption(EncryptionMode::kRequired, on).reply, kEncryptOn);
}

}  // namespace
}  // namespace emulator
