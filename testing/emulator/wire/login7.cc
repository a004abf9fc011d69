#include "testing/emulator/wire/login7.h"

#include "absl/strings/str_cat.h"
#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/ucs2.h"

namespace emulator {
namespace {

constexpr size_t kFixedSize = 94;

// Reads an ib/cch pair at `field_offset` and the UTF-16 string it points to.
absl::Status ReadField(std::string_view payload, size_t field_offset, std::string* raw_utf16) {
  ByteReader r(payload.substr(field_offset, 4));
  uint16_t offset = 0;
  uint16_t chars = 0;
  if (!r.U16(&offset) || !r.U16(&chars)) return absl::InvalidArgumentError("short LOGIN7");
  const size_t bytes = static_cast<size_t>(chars) * 2;
  if (chars == 0) {
    raw_utf16->clear();
    return absl::OkStatus();
  }
  if (offset > payload.size() || bytes > payload.size() - offset) {
    return absl::InvalidArgumentError(
        absl::StrCat("LOGIN7 field at ", field_offset, " points outside the packet"));
  }
  raw_utf16->assign(payload.substr(offset, bytes));
  return absl::OkStatus();
}

}  // namespace

std::string DeobfuscatePassword(std::string_view scrambled) {
  std::string utf16(scrambled);
  for (char& c : utf16) {
    const uint8_t x = static_cast<uint8_t>(c) ^ 0xA5;
    c = static_cast<char>(((x << 4) | (x >> 4)) & 0xFF);
  }
  return Utf16LeToUtf8(utf16);
}

std::string ObfuscatePassword(std::string_view utf8) {
  std::string utf16 = Utf8ToUtf16Le(utf8);
  for (char& c : utf16) {
    const uint8_t b = static_cast<uint8_t>(c);
    c = static_cast<char>((((b << 4) | (b >> 4)) & 0xFF) ^ 0xA5);
  }
  return utf16;
}

absl::StatusOr<Login7> ParseLogin7(std::string_view payload) {
  if (payload.size() < kFixedSize) {
    return absl::InvalidArgumentError(absl::StrCat("LOGIN7 too short: ", payload.size(), " bytes"));
  }
  ByteReader r(payload);
  Login7 login;
  uint32_t length = 0;
  uint32_t prog_version = 0;
  uint32_t connection_id = 0;
  r.U32(&length);
  r.U32(&login.tds_version);
  r.U32(&login.packet_size);
  r.U32(&prog_version);
  r.U32(&login.client_pid);
  r.U32(&connection_id);
  r.U8(&login.option_flags1);
  r.U8(&login.option_flags2);
  r.U8(&login.type_flags);
  r.U8(&login.option_flags3);
  if (!r.ok()) return absl::InvalidArgumentError("short LOGIN7");

  struct Field {
    size_t offset;
    std::string* utf8;
    bool password;
  };
  std::string raw;
  const Field fields[] = {
      {36, &login.host_name, false},   {40, &login.user_name, false},
      {44, &login.password, true},     {48, &login.app_name, false},
      {52, &login.server_name, false}, {60, &login.library_name, false},
      {64, &login.language, false},    {68, &login.database, false},
  };
  for (const Field& f : fields) {
    const absl::Status s = ReadField(payload, f.offset, &raw);
    if (!s.ok()) return s;
    *f.utf8 = f.password ? DeobfuscatePassword(raw) : Utf16LeToUtf8(raw);
  }
  return login;
}

}  // namespace emulator
