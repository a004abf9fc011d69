#include "connector/type_mapping.h"

#include "gtest/gtest.h"

namespace ehi {
namespace {

struct Case {
  SqlColumnType type;
  DataType expected;
  SqlTypeFamily family;
  int precision = -1;  // decimal params when >= 0
  int scale = -1;
  int string_bytes = -1;  // string_byte_length when >= 0
};

TEST(TypeMappingTest, EverySqlServerType) {
  const Case cases[] = {
      {{"bit", 1, 1, 0}, DataType::kBoolean, SqlTypeFamily::kBit},
      {{"tinyint", 1, 3, 0}, DataType::kShort, SqlTypeFamily::kInteger},
      {{"smallint", 2, 5, 0}, DataType::kShort, SqlTypeFamily::kInteger},
      {{"int", 4, 10, 0}, DataType::kInt, SqlTypeFamily::kInteger},
      {{"bigint", 8, 19, 0}, DataType::kLong, SqlTypeFamily::kInteger},
      {{"decimal", 9, 18, 2}, DataType::kDecimal, SqlTypeFamily::kExact, 18, 2},
      {{"numeric", 17, 38, 10}, DataType::kDecimal, SqlTypeFamily::kExact, 38, 10},
      {{"money", 8, 19, 4}, DataType::kDecimal, SqlTypeFamily::kExact, 19, 4},
      {{"smallmoney", 4, 10, 4}, DataType::kDecimal, SqlTypeFamily::kExact, 10, 4},
      {{"real", 4, 24, 0}, DataType::kFloat, SqlTypeFamily::kApprox},
      {{"float", 8, 53, 0}, DataType::kDouble, SqlTypeFamily::kApprox},
      {{"date", 3, 10, 0}, DataType::kNaiveDate, SqlTypeFamily::kDate},
      {{"time", 5, 16, 7}, DataType::kString, SqlTypeFamily::kTime, -1, -1, 16},
      {{"datetime", 8, 23, 3}, DataType::kNaiveDateTime, SqlTypeFamily::kDateTime},
      {{"smalldatetime", 4, 16, 0}, DataType::kNaiveDateTime, SqlTypeFamily::kDateTime},
      {{"datetime2", 8, 27, 7}, DataType::kNaiveDateTime, SqlTypeFamily::kDateTime2},
      {{"datetimeoffset", 10, 34, 7}, DataType::kUtcDateTime, SqlTypeFamily::kDateTimeOffset},
      {{"char", 10, 0, 0}, DataType::kString, SqlTypeFamily::kAnsiString, -1, -1, 30},
      {{"varchar", 50, 0, 0}, DataType::kString, SqlTypeFamily::kAnsiString, -1, -1, 150},
      {{"varchar", -1, 0, 0}, DataType::kString, SqlTypeFamily::kAnsiString},
      {{"text", 16, 0, 0}, DataType::kString, SqlTypeFamily::kAnsiString},
      {{"nchar", 20, 0, 0}, DataType::kString, SqlTypeFamily::kUnicodeString, -1, -1, 30},
      {{"nvarchar", 100, 0, 0}, DataType::kString, SqlTypeFamily::kUnicodeString, -1, -1, 150},
      {{"nvarchar", -1, 0, 0}, DataType::kString, SqlTypeFamily::kUnicodeString},
      {{"ntext", 16, 0, 0}, DataType::kString, SqlTypeFamily::kUnicodeString},
      {{"sysname", 256, 0, 0}, DataType::kString, SqlTypeFamily::kUnicodeString, -1, -1, 384},
      {{"uniqueidentifier", 16, 0, 0}, DataType::kString, SqlTypeFamily::kGuid, -1, -1, 36},
      {{"binary", 16, 0, 0}, DataType::kBinary, SqlTypeFamily::kBinary},
      {{"varbinary", -1, 0, 0}, DataType::kBinary, SqlTypeFamily::kBinary},
      {{"image", 16, 0, 0}, DataType::kBinary, SqlTypeFamily::kBinary},
      {{"timestamp", 8, 0, 0}, DataType::kBinary, SqlTypeFamily::kBinary},
      {{"rowversion", 8, 0, 0}, DataType::kBinary, SqlTypeFamily::kBinary},
      {{"xml", -1, 0, 0}, DataType::kXml, SqlTypeFamily::kXml},
      {{"DateTime2", 8, 27, 7}, DataType::kNaiveDateTime, SqlTypeFamily::kDateTime2},
  };
  for (const Case& c : cases) {
    const MappedType m = MapSqlServerType(c.type);
    SCOPED_TRACE(c.type.type_name + " " + std::to_string(c.type.max_length));
    EXPECT_EQ(m.type, c.expected);
    EXPECT_EQ(m.family, c.family);
    EXPECT_FALSE(m.fallback);
    if (c.precision >= 0) {
      ASSERT_TRUE(m.decimal.has_value());
      EXPECT_EQ(m.decimal->precision, static_cast<uint32_t>(c.precision));
      EXPECT_EQ(m.decimal->scale, static_cast<uint32_t>(c.scale));
    } else {
      EXPECT_FALSE(m.decimal.has_value());
    }
    if (c.string_bytes >= 0) {
      ASSERT_TRUE(m.string_byte_length.has_value());
      EXPECT_EQ(*m.string_byte_length, c.string_bytes);
    } else {
      EXPECT_FALSE(m.string_byte_length.has_value());
    }
  }
}

TEST(TypeMappingTest, FloatWithSmallPrecisionIsReal) {
  EXPECT_EQ(MapSqlServerType({"float", 4, 24, 0}).type, DataType::kFloat);
}

TEST(TypeMappingTest, NeverNaiveTime) {
  for (const char* t : {"time", "datetime", "date", "datetime2", "datetimeoffset"}) {
    EXPECT_NE(MapSqlServerType({t, 8, 0, 7}).type, DataType::kNaiveTime) << t;
  }
}

TEST(TypeMappingTest, DocumentedFallbacks) {
  for (const char* t : {"sql_variant", "hierarchyid", "geography", "geometry", "vector", "json2"}) {
    const MappedType m = MapSqlServerType({t, -1, 0, 0});
    EXPECT_EQ(m.type, DataType::kString) << t;
    EXPECT_EQ(m.family, SqlTypeFamily::kFallback) << t;
    EXPECT_TRUE(m.fallback) << t;
  }
}

TEST(TypeMappingTest, HugeLengthsAreCapped) {
  // A bound beyond int32 (not reachable on SQL Server, but never overflow).
  const MappedType m = MapSqlServerType({"varchar", 2'000'000'000, 0, 0});
  ASSERT_TRUE(m.string_byte_length.has_value());
  EXPECT_EQ(*m.string_byte_length, 2147483647);
}

TEST(TypeMappingTest, Declarations) {
  EXPECT_EQ(SqlTypeDeclaration({"decimal", 9, 18, 2}), "decimal(18,2)");
  EXPECT_EQ(SqlTypeDeclaration({"nvarchar", 100, 0, 0}), "nvarchar(50)");
  EXPECT_EQ(SqlTypeDeclaration({"nvarchar", -1, 0, 0}), "nvarchar(max)");
  EXPECT_EQ(SqlTypeDeclaration({"varchar", 20, 0, 0}), "varchar(20)");
  EXPECT_EQ(SqlTypeDeclaration({"datetime2", 8, 27, 7}), "datetime2(7)");
  EXPECT_EQ(SqlTypeDeclaration({"time", 3, 8, 0}), "time(0)");
  EXPECT_EQ(SqlTypeDeclaration({"datetimeoffset", 10, 34, 3}), "datetimeoffset(3)");
  EXPECT_EQ(SqlTypeDeclaration({"int", 4, 10, 0}), "int");
  EXPECT_EQ(SqlTypeDeclaration({"timestamp", 8, 0, 0}), "binary(8)");
}

TEST(TypeMappingTest, DataTypeNames) {
  EXPECT_EQ(DataTypeName(DataType::kUtcDateTime), "UTC_DATETIME");
  EXPECT_EQ(DataTypeName(DataType::kNaiveDateTime), "NAIVE_DATETIME");
  EXPECT_EQ(static_cast<int>(DataType::kNaiveTime), 15);
  EXPECT_EQ(static_cast<int>(DataType::kString), 13);
}

}  // namespace
}  // namespace ehi
