#include "testing/tester/type_mapping.h"

#include "gtest/gtest.h"

namespace tester {
namespace {

namespace v2 = ::fivetran_sdk::v2;

std::string Map(v2::DataType type) {
  v2::Column c;
  c.set_type(type);
  return DuckDbType(c);
}

std::string MapDecimal(uint32_t precision, uint32_t scale) {
  v2::Column c;
  c.set_type(v2::DECIMAL);
  c.mutable_params()->mutable_decimal()->set_precision(precision);
  c.mutable_params()->mutable_decimal()->set_scale(scale);
  return DuckDbType(c);
}

TEST(TypeMappingTest, ScalarTypes) {
  EXPECT_EQ(Map(v2::BOOLEAN), "BOOLEAN");
  EXPECT_EQ(Map(v2::SHORT), "SMALLINT");
  EXPECT_EQ(Map(v2::INT), "INTEGER");
  EXPECT_EQ(Map(v2::LONG), "BIGINT");
  EXPECT_EQ(Map(v2::FLOAT), "FLOAT");
  EXPECT_EQ(Map(v2::DOUBLE), "DOUBLE");
  EXPECT_EQ(Map(v2::NAIVE_DATE), "DATE");
  EXPECT_EQ(Map(v2::NAIVE_TIME), "TIME");
  EXPECT_EQ(Map(v2::NAIVE_DATETIME), "TIMESTAMP");
  EXPECT_EQ(Map(v2::UTC_DATETIME), "TIMESTAMPTZ");
  EXPECT_EQ(Map(v2::BINARY), "BLOB");
  EXPECT_EQ(Map(v2::STRING), "VARCHAR");
  EXPECT_EQ(Map(v2::XML), "VARCHAR");
  EXPECT_EQ(Map(v2::JSON), "VARCHAR");
  EXPECT_EQ(Map(v2::UNSPECIFIED), "VARCHAR");
}

TEST(TypeMappingTest, Decimals) {
  EXPECT_EQ(MapDecimal(18, 4), "DECIMAL(18,4)");
  EXPECT_EQ(MapDecimal(38, 10), "DECIMAL(38,10)");
  EXPECT_EQ(MapDecimal(1, 0), "DECIMAL(1,0)");
  EXPECT_EQ(MapDecimal(5, 9), "DECIMAL(5,5)");    // scale capped
  EXPECT_EQ(MapDecimal(39, 2), "VARCHAR");        // wider than DuckDB allows
  EXPECT_EQ(Map(v2::DECIMAL), "DECIMAL(38,10)");  // no params
}

}  // namespace
}  // namespace tester
