// Decoders for client requests after login: SQL batch (0x01) and RPC
// (0x03), both starting with ALL_HEADERS, and the TYPE_INFO + value of RPC
// parameters, turned into the engine's canonical Values (engine_api.h).
#ifndef EHI_TESTING_EMULATOR_WIRE_REQUEST_DECODER_H_
#define EHI_TESTING_EMULATOR_WIRE_REQUEST_DECODER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "testing/emulator/engine_api.h"
#include "testing/emulator/wire/byte_io.h"

namespace emulator {

// Well-known RPC procedure ids (ProcIDSwitch 0xFFFF form).
inline constexpr uint16_t kProcExecuteSql = 10;

// Returns the payload after ALL_HEADERS (validated and skipped by length).
absl::StatusOr<std::string_view> SkipAllHeaders(std::string_view payload);

// The SQL text of a batch, as UTF-8.
absl::StatusOr<std::string> DecodeSqlBatch(std::string_view payload);

struct RpcParameter {
  std::string name;  // "@x" or empty when the client sent no name
  bool output = false;
  Param param;
};

struct RpcCall {
  std::string proc_name;  // empty when called by id
  uint16_t proc_id = 0;
  uint16_t option_flags = 0;
  std::vector<RpcParameter> params;
};

// Decodes every call of an RPC message (several may be batched).
absl::StatusOr<std::vector<RpcCall>> DecodeRpc(std::string_view payload);

// Reads one TYPE_INFO and the value that follows it.
absl::Status ReadTypedValue(ByteReader& reader, SqlType* type, Value* value);

// "@a int, @b nvarchar(10) OUTPUT" → {"@a", "@b"}: names for positional
// sp_executesql arguments.
std::vector<std::string> ParamNamesFromDeclaration(std::string_view declaration);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_REQUEST_DECODER_H_
