#include "testing/emulator/wire/login7.h"

#include "gtest/gtest.h"
#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/ucs2.h"

namespace emulator {
namespace {

// Builds a LOGIN7 payload the way clients lay it out: 94 fixed bytes, then
// the strings in field order.
std::string BuildLogin(const std::string& user, const std::string& password,
                       const std::string& database) {
  const std::string strings[] = {"host", user,         password,     "app",   "server",
                                 "",     "DB-Library", "us_english", database};
  std::string fixed;
  ByteWriter w(&fixed);
  w.U32(0);
  w.U32(0x74000004);
  w.U32(4096);
  w.U32(7);
  w.U32(1234);
  w.U32(0);
  w.U8(0xE0);
  w.U8(0x01);
  w.U8(0x00);
  w.U8(0x18);
  w.U32(0);
  w.U32(0x0409);
  std::string data;
  uint16_t offset = 94;
  for (int i = 0; i < 9; ++i) {
    const std::string units = i == 2 ? ObfuscatePassword(strings[i]) : Utf8ToUtf16Le(strings[i]);
    w.U16(i == 5 ? 0 : offset);  // field 5 = extension: empty
    w.U16(static_cast<uint16_t>(units.size() / 2));
    data += units;
    offset = static_cast<uint16_t>(offset + units.size());
  }
  w.Bytes(std::string(6, '\0'));  // ClientID
  w.U32(0);                       // SSPI
  w.U32(0);                       // AtchDBFile
  w.U32(0);                       // ChangePassword
  w.U32(0);                       // cbSSPILong
  std::string payload = fixed + data;
  ByteWriter(&payload).PatchU16(0, static_cast<uint16_t>(payload.size()));
  return payload;
}

TEST(Login7Test, ParsesFieldsAndPassword) {
  auto login = ParseLogin7(BuildLogin("sa", "S3cret!\xC3\xA9", "Caboodle"));
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_EQ(login->tds_version, 0x74000004u);
  EXPECT_EQ(login->packet_size, 4096u);
  EXPECT_EQ(login->user_name, "sa");
  EXPECT_EQ(login->password, "S3cret!\xC3\xA9");
  EXPECT_EQ(login->database, "Caboodle");
  EXPECT_EQ(login->language, "us_english");
  EXPECT_EQ(login->library_name, "DB-Library");
}

TEST(Login7Test, PasswordScramblingMatchesFreeTds) {
  // 'a' = 0x61: swap nibbles → 0x16, XOR 0xA5 → 0xB3; the high byte 0 → 0xA5.
  EXPECT_EQ(ObfuscatePassword("a"), std::string("\xB3\xA5", 2));
  EXPECT_EQ(DeobfuscatePassword(std::string("\xB3\xA5", 2)), "a");
}

TEST(Login7Test, RejectsFieldsOutsideThePacket) {
  std::string payload = BuildLogin("sa", "pw", "");
  EXPECT_FALSE(ParseLogin7(payload.substr(0, 50)).ok());
  ByteWriter(&payload).PatchU16(40, 60000);  // user name offset
  EXPECT_FALSE(ParseLogin7(payload).ok());
}

}  // namespace
}  // namespace emulator
