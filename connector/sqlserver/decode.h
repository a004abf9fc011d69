// Pure decoders from DB-Library's in-memory value layouts to domain values.
// No FreeTDS header here, so the conversions are unit-tested byte by byte.
// Layouts (FreeTDS 1.3.17, sybdb.h): DBNUMERIC {precision, scale, array[33]:
// [0] sign (0 +, 1 −), then the big-endian magnitude}; DBMONEY {int high;
// uint low} = 64-bit count of 1/10000; DBDATETIME {int days since 1900-01-01;
// int 1/300 s}; DBDATETIME4 {ushort days; ushort minutes}; DBDATETIMEALL
// {uint64 time in 100 ns units; int days since 1900-01-01 (negative before);
// short offset minutes; for datetimeoffset time and date are already UTC}.
//
// Thread-safe: pure functions.
#ifndef EHI_CONNECTOR_SQLSERVER_DECODE_H_
#define EHI_CONNECTOR_SQLSERVER_DECODE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/value.h"

namespace ehi::sqlserver {

// Magnitude bytes (big-endian, any length ≤ 32) with sign and scale → plain
// decimal text: DecodeNumeric(false, 2, {0x30, 0x39}) → "123.45".
absl::StatusOr<std::string> DecodeNumeric(bool negative, int scale, absl::string_view magnitude_be);

// A scaled integer → decimal text: FormatScaled(-12345, 4) → "-1.2345".
std::string FormatScaled(int64_t value, int scale);

// datetime: days since 1900-01-01 and ticks of 1/300 s, rounded to the
// nearest 100 ns the way SQL Server converts datetime to datetime2(7)
// (.003 → .0033333).
Timestamp DecodeDateTime(int32_t days, int32_t ticks300);
// smalldatetime.
Timestamp DecodeSmallDateTime(uint16_t days, uint16_t minutes);
// date/datetime2/datetimeoffset from DBDATETIMEALL fields (`time_100ns`
// since midnight). For datetimeoffset the fields are already UTC.
Timestamp DecodeDateTimeAll(int32_t days_since_1900, uint64_t time_100ns);
// "HH:MM:SS.fffffff" from 100 ns units since midnight.
std::string FormatTime(uint64_t time_100ns);
// 16 bytes in wire order (Data1..3 little-endian) → "6F9619FF-8B86-D011-…"
// upper case.
std::string FormatGuid(absl::string_view wire16);

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_DECODE_H_
