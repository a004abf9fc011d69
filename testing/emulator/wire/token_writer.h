// Encoders for the server → client tokens of TDS 7.4 that carry no row data:
// DONE/DONEPROC/DONEINPROC, ERROR/INFO, ENVCHANGE, LOGINACK, RETURNSTATUS.
// Each appends one complete token to `out`.
#ifndef EHI_TESTING_EMULATOR_WIRE_TOKEN_WRITER_H_
#define EHI_TESTING_EMULATOR_WIRE_TOKEN_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "testing/emulator/engine_api.h"

namespace emulator {

// `token` is kTokenDone, kTokenDoneProc or kTokenDoneInProc.
void WriteDone(uint8_t token, uint16_t status, uint64_t row_count, std::string* out);

// ERROR (severity >= 11) or INFO token, chosen from the severity.
void WriteMessage(const ServerMessage& message, std::string_view server_name,
                  std::string_view proc_name, std::string* out);

// ENVCHANGE with B_VARCHAR new/old values (database, language, packet size).
void WriteEnvChangeText(uint8_t type, std::string_view new_value, std::string_view old_value,
                        std::string* out);
// ENVCHANGE with B_VARBYTE new/old values (collation, transactions, reset).
void WriteEnvChangeBytes(uint8_t type, std::string_view new_value, std::string_view old_value,
                         std::string* out);

// LOGINACK for `tds_version` (host order, e.g. 0x74000004).
void WriteLoginAck(uint32_t tds_version, std::string_view program_name, std::string* out);

void WriteReturnStatus(int32_t status, std::string* out);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_TOKEN_WRITER_H_
