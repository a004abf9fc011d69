#include "testing/emulator/wire/value_encoder.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "testing/emulator/wire/temporal_codec.h"

namespace emulator {
namespace {

// Lower-case hex, as the expected values below are written.
std::string Hex(std::string_view bytes) {
  return absl::BytesToHexString(absl::string_view(bytes.data(), bytes.size()));
}

std::string Encode(SqlType type, const Value& v, int64_t text_size = 4096) {
  ColumnEncoder enc(Column{"c", type, true});
  std::string out;
  const absl::Status s = enc.WriteValue(v, text_size, &out);
  if (!s.ok()) return "error: " + std::string(s.message());
  return Hex(out);
}

TEST(ValueEncoderTest, Integers) {
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kTinyInt), Value::Int(255)), "01ff");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kSmallInt), Value::Int(-32768)), "020080");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kInt), Value::Int(-1)), "04ffffffff");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kBigInt), Value::Int(INT64_MIN)), "080000000000000080");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kBit), Value::Int(7)), "0101");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kInt), Value::Text("42")), "042a000000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kInt), Value::Null()), "00");
  EXPECT_NE(Encode(SqlType::Of(TypeId::kTinyInt), Value::Int(256)).find("overflow"),
            std::string::npos);
}

TEST(ValueEncoderTest, DecimalAndMoney) {
  // decimal(5,2) 123.45 → sign 1, 12345 = 0x3039.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDecimal, 0, 5, 2), Value::Text("123.45")), "050139300000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNumeric, 0, 5, 2), Value::Text("-0.01")), "050001000000");
  // decimal(38,10): 17-byte value, magnitude 10^37 + 1.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDecimal, 0, 38, 10),
                   Value::Text("1000000000000000000000000000.0000000001")),
            "1101"
            "01000000a036f400d946dad510ee8507");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDecimal, 0, 9, 0), Value::Int(7)), "050107000000");
  // money 1.0001 = 10001 units: high dword 0, low dword 0x2711.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kMoney), Value::Text("1.0001")), "080000000011270000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kMoney), Value::Text("-0.0001")), "08ffffffffffffffff");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kSmallMoney), Value::Text("-214748.3648")), "0400000080");
}

TEST(ValueEncoderTest, Temporal) {
  // date 0001-01-01 = day 0; 9999-12-31 = 3652058 = 0x37B9DA.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDate), Value::Text("0001-01-01")), "03000000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDate), Value::Text("9999-12-31")), "03dab937");
  // time(7) 00:00:00.0000001 → 5 bytes of 1.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kTime, 0, 0, 7), Value::Text("00:00:00.0000001")),
            "050100000000");
  // time(0) 00:00:01 → 3 bytes.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kTime, 0, 0, 0), Value::Text("00:00:01")), "03010000");
  // datetime 1900-01-01 00:00:00.003 → day 0, 1 tick of 1/300 s.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDateTime), Value::Text("1900-01-01 00:00:00.003")),
            "080000000001000000");
  // datetime 1899-12-31 23:59:59.999 rounds up to 1900-01-01 00:00:00.000.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDateTime), Value::Text("1899-12-31 23:59:59.999")),
            "080000000000000000");
  // smalldatetime 1900-01-02 00:01:29.999 → day 1, minute 2.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kSmallDateTime), Value::Text("1900-01-02 00:01:29.999")),
            "0401000200");
  // datetime2(7) 0001-01-01 00:00:00.0000001.
  EXPECT_EQ(
      Encode(SqlType::Of(TypeId::kDateTime2, 0, 0, 7), Value::Text("0001-01-01 00:00:00.0000001")),
      "080100000000000000");
  // datetimeoffset(0): 2024-01-01 05:30:00 +05:30 is 2024-01-01 00:00:00 UTC.
  const int64_t days = DaysFromCivil(2024, 1, 1);
  char expected[64];
  std::snprintf(expected, sizeof(expected), "08000000%02x%02x%02x4a01",
                static_cast<int>(days & 0xFF), static_cast<int>((days >> 8) & 0xFF),
                static_cast<int>((days >> 16) & 0xFF));
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kDateTimeOffset, 0, 0, 0),
                   Value::Text("2024-01-01 05:30:00 +05:30")),
            expected);
  EXPECT_NE(
      Encode(SqlType::Of(TypeId::kDateTime), Value::Text("1700-01-01 00:00:00")).find("overflow"),
      std::string::npos);
}

TEST(ValueEncoderTest, GuidLayout) {
  const std::string wire =
      "ff1996"
      "6f868b11d0b42d00c04fc964ff";
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kUniqueIdentifier),
                   Value::Text("6F9619FF-8B86-D011-B42D-00C04FC964FF")),
            "10" + wire);
  std::string bytes;
  for (size_t i = 0; i < wire.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(wire.substr(i, 2), nullptr, 16)));
  }
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kUniqueIdentifier), Value::Bytes(bytes)), "10" + wire);
}

TEST(ValueEncoderTest, Strings) {
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarChar, 10), Value::Text("ab")), "02006162");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarChar, 10), Value::Text("")), "0000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarChar, 10), Value::Null()), "ffff");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kChar, 3), Value::Text("a")), "0300612020");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNVarChar, 5), Value::Text("\xC3\xA9")), "0200e900");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNChar, 2), Value::Text("a")), "040061002000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kBinary, 3), Value::Bytes("\x01")), "0300010000");
  // PLP: total length, one chunk, terminator; empty = length 0 + terminator.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength), Value::Text("a")),
            "0200000000000000"
            "02000000"
            "6100"
            "00000000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarBinary, SqlType::kMaxLength), Value::Bytes("")),
            "0000000000000000"
            "00000000");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kXml), Value::Null()), "ffffffffffffffff");
  // Legacy text: textptr length 16, pointer, timestamp, LONG length.
  const std::string text = Encode(SqlType::Of(TypeId::kText), Value::Text("hi"));
  EXPECT_EQ(text.substr(0, 2), "10");
  EXPECT_EQ(text.substr(2 + 48), "020000006869");
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNText), Value::Null()), "00");
}

TEST(ValueEncoderTest, TextSizeTruncatesLargeTypes) {
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarChar, SqlType::kMaxLength), Value::Text("abcdef"), 4),
            "0400000000000000"
            "04000000"
            "61626364"
            "00000000");
  // nvarchar(max) is cut in bytes: 3 bytes → one whole character.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength), Value::Text("abc"), 3),
            "0200000000000000"
            "02000000"
            "6100"
            "00000000");
  // Plain varchar(n) is not affected by TEXTSIZE.
  EXPECT_EQ(Encode(SqlType::Of(TypeId::kVarChar, 10), Value::Text("abcdef"), 2),
            "0600616263646566");
  EXPECT_EQ(EffectiveTextSize(0), 4096);
  EXPECT_EQ(EffectiveTextSize(2147483647), -1);
  EXPECT_EQ(EffectiveTextSize(-1), -1);
}

TEST(ValueEncoderTest, MetadataCarriesTypeInfoAndName) {
  ColumnEncoder dec(Column{"amount", SqlType::Of(TypeId::kDecimal, 0, 38, 10), true});
  std::string out;
  dec.WriteMetadata(&out);
  EXPECT_EQ(Hex(out),
            "00000000"
            "0100"
            "6a"
            "11260a"
            "06"
            "61006d006f0075006e007400");
  ColumnEncoder rv(Column{"rv", SqlType::Of(TypeId::kRowVersion), false});
  out.clear();
  rv.WriteMetadata(&out);
  EXPECT_EQ(Hex(out),
            "50000000"
            "0000"
            "ad"
            "0800"
            "02"
            "72007600");
}

}  // namespace
}  // namespace emulator
