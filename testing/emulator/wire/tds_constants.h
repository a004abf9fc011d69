// Numeric constants of TDS 7.4 ([MS-TDS]) used across the wire layer.
#ifndef EHI_TESTING_EMULATOR_WIRE_TDS_CONSTANTS_H_
#define EHI_TESTING_EMULATOR_WIRE_TDS_CONSTANTS_H_

#include <cstdint>

namespace emulator::tds {

// Packet types (header byte 0).
inline constexpr uint8_t kPacketSqlBatch = 0x01;
inline constexpr uint8_t kPacketPre7Login = 0x02;
inline constexpr uint8_t kPacketRpc = 0x03;
inline constexpr uint8_t kPacketReply = 0x04;
inline constexpr uint8_t kPacketAttention = 0x06;
inline constexpr uint8_t kPacketBulkLoad = 0x07;
inline constexpr uint8_t kPacketTransactionManager = 0x0E;
inline constexpr uint8_t kPacketLogin7 = 0x10;
inline constexpr uint8_t kPacketSspi = 0x11;
inline constexpr uint8_t kPacketPrelogin = 0x12;

// Packet status bits (header byte 1).
inline constexpr uint8_t kStatusEom = 0x01;
inline constexpr uint8_t kStatusIgnore = 0x02;
inline constexpr uint8_t kStatusResetConnection = 0x08;
inline constexpr uint8_t kStatusResetConnectionSkipTran = 0x10;

inline constexpr int kHeaderSize = 8;
inline constexpr int kDefaultPacketSize = 4096;
inline constexpr int kMinPacketSize = 512;
inline constexpr int kMaxPacketSize = 32767;

// TDS 7.4 as sent in LOGIN7 (little-endian) and LOGINACK (big-endian).
inline constexpr uint32_t kTdsVersion74 = 0x74000004;

// Tokens.
inline constexpr uint8_t kTokenReturnStatus = 0x79;
inline constexpr uint8_t kTokenColMetadata = 0x81;
inline constexpr uint8_t kTokenError = 0xAA;
inline constexpr uint8_t kTokenInfo = 0xAB;
inline constexpr uint8_t kTokenLoginAck = 0xAD;
inline constexpr uint8_t kTokenRow = 0xD1;
inline constexpr uint8_t kTokenNbcRow = 0xD2;
inline constexpr uint8_t kTokenEnvChange = 0xE3;
inline constexpr uint8_t kTokenDone = 0xFD;
inline constexpr uint8_t kTokenDoneProc = 0xFE;
inline constexpr uint8_t kTokenDoneInProc = 0xFF;

// DONE status bits.
inline constexpr uint16_t kDoneFinal = 0x0000;
inline constexpr uint16_t kDoneMore = 0x0001;
inline constexpr uint16_t kDoneError = 0x0002;
inline constexpr uint16_t kDoneInXact = 0x0004;
inline constexpr uint16_t kDoneCount = 0x0010;
inline constexpr uint16_t kDoneAttention = 0x0020;
inline constexpr uint16_t kDoneSrvError = 0x0100;

// ENVCHANGE types.
inline constexpr uint8_t kEnvDatabase = 1;
inline constexpr uint8_t kEnvLanguage = 2;
inline constexpr uint8_t kEnvPacketSize = 4;
inline constexpr uint8_t kEnvCollation = 7;
inline constexpr uint8_t kEnvBeginTran = 8;
inline constexpr uint8_t kEnvCommitTran = 9;
inline constexpr uint8_t kEnvRollbackTran = 10;
inline constexpr uint8_t kEnvResetAck = 18;

// Data types.
inline constexpr uint8_t kNull = 0x1F;
inline constexpr uint8_t kImage = 0x22;
inline constexpr uint8_t kText = 0x23;
inline constexpr uint8_t kGuid = 0x24;
inline constexpr uint8_t kIntN = 0x26;
inline constexpr uint8_t kDateN = 0x28;
inline constexpr uint8_t kTimeN = 0x29;
inline constexpr uint8_t kDateTime2N = 0x2A;
inline constexpr uint8_t kDateTimeOffsetN = 0x2B;
inline constexpr uint8_t kInt1 = 0x30;
inline constexpr uint8_t kBit = 0x32;
inline constexpr uint8_t kInt2 = 0x34;
inline constexpr uint8_t kInt4 = 0x38;
inline constexpr uint8_t kDateTim4 = 0x3A;
inline constexpr uint8_t kFlt4 = 0x3B;
inline constexpr uint8_t kMoney = 0x3C;
inline constexpr uint8_t kDateTime = 0x3D;
inline constexpr uint8_t kFlt8 = 0x3E;
inline constexpr uint8_t kNText = 0x63;
inline constexpr uint8_t kBitN = 0x68;
inline constexpr uint8_t kDecimalN = 0x6A;
inline constexpr uint8_t kNumericN = 0x6C;
inline constexpr uint8_t kFltN = 0x6D;
inline constexpr uint8_t kMoneyN = 0x6E;
inline constexpr uint8_t kDateTimeN = 0x6F;
inline constexpr uint8_t kMoney4 = 0x7A;
inline constexpr uint8_t kInt8 = 0x7F;
inline constexpr uint8_t kBigVarBinary = 0xA5;
inline constexpr uint8_t kBigVarChar = 0xA7;
inline constexpr uint8_t kBigBinary = 0xAD;
inline constexpr uint8_t kBigChar = 0xAF;
inline constexpr uint8_t kNVarChar = 0xE7;
inline constexpr uint8_t kNChar = 0xEF;
inline constexpr uint8_t kXml = 0xF1;
inline constexpr uint8_t kSqlVariant = 0x62;

inline constexpr uint16_t kMaxLengthMarker = 0xFFFF;  // (max) in TYPE_INFO
inline constexpr uint64_t kPlpNull = 0xFFFFFFFFFFFFFFFFull;
inline constexpr uint64_t kPlpUnknownLength = 0xFFFFFFFFFFFFFFFEull;
inline constexpr uint32_t kUserTypeTimestamp = 0x50;

// The collation announced for the database and every character column:
// Latin1_General_100_CI_AS_SC_UTF8 (LCID 0x0409, CI/KI/WI, UTF-8 flag,
// version 1). The UTF-8 flag makes both FreeTDS (at 7.4) and tedious treat
// varchar bytes as UTF-8, which is what SQLite stores.
inline constexpr char kCollation[5] = {0x09, 0x04, static_cast<char>(0xD0), 0x14, 0x00};

}  // namespace emulator::tds

#endif  // EHI_TESTING_EMULATOR_WIRE_TDS_CONSTANTS_H_
