#include "connector/sync/state.h"

#include "connector/sync/testing/test_tables.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

std::vector<TableInfo> Catalog() {
  return {Table("dbo", "T",
                {Col("k", "nvarchar", 1), Col("g", "uniqueidentifier", 2), Col("d", "datetime2", 3),
                 Col("m", "decimal", 4), Col("b", "varbinary", 5),
                 Col("_LastUpdatedInstant", "datetime2")}),
          Table("dbo", "NoKey", {Col("x", "int")})};
}

TEST(StateTest, EmptyTextIsEmptyState) {
  absl::StatusOr<ParsedState> p = ParseState("", Catalog());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->state.tables.empty());
}

TEST(StateTest, KeysRoundTripExactly) {
  SyncState s;
  TableState t;
  t.phase = Phase::kFullLoad;
  t.has_cursor = true;
  t.cursor = Time(-62135596800 + 5, 123456700);  // 0001-01-01T00:00:05.1234567
  RangeState r;
  r.lower = Str("a'b ");
  r.last_key = Key{Str("Ünïcode \"q\""), Str("6F9619FF-8B86-D011-B42D-00C04FC964FF"),
                   Time(1700000000, 999999900), Str("-12345678901234.56", DataType::kDecimal),
                   Str(std::string("\0\xff\x10", 3), DataType::kBinary)};
  t.ranges = {r, RangeState{}};
  t.ranges[1].done = true;
  s.tables["dbo.T"] = t;
  absl::StatusOr<std::string> json = SerializeState(s);
  ASSERT_TRUE(json.ok());
  absl::StatusOr<ParsedState> p = ParseState(*json, Catalog());
  ASSERT_TRUE(p.ok()) << p.status();
  const TableState& back = p->state.tables.at("dbo.T");
  EXPECT_EQ(back.cursor.timestamp, t.cursor.timestamp);
  ASSERT_EQ(back.ranges.size(), 2u);
  EXPECT_EQ(back.ranges[0].lower->text, "a'b ");
  EXPECT_FALSE(back.ranges[0].upper.has_value());
  const Key& k = *back.ranges[0].last_key;
  EXPECT_EQ(k[0].text, "Ünïcode \"q\"");
  EXPECT_EQ(k[1].text, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  EXPECT_EQ(k[2].timestamp, (Timestamp{1700000000, 999999900}));
  EXPECT_EQ(k[3].text, "-12345678901234.56");
  EXPECT_EQ(k[4].text, std::string("\0\xff\x10", 3));
  EXPECT_TRUE(back.ranges[1].done);
  EXPECT_EQ(*SerializeState(p->state), *json);
}

TEST(StateTest, IncrementalPositionRoundTrips) {
  SyncState s;
  TableState t;
  t.phase = Phase::kIncremental;
  t.cursor = Time(100, 5);
  t.position = Key{Time(99),
                   Str("x"),
                   Str("6F9619FF-8B86-D011-B42D-00C04FC964FF"),
                   Time(1),
                   Str("1.00", DataType::kDecimal),
                   Str("ab", DataType::kBinary)};
  s.tables["dbo.T"] = t;
  absl::StatusOr<ParsedState> p = ParseState(*SerializeState(s), Catalog());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p->state.tables.at("dbo.T").position)[0].timestamp.seconds, 99);
}

TEST(StateTest, DroppedTableIsRemovedWithWarning) {
  absl::StatusOr<ParsedState> p =
      ParseState(R"({"version":1,"tables":{"dbo.Gone":{"phase":"reload"}}})", Catalog());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->state.tables.empty());
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_NE(p->warnings[0].find("dbo.Gone"), std::string::npos);
}

TEST(StateTest, MalformedStatesAreInvalidArgument) {
  const char* cases[][2] = {
      {"not json", "not valid JSON"},
      {"[1]", "not a JSON object"},
      {R"({"tables":{}})", "version"},
      {R"({"version":"1","tables":{}})", "version"},
      {R"({"version":2,"tables":{}})", "unsupported version 2"},
      {R"({"version":1})", "tables"},
      {R"({"version":1,"tables":[]})", "tables"},
      {R"({"version":1,"tables":{"dbo.T":5}})", "not an object"},
      {R"({"version":1,"tables":{"dbo.T":{}}})", "phase"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"sideways"}}})", "unknown phase"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"full_load"}}})", "ranges"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"full_load","ranges":[{}]}}})", "done"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"full_load","ranges":[{"done":false,"last_key":[1]}]}}})",
       "has 1 values"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"full_load","ranges":[{"done":false,"lower":7}]}}})",
       "expected a string"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"full_load","cursor":"2024-13-01T00:00:00","ranges":[{"done":true}]}}})",
       "no such date"},
      {R"({"version":1,"tables":{"dbo.T":{"phase":"incremental"}}})", "cursor"},
      {R"({"version":1,"tables":{"dbo.NoKey":{"phase":"incremental","cursor":null}}})",
       "no primary key"},
      {R"({"version":1,"tables":{"dbo.NoKey":{"phase":"full_load","ranges":[{"done":true}]}}})",
       "no primary key"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<ParsedState> p = ParseState(c[0], Catalog());
    ASSERT_FALSE(p.ok()) << c[0];
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << c[0];
    EXPECT_NE(p.status().message().find(c[1]), absl::string_view::npos)
        << c[0] << " → " << p.status().message();
  }
}

TEST(StateTest, ParseTimestamp) {
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:00.0000001"), (Timestamp{0, 100}));
  EXPECT_EQ(*ParseTimestamp("1969-12-31T23:59:59"), (Timestamp{-1, 0}));
  EXPECT_FALSE(ParseTimestamp("1970-01-01 00:00:00").ok());
  EXPECT_FALSE(ParseTimestamp("1970-01-01T00:00:00.").ok());
  EXPECT_FALSE(ParseTimestamp("1970-01-01T00:00:00.12x").ok());
}

}  // namespace
}  // namespace ehi::sync
