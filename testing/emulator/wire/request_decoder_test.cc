#include "testing/emulator/wire/request_decoder.h"

#include "gtest/gtest.h"
#include "testing/emulator/wire/ucs2.h"

namespace emulator {
namespace {

std::string AllHeaders() {
  // TotalLength 22, one transaction-descriptor header of 18 bytes.
  return std::string("\x16\x00\x00\x00\x12\x00\x00\x00\x02\x00", 10) + std::string(8, '\0') +
         std::string("\x01\x00\x00\x00", 4);
}

TEST(RequestDecoderTest, SqlBatch) {
  auto sql = DecodeSqlBatch(AllHeaders() + Utf8ToUtf16Le("SELECT N'\xF0\x9F\x98\x80'"));
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(*sql, "SELECT N'\xF0\x9F\x98\x80'");
  EXPECT_FALSE(DecodeSqlBatch(std::string("\xff\x00\x00\x00", 4)).ok());
  EXPECT_FALSE(DecodeSqlBatch(std::string("\x16\x00", 2)).ok());
  // A header whose own length overruns the block.
  EXPECT_FALSE(DecodeSqlBatch(std::string("\x0a\x00\x00\x00\x40\x00\x00\x00\x02\x00", 10)).ok());
}

std::string NVarCharParam(const std::string& name, const std::string& value) {
  std::string p;
  const std::string n = Utf8ToUtf16Le(name);
  p.push_back(static_cast<char>(n.size() / 2));
  p += n;
  p.push_back('\0');                            // status
  p += "\xe7";                                  // NVARCHAR
  p += std::string("\x40\x1f", 2);              // max 8000 bytes
  p += std::string("\x09\x04\xd0\x00\x34", 5);  // collation
  const std::string v = Utf8ToUtf16Le(value);
  p.push_back(static_cast<char>(v.size() & 0xFF));
  p.push_back(static_cast<char>(v.size() >> 8));
  return p + v;
}

// A named input parameter: B_VARCHAR name, status 0, then TYPE_INFO+value.
std::string Named(const std::string& name, std::initializer_list<int> type_and_value) {
  const std::string n = Utf8ToUtf16Le(name);
  std::string p(1, static_cast<char>(n.size() / 2));
  p += n;
  p.push_back('\0');
  for (int b : type_and_value) p.push_back(static_cast<char>(b));
  return p;
}

TEST(RequestDecoderTest, ExecuteSqlByIdWithTypedParameters) {
  std::string rpc = AllHeaders() + std::string("\xff\xff\x0a\x00\x00\x00", 6);
  rpc += NVarCharParam("", "SELECT @a, @d, @o, @t");
  rpc += NVarCharParam("", "@a int, @d decimal(10,3), @o datetimeoffset(3), @t datetime");
  // @a INTN(4) = -5
  rpc += Named("@a", {0x26, 0x04, 0x04, 0xfb, 0xff, 0xff, 0xff});
  // @d DECIMALN(10,3) = -12.345 → sign 0, magnitude 12345
  rpc += Named("@d", {0x6a, 0x09, 0x0a, 0x03, 0x09, 0x00, 0x39, 0x30, 0, 0, 0, 0, 0, 0});
  // @o DATETIMEOFFSETN(3): 00:00:00.000 UTC on 0001-01-02, offset -60 min.
  rpc += Named("@o", {0x2b, 0x03, 0x09, 0, 0, 0, 0, 0x01, 0, 0, 0xc4, 0xff});
  // @t DATETIMN(8): day 1 (1900-01-02), 2 ticks (6.67 ms → .007)
  rpc += Named("@t", {0x6f, 0x08, 0x08, 0x01, 0, 0, 0, 0x02, 0, 0, 0});
  auto calls = DecodeRpc(rpc);
  ASSERT_TRUE(calls.ok()) << calls.status();
  ASSERT_EQ(calls->size(), 1u);
  const RpcCall& call = (*calls)[0];
  EXPECT_EQ(call.proc_id, kProcExecuteSql);
  ASSERT_EQ(call.params.size(), 6u);
  EXPECT_EQ(call.params[0].param.value.bytes, "SELECT @a, @d, @o, @t");
  EXPECT_EQ(call.params[2].name, "@a");
  EXPECT_EQ(call.params[2].param.type.id, TypeId::kInt);
  EXPECT_EQ(call.params[2].param.value.int_value, -5);
  EXPECT_EQ(call.params[3].param.type.precision, 10);
  EXPECT_EQ(call.params[3].param.value.bytes, "-12.345");
  EXPECT_EQ(call.params[4].param.type.id, TypeId::kDateTimeOffset);
  EXPECT_EQ(call.params[4].param.value.bytes, "0001-01-01 23:00:00.000 -01:00");
  EXPECT_EQ(call.params[5].param.value.bytes, "1900-01-02 00:00:00.007");
}

TEST(RequestDecoderTest, ProcedureByNameAndNulls) {
  const std::string name = Utf8ToUtf16Le("sp_executesql");
  std::string rpc = AllHeaders() + std::string("\x0d\x00", 2) + name + std::string("\x00\x00", 2);
  // Unnamed BIGVARCHR(max) PLP NULL.
  rpc += std::string("\x00\x00\xa7\xff\xff\x09\x04\xd0\x14\x00", 10) + std::string(8, '\xff');
  auto calls = DecodeRpc(rpc);
  ASSERT_TRUE(calls.ok()) << calls.status();
  EXPECT_EQ((*calls)[0].proc_name, "sp_executesql");
  EXPECT_TRUE((*calls)[0].params[0].param.value.is_null());
  EXPECT_EQ((*calls)[0].params[0].param.type.length, SqlType::kMaxLength);
}

TEST(RequestDecoderTest, TruncatedInputFailsCleanly) {
  std::string rpc =
      AllHeaders() + std::string("\xff\xff\x0a\x00\x00\x00", 6) + NVarCharParam("@s", "SELECT 1");
  for (size_t cut = AllHeaders().size(); cut < rpc.size(); ++cut) {
    auto calls = DecodeRpc(rpc.substr(0, cut));
    // Cutting right before the body or the first parameter leaves a valid
    // message (no calls / a call without parameters).
    if (cut == AllHeaders().size() || cut == AllHeaders().size() + 6) continue;
    EXPECT_FALSE(calls.ok()) << "cut at " << cut;
  }
}

TEST(RequestDecoderTest, NamesFromDeclaration) {
  EXPECT_EQ(ParamNamesFromDeclaration("@a int, @b decimal(10, 2) OUTPUT,@c nvarchar(max)"),
            (std::vector<std::string>{"@a", "@b", "@c"}));
  EXPECT_TRUE(ParamNamesFromDeclaration("").empty());
}

}  // namespace
}  // namespace emulator
