// Storage and canonical output of every type, with edge values.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/engine_test_util.h"
#include "testing/emulator/engine/sql_types.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;

class TypesTest : public EngineTest {};

TEST_F(TypesTest, IntegerEdges) {
  Exec("CREATE TABLE t (k int PRIMARY KEY, b bit, ti tinyint, si smallint, i int, bi bigint)");
  Exec(
      "INSERT INTO t VALUES (1, 1, 0, -32768, -2147483648, -9223372036854775808),"
      "(2, 0, 255, 32767, 2147483647, 9223372036854775807), (3, NULL, NULL, NULL, NULL, NULL)");
  EXPECT_THAT(
      Rows("SELECT b, ti, si, i, bi FROM t ORDER BY k"),
      ElementsAre("1|0|-32768|-2147483648|-9223372036854775808",
                  "0|255|32767|2147483647|9223372036854775807", "NULL|NULL|NULL|NULL|NULL"));
  EXPECT_EQ(ErrorOf("INSERT INTO t (k, ti) VALUES (4, 256)"), 8115);
  EXPECT_EQ(ErrorOf("INSERT INTO t (k, ti) VALUES (4, -1)"), 8115);
  EXPECT_EQ(ErrorOf("INSERT INTO t (k, i) VALUES (4, 2147483648)"), 8115);
  EXPECT_EQ(ErrorOf("INSERT INTO t (k, i) VALUES (4, 'abc')"), 245);
}

TEST_F(TypesTest, DecimalIsExact) {
  Exec(
      "CREATE TABLE d (k int PRIMARY KEY, v decimal(38,10), m money, sm smallmoney, n "
      "numeric(5,2))");
  Exec(
      "INSERT INTO d VALUES (1, 1234567890123456789012345678.0123456789, "
      "922337203685477.5807, 214748.3647, 123.455),"
      "(2, -9999999999999999999999999999.9999999999, -922337203685477.5808, -214748.3648, -0.001)");
  EXPECT_THAT(Rows("SELECT v, m, sm, n FROM d ORDER BY k"),
              ElementsAre("1234567890123456789012345678.0123456789|922337203685477.5807|"
                          "214748.3647|123.46",
                          "-9999999999999999999999999999.9999999999|-922337203685477.5808|"
                          "-214748.3648|0.00"));
  RecordingSink s = Exec("SELECT v, m FROM d WHERE k = 1");
  EXPECT_EQ(s.statements[0].columns[0].type.id, TypeId::kDecimal);
  EXPECT_EQ(s.statements[0].columns[0].type.precision, 38);
  EXPECT_EQ(s.statements[0].columns[0].type.scale, 10);
  EXPECT_EQ(s.statements[0].columns[1].type.id, TypeId::kMoney);
  EXPECT_EQ(ErrorOf("INSERT INTO d (k, n) VALUES (3, 1000)"), 8115);
  // Ordering is numeric, not textual.
  Exec("INSERT INTO d (k, n) VALUES (3, 9.5), (4, 10), (5, -20)");
  EXPECT_THAT(Rows("SELECT k FROM d WHERE n > 5 ORDER BY n"), ElementsAre("3", "4", "1"));
}

TEST_F(TypesTest, DatetimeRoundsToThreeHundredths) {
  Exec("CREATE TABLE dt (k int PRIMARY KEY, v datetime)");
  const char* cases[][2] = {
      {"2024-01-01T23:59:59.999", "2024-01-02 00:00:00.000"},
      {"2024-01-01T00:00:00.995", "2024-01-01 00:00:00.997"},
      {"2024-01-01T00:00:00.998", "2024-01-01 00:00:00.997"},
      {"2024-01-01T00:00:00.992", "2024-01-01 00:00:00.993"},
      {"2024-01-01T00:00:00.994", "2024-01-01 00:00:00.993"},
      {"2024-01-01T00:00:00.990", "2024-01-01 00:00:00.990"},
      {"2024-01-01T00:00:00.991", "2024-01-01 00:00:00.990"},
      {"2024-01-01T00:00:00.003", "2024-01-01 00:00:00.003"},
      {"2024-01-01T00:00:00.005", "2024-01-01 00:00:00.007"},
  };
  int k = 0;
  for (const auto& c : cases) {
    ++k;
    Exec("INSERT INTO dt VALUES (" + std::to_string(k) + ", '" + c[0] + "')");
    EXPECT_EQ(Scalar("SELECT v FROM dt WHERE k = " + std::to_string(k)), c[1]) << c[0];
  }
  // datetime .003 equals a datetime literal but is above datetime2 .003.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM dt WHERE v = CAST('2024-01-01T00:00:00.003' AS datetime)"),
            "1");
  EXPECT_EQ(
      Scalar("SELECT COUNT(*) FROM dt WHERE v > CAST('2024-01-01T00:00:00.003' AS datetime2(3)) "
             "AND v < CAST('2024-01-01T00:00:00.004' AS datetime2(3))"),
      "1");
  EXPECT_EQ(ErrorOf("INSERT INTO dt VALUES (99, '1600-01-01')"), 242);
  EXPECT_EQ(ErrorOf("INSERT INTO dt VALUES (99, 'not a date')"), 241);
}

TEST_F(TypesTest, DateTime2TimeSmallDateTimeAndOffsets) {
  Exec(
      "CREATE TABLE t2 (k int PRIMARY KEY, a datetime2(7), b datetime2(0), c time(7), d time(3), "
      "e smalldatetime, f datetimeoffset(7), g datetimeoffset(0), h date)");
  Exec(
      "INSERT INTO t2 VALUES (1, '9999-12-31T23:59:59.9999999', '2024-05-01T12:34:56.5', "
      "'23:59:59.9999999', '01:02:03.4567', '2024-05-01T12:34:29.998', "
      "'2024-05-01T12:34:56.1234567+05:30', '2024-05-01T00:00:00-08:00', '0001-01-01')");
  EXPECT_THAT(Rows("SELECT a, b, c, d, e, f, g, h FROM t2"),
              ElementsAre("9999-12-31 23:59:59.9999999|2024-05-01 12:34:57|23:59:59.9999999|"
                          "01:02:03.457|2024-05-01 12:34:00|2024-05-01 12:34:56.1234567 +05:30|"
                          "2024-05-01 00:00:00 -08:00|0001-01-01"));
  Exec("UPDATE t2 SET e = '2024-05-01T12:34:29.999' WHERE k = 1");
  EXPECT_EQ(Scalar("SELECT e FROM t2"), "2024-05-01 12:35:00");
  // datetimeoffset compares by UTC instant.
  Exec(
      "INSERT INTO t2 (k, f) VALUES (2, '2024-05-01T08:00:00+01:00'), (3, '2024-05-01T06:30:00Z')");
  EXPECT_THAT(Rows("SELECT k FROM t2 WHERE f IS NOT NULL ORDER BY f"), ElementsAre("3", "2", "1"));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM t2 WHERE f = '2024-05-01T07:00:00+00:00'"), "1");
  RecordingSink s = Exec("SELECT a, c, f, SYSUTCDATETIME(), GETUTCDATE() FROM t2 WHERE k = 1");
  EXPECT_EQ(s.statements[0].columns[0].type.id, TypeId::kDateTime2);
  EXPECT_EQ(s.statements[0].columns[0].type.scale, 7);
  EXPECT_EQ(s.statements[0].columns[1].type.id, TypeId::kTime);
  EXPECT_EQ(s.statements[0].columns[2].type.id, TypeId::kDateTimeOffset);
  EXPECT_EQ(s.statements[0].columns[3].type.id, TypeId::kDateTime2);
  EXPECT_EQ(s.statements[0].columns[4].type.id, TypeId::kDateTime);
}

TEST_F(TypesTest, StringsUnicodeEmptyAndNull) {
  Exec(
      "CREATE TABLE s (k int PRIMARY KEY, nv nvarchar(10), v varchar(10), c char(5), nc nchar(3), "
      "mx nvarchar(max), x xml, tx text, ntx ntext)");
  Exec(
      "INSERT INTO s VALUES (1, N'😀é漢', N'😀é漢', 'ab', N'x', N'', N'<a>1</a>', 'legacy', N'ñ'),"
      "(2, '', '', '', '', NULL, NULL, NULL, NULL)");
  EXPECT_THAT(
      Rows("SELECT nv, v, c, nc, mx, x, tx, ntx FROM s ORDER BY k"),
      ElementsAre("😀é漢|?é?|ab   |x  ||<a>1</a>|legacy|ñ", "||     |   |NULL|NULL|NULL|NULL"));
  EXPECT_EQ(Scalar("SELECT LEN(nv) FROM s WHERE k = 1"), "4");  // UTF-16 units
  EXPECT_EQ(Scalar("SELECT DATALENGTH(nv) FROM s WHERE k = 1"), "8");
  EXPECT_EQ(Scalar("SELECT DATALENGTH(c) FROM s WHERE k = 1"), "5");
  EXPECT_EQ(Scalar("SELECT LEN(c) FROM s WHERE k = 1"), "2");
  EXPECT_EQ(ErrorOf("INSERT INTO s (k, nv) VALUES (3, N'12345678901')"), 2628);
  // Trailing spaces beyond the length are dropped silently.
  Exec("INSERT INTO s (k, v) VALUES (4, 'abc          ')");
  EXPECT_EQ(Scalar("SELECT v FROM s WHERE k = 4"), "abc       ");
}

TEST_F(TypesTest, OneMegabyteNVarCharMax) {
  Exec("CREATE TABLE big (k int PRIMARY KEY, v nvarchar(max))");
  Exec("INSERT INTO big VALUES (1, REPLICATE(CAST(N'ab€' AS nvarchar(max)), 349526))");
  RecordingSink s = Exec("SELECT v, LEN(v) FROM big");
  ASSERT_EQ(s.statements[0].rows.size(), 1u);
  EXPECT_EQ(s.statements[0].columns[0].type.length, SqlType::kMaxLength);
  EXPECT_EQ(s.statements[0].rows[0][0].bytes.size(), 349526u * 5);
  EXPECT_EQ(s.statements[0].rows[0][1].int_value, 349526 * 3);
}

TEST_F(TypesTest, BinaryGuidFloatRowversion) {
  Exec(
      "CREATE TABLE b (k int PRIMARY KEY, vb varbinary(8), bn binary(4), g uniqueidentifier, "
      "r real, f float, rv rowversion, img image, vbm varbinary(max))");
  Exec(
      "INSERT INTO b (k, vb, bn, g, r, f, img, vbm) VALUES "
      "(1, 0x0A0B, 0x01, '6F9619FF-8B86-D011-B42D-00C04FC964FF', 1.5, -2.25E300, 0x, 0x)");
  Exec("INSERT INTO b (k, vb) VALUES (2, NULL)");
  RecordingSink s = Exec("SELECT vb, bn, g, r, f, img, vbm FROM b WHERE k = 1");
  const auto& row = s.statements[0].rows[0];
  EXPECT_EQ(ValueText(row[0]), "0x0A0B");
  EXPECT_EQ(ValueText(row[1]), "0x01000000");
  // Wire order: Data1..3 little-endian.
  EXPECT_EQ(ValueText(row[2]), "0xFF19966F868B11D0B42D00C04FC964FF");
  EXPECT_EQ(row[3].double_value, 1.5);
  EXPECT_EQ(row[4].double_value, -2.25e300);
  EXPECT_EQ(row[5].kind, Value::Kind::kBytes);
  EXPECT_EQ(row[5].bytes, "");
  EXPECT_EQ(Scalar("SELECT CAST(g AS varchar(36)) FROM b WHERE k = 1"),
            "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  // rowversion: 8 bytes, increasing per insert/update.
  std::vector<std::string> rv = Rows("SELECT rv FROM b ORDER BY k");
  ASSERT_EQ(rv.size(), 2u);
  EXPECT_EQ(rv[0].size(), 18u);
  EXPECT_LT(rv[0], rv[1]);
  Exec("UPDATE b SET f = 1 WHERE k = 1");
  EXPECT_GT(Scalar("SELECT rv FROM b WHERE k = 1"), rv[1]);
  EXPECT_EQ(Scalar("SELECT CONVERT(varchar(20), vb, 1) FROM b WHERE k = 1"), "0x0A0B");
  EXPECT_EQ(Scalar("SELECT CONVERT(varbinary(4), '0A0B', 2)"), "0x0A0B");
  EXPECT_EQ(ErrorOf("SELECT CAST('nope' AS uniqueidentifier)"), 8169);
}

TEST_F(TypesTest, CastAndConvertStyles) {
  EXPECT_EQ(Scalar("SELECT CONVERT(varchar(30), CAST('2024-01-02T03:04:05.123' AS datetime), 126)"),
            "2024-01-02T03:04:05.123");
  EXPECT_EQ(Scalar("SELECT CONVERT(nvarchar(40), CAST('2024-01-02T03:04:05.1234567+05:30' AS "
                   "datetimeoffset(7)), 127)"),
            "2024-01-02T03:04:05.1234567+05:30");
  EXPECT_EQ(Scalar("SELECT CAST(CAST('2024-01-02T03:04:05' AS datetime) AS varchar(30))"),
            "Jan  2 2024  3:04AM");
  EXPECT_EQ(Scalar("SELECT CAST(12.345 AS decimal(5,1))"), "12.3");
  EXPECT_EQ(Scalar("SELECT CAST(-12.35 AS decimal(5,1))"), "-12.4");
  EXPECT_EQ(Scalar("SELECT CAST(2.9 AS int)"), "2");
  EXPECT_EQ(Scalar("SELECT TRY_CAST('x' AS int)"), "NULL");
  EXPECT_EQ(Scalar("SELECT CAST(1 AS bit) + 0"), "1");
  EXPECT_EQ(Scalar("SELECT ISNULL(NULL, 5)"), "5");
  EXPECT_EQ(Scalar("SELECT COALESCE(NULL, NULL, N'x')"), "x");
  EXPECT_EQ(Scalar("SELECT 'a' + 'b' + N'c'"), "abc");
  EXPECT_EQ(Scalar("SELECT 7 / 2"), "3");
  EXPECT_EQ(Scalar("SELECT QUOTENAME('abc[]def')"), "[abc[]]def]");
  EXPECT_EQ(Scalar("SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))"),
            "16.0.4165.4");
  RecordingSink s = Exec("SELECT 1, 3000000000, 1.50, 'ab', N'ab', COUNT(*), COUNT_BIG(*)");
  const auto& cols = s.statements[0].columns;
  EXPECT_EQ(cols[0].type.id, TypeId::kInt);
  EXPECT_EQ(cols[1].type.id, TypeId::kNumeric);
  EXPECT_EQ(cols[2].type.id, TypeId::kNumeric);
  EXPECT_EQ(cols[2].type.scale, 2);
  EXPECT_EQ(cols[3].type.id, TypeId::kVarChar);
  EXPECT_EQ(cols[4].type.id, TypeId::kNVarChar);
  EXPECT_EQ(cols[5].type.id, TypeId::kInt);
  EXPECT_EQ(cols[6].type.id, TypeId::kBigInt);
}

TEST(SqlTypesTest, GuidKeyPermutation) {
  std::string wire;
  ASSERT_TRUE(ParseGuidText("00112233-4455-6677-8899-AABBCCDDEEFF", &wire));
  std::string key = GuidWireToKey(wire);
  const unsigned char expected[] = {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x88, 0x99,
                                    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00};
  EXPECT_EQ(key, std::string(reinterpret_cast<const char*>(expected), 16));
  EXPECT_EQ(GuidKeyToWire(key), wire);
  EXPECT_EQ(FormatGuidWire(wire), "00112233-4455-6677-8899-AABBCCDDEEFF");
}

TEST(SqlTypesTest, CatalogValues) {
  auto t = [](const char* s) { return ParseTypeString(s).value(); };
  EXPECT_EQ(CatalogMaxLength(t("nvarchar(50)")), 100);
  EXPECT_EQ(CatalogMaxLength(t("nvarchar(max)")), -1);
  EXPECT_EQ(CatalogMaxLength(t("decimal(38,10)")), 17);
  EXPECT_EQ(CatalogMaxLength(t("decimal(9,2)")), 5);
  EXPECT_EQ(CatalogPrecision(t("datetime2(7)")), 27);
  EXPECT_EQ(CatalogPrecision(t("datetime2(0)")), 19);
  EXPECT_EQ(CatalogPrecision(t("time(0)")), 8);
  EXPECT_EQ(CatalogPrecision(t("datetimeoffset(7)")), 34);
  EXPECT_EQ(CatalogMaxLength(t("time(2)")), 3);
  EXPECT_EQ(CatalogMaxLength(t("datetimeoffset(3)")), 9);
  EXPECT_EQ(SystemTypeId(TypeId::kRowVersion), 189);
  EXPECT_EQ(TypeToString(t("float(10)")), "real");
}

}  // namespace
}  // namespace emulator
