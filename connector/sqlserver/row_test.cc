#include "connector/sqlserver/row.h"

#include "gtest/gtest.h"

namespace ehi::sqlserver {
namespace {

TEST(DomainTypeOfWireTest, ExactTypesKeepTheirDomainType) {
  EXPECT_EQ(DomainTypeOfWire(kWireBit), DataType::kBoolean);
  EXPECT_EQ(DomainTypeOfWire(kWireInt1), DataType::kShort);
  EXPECT_EQ(DomainTypeOfWire(kWireInt2), DataType::kShort);
  EXPECT_EQ(DomainTypeOfWire(kWireInt4), DataType::kInt);
  EXPECT_EQ(DomainTypeOfWire(kWireInt8), DataType::kLong);
  EXPECT_EQ(DomainTypeOfWire(kWireReal), DataType::kFloat);
  EXPECT_EQ(DomainTypeOfWire(kWireFloat8), DataType::kDouble);
}

TEST(DomainTypeOfWireTest, MoneyAndNumericsAreDecimalText) {
  EXPECT_EQ(DomainTypeOfWire(kWireMoney), DataType::kDecimal);
  EXPECT_EQ(DomainTypeOfWire(kWireMoney4), DataType::kDecimal);
  EXPECT_EQ(DomainTypeOfWire(kWireDecimal), DataType::kDecimal);
  EXPECT_EQ(DomainTypeOfWire(kWireNumeric), DataType::kDecimal);
}

TEST(DomainTypeOfWireTest, TemporalTypes) {
  EXPECT_EQ(DomainTypeOfWire(kWireDate), DataType::kNaiveDate);
  EXPECT_EQ(DomainTypeOfWire(kWireDateTime), DataType::kNaiveDateTime);
  EXPECT_EQ(DomainTypeOfWire(kWireDateTime4), DataType::kNaiveDateTime);
  EXPECT_EQ(DomainTypeOfWire(kWireDateTime2), DataType::kNaiveDateTime);
  EXPECT_EQ(DomainTypeOfWire(kWireDateTimeOffset), DataType::kUtcDateTime);
  // time has no SDK type: delivered as "HH:MM:SS.fffffff" text.
  EXPECT_EQ(DomainTypeOfWire(kWireTime), DataType::kString);
}

TEST(DomainTypeOfWireTest, BinaryAndEverythingElse) {
  EXPECT_EQ(DomainTypeOfWire(kWireBinary), DataType::kBinary);
  EXPECT_EQ(DomainTypeOfWire(kWireImage), DataType::kBinary);
  EXPECT_EQ(DomainTypeOfWire(kWireChar), DataType::kString);
  EXPECT_EQ(DomainTypeOfWire(kWireText), DataType::kString);  // xml arrives as text
  EXPECT_EQ(DomainTypeOfWire(kWireGuid), DataType::kString);
  EXPECT_EQ(DomainTypeOfWire(0), DataType::kString);
  EXPECT_EQ(DomainTypeOfWire(9999), DataType::kString);
}

}  // namespace
}  // namespace ehi::sqlserver
