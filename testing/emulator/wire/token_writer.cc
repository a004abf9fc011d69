#include "testing/emulator/wire/token_writer.h"

#include "testing/emulator/wire/byte_io.h"
#include "testing/emulator/wire/tds_constants.h"

namespace emulator {

void WriteDone(uint8_t token, uint16_t status, uint64_t row_count, std::string* out) {
  ByteWriter w(out);
  w.U8(token);
  w.U16(status);
  // CurCmd: clients ignore it; SQL Server reports 0xC1 (SELECT) commonly.
  w.U16(0xC1);
  w.U64(row_count);
}

void WriteMessage(const ServerMessage& message, std::string_view server_name,
                  std::string_view proc_name, std::string* out) {
  ByteWriter w(out);
  w.U8(message.severity >= 11 ? tds::kTokenError : tds::kTokenInfo);
  const size_t len_pos = w.size();
  w.U16(0);
  w.U32(static_cast<uint32_t>(message.number));
  w.U8(static_cast<uint8_t>(message.state));
  w.U8(static_cast<uint8_t>(message.severity));
  w.UsVarchar(message.text);
  w.BVarchar(server_name);
  w.BVarchar(proc_name);
  w.U32(static_cast<uint32_t>(message.line));
  w.PatchU16(len_pos, static_cast<uint16_t>(w.size() - len_pos - 2));
}

void WriteEnvChangeText(uint8_t type, std::string_view new_value, std::string_view old_value,
                        std::string* out) {
  ByteWriter w(out);
  w.U8(tds::kTokenEnvChange);
  const size_t len_pos = w.size();
  w.U16(0);
  w.U8(type);
  w.BVarchar(new_value);
  w.BVarchar(old_value);
  w.PatchU16(len_pos, static_cast<uint16_t>(w.size() - len_pos - 2));
}

void WriteEnvChangeBytes(uint8_t type, std::string_view new_value, std::string_view old_value,
                         std::string* out) {
  ByteWriter w(out);
  w.U8(tds::kTokenEnvChange);
  const size_t len_pos = w.size();
  w.U16(0);
  w.U8(type);
  w.U8(static_cast<uint8_t>(new_value.size()));
  w.Bytes(new_value);
  w.U8(static_cast<uint8_t>(old_value.size()));
  w.Bytes(old_value);
  w.PatchU16(len_pos, static_cast<uint16_t>(w.size() - len_pos - 2));
}

void WriteLoginAck(uint32_t tds_version, std::string_view program_name, std::string* out) {
  ByteWriter w(out);
  w.U8(tds::kTokenLoginAck);
  const size_t len_pos = w.size();
  w.U16(0);
  w.U8(1);  // interface: SQL_TSQL
  w.U32Be(tds_version);
  w.BVarchar(program_name);
  // Server version 16.0.4096 (SQL Server 2022), as in the PRELOGIN reply.
  w.U8(16);
  w.U8(0);
  w.U8(0x10);
  w.U8(0x00);
  w.PatchU16(len_pos, static_cast<uint16_t>(w.size() - len_pos - 2));
}

void WriteReturnStatus(int32_t status, std::string* out) {
  ByteWriter w(out);
  w.U8(tds::kTokenReturnStatus);
  w.U32(static_cast<uint32_t>(status));
}

}  // namespace emulator
