// The all-types table the integration tests create through each client,
// with edge values in row 1 (maxima), row 2 (minima / empty) and row 3
// (NULL everywhere but the key).
#ifndef EHI_TESTING_EMULATOR_TESTS_ALL_TYPES_FIXTURE_H_
#define EHI_TESTING_EMULATOR_TESTS_ALL_TYPES_FIXTURE_H_

#include <string>
#include <vector>

namespace emulator::testing {

inline constexpr char kUser[] = "sa";
inline constexpr char kPassword[] = "Emul@tor-Pw1";
inline constexpr char kDatabase[] = "Caboodle";

// mssql-emulator flags for a database file in `dir` with the login above.
inline std::vector<std::string> EmulatorArgs(const std::string& dir) {
  return {"--data",     dir + "/db.sqlite", "--user",     kUser,
          "--password", kPassword,          "--database", kDatabase};
}

// "héllo 😀 €": two-byte, four-byte (non-BMP) and three-byte UTF-8.
inline constexpr char kUnicode[] = "h\xC3\xA9llo \xF0\x9F\x98\x80 \xE2\x82\xAC";

// Four UTF-16 code units (the emoji takes two) for the nchar(5) column.
inline constexpr char kNCharValue[] = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";

inline constexpr char kCreateAllTypes[] = R"sql(CREATE TABLE dbo.AllTypes (
  id int NOT NULL PRIMARY KEY,
  c_bit bit, c_tinyint tinyint, c_smallint smallint, c_int int, c_bigint bigint,
  c_decimal decimal(38,10), c_numeric numeric(9,2), c_money money, c_smallmoney smallmoney,
  c_real real, c_float float,
  c_date date, c_time time(7), c_datetime datetime, c_smalldatetime smalldatetime,
  c_datetime2 datetime2(7), c_dto datetimeoffset(7),
  c_char char(5), c_varchar varchar(50), c_varcharmax varchar(max),
  c_nchar nchar(5), c_nvarchar nvarchar(50), c_nvarcharmax nvarchar(max),
  c_text text, c_ntext ntext,
  c_binary binary(4), c_varbinary varbinary(50), c_varbinarymax varbinary(max), c_image image,
  c_guid uniqueidentifier, c_xml xml, c_rowversion rowversion))sql";

// Row 1 and row 2 (the 1 MB value of row 1 is added by UPDATE in the tests
// that can send it).
inline std::string InsertAllTypes() {
  return std::string(
             R"sql(INSERT INTO dbo.AllTypes (id, c_bit, c_tinyint, c_smallint, c_int, c_bigint,
  c_decimal, c_numeric, c_money, c_smallmoney, c_real, c_float, c_date, c_time, c_datetime,
  c_smalldatetime, c_datetime2, c_dto, c_char, c_varchar, c_varcharmax, c_nchar, c_nvarchar,
  c_nvarcharmax, c_text, c_ntext, c_binary, c_varbinary, c_varbinarymax, c_image, c_guid, c_xml)
VALUES
 (1, 1, 255, 32767, 2147483647, 9223372036854775807,
  9999999999999999999999999999.9999999999, 9999999.99, 922337203685477.5807, 214748.3647,
  CAST(3.4E+38 AS real), 1.7976931348623157E+308,
  '9999-12-31', '23:59:59.9999999', '9999-12-31 23:59:59.997', '2079-06-06 23:59:00',
  '9999-12-31 23:59:59.9999999', '9999-12-31 23:59:59.9999999 +14:00',
  'abc', 'plain ascii', 'varchar max', N')sql") +
         kNCharValue + R"sql(', N')sql" + kUnicode + R"sql(', N'nvarchar max',
  'text value', N'ntext )sql" +
         kUnicode + R"sql(',
  0x01020304, 0x00FF, 0xDEADBEEF, 0xCAFE,
  '6F9619FF-8B86-D011-B42D-00C04FC964FF', N'<a b="1">x</a>'),
 (2, 0, 0, -32768, -2147483648, -9223372036854775808,
  -9999999999999999999999999999.9999999999, -9999999.99, -922337203685477.5808, -214748.3648,
  CAST(-1.5 AS real), -2.2250738585072014E-308,
  '0001-01-01', '00:00:00', '1753-01-01 00:00:00', '1900-01-01 00:00:00',
  '0001-01-01 00:00:00', '0001-01-01 00:00:00 -14:00',
  '', '', '', N'', N'', N'', '', N'', 0x, 0x, 0x, 0x,
  '00000000-0000-0000-0000-000000000000', N''),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))sql";
}

inline constexpr char kSelectAllTypes[] =
    "SELECT id, c_bit, c_tinyint, c_smallint, c_int, c_bigint, c_decimal, c_numeric, c_money, "
    "c_smallmoney, c_real, c_float, c_date, c_time, c_datetime, c_smalldatetime, c_datetime2, "
    "c_dto, c_char, c_varchar, c_varcharmax, c_nchar, c_nvarchar, c_nvarcharmax, c_text, c_ntext, "
    "c_binary, c_varbinary, c_varbinarymax, c_image, c_guid, c_xml, c_rowversion "
    "FROM dbo.AllTypes ORDER BY id";

}  // namespace emulator::testing

#endif  // EHI_TESTING_EMULATOR_TESTS_ALL_TYPES_FIXTURE_H_
