// LOGIN7 (packet type 0x10) parsing and SQL authentication.
#ifndef EHI_TESTING_EMULATOR_WIRE_LOGIN7_H_
#define EHI_TESTING_EMULATOR_WIRE_LOGIN7_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace emulator {

struct Login7 {
  uint32_t tds_version = 0;  // host order, e.g. 0x74000004
  uint32_t packet_size = 0;
  uint32_t client_pid = 0;
  uint8_t option_flags1 = 0;
  uint8_t option_flags2 = 0;
  uint8_t type_flags = 0;
  uint8_t option_flags3 = 0;
  std::string host_name;
  std::string user_name;
  std::string password;  // de-obfuscated, UTF-8
  std::string app_name;
  std::string server_name;
  std::string library_name;
  std::string language;
  std::string database;
};

// Parses the LOGIN7 payload; InvalidArgument on anything malformed (a field
// pointing outside the payload, a short fixed part).
absl::StatusOr<Login7> ParseLogin7(std::string_view payload);

// Undoes the LOGIN7 password scrambling (swap nibbles after XOR 0xA5) and
// returns the UTF-8 password.
std::string DeobfuscatePassword(std::string_view scrambled);
// The inverse, for tests and tools.
std::string ObfuscatePassword(std::string_view utf8);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_LOGIN7_H_
