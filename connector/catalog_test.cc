#include "connector/catalog.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi {
namespace {

ColumnInfo Col(std::string name, int id, std::string type, int max_length = 4) {
  ColumnInfo c;
  c.name = std::move(name);
  c.column_id = id;
  c.sql_type = {std::move(type), max_length, 0, 0};
  c.mapped = MapSqlServerType(c.sql_type);
  return c;
}

TEST(CatalogBuilderTest, OrdersColumnsAndKeysAndAppliesFilters) {
  absl::StatusOr<NameFilter> filter = NameFilter::Create("", "", "", "*_old");
  ASSERT_TRUE(filter.ok());
  CatalogBuilder b(*filter);
  b.AddTable("dbo", "Visit", 200);
  b.AddTable("dbo", "Patient", 100);
  b.AddTable("dbo", "Patient_old", 300);
  b.AddTable("a", "Z", 50);
  // Columns may arrive in any table order; column_id has gaps.
  b.AddColumn(200, Col("B", 5, "int"));
  b.AddColumn(200, Col("A", 2, "int"));
  b.AddColumn(100, Col("Id", 1, "int"));
  b.AddColumn(300, Col("X", 1, "int"));
  b.AddColumn(999, Col("Orphan", 1, "int"));
  b.AddColumn(200, Col("Geo", 7, "geography", -1));
  b.AddKeyColumn(200, "B", 1, true);
  b.AddKeyColumn(200, "A", 2, false);
  b.SetRowCount(200, 12345);
  Catalog c = b.Build();
  ASSERT_EQ(c.tables.size(), 3u);
  EXPECT_EQ(c.tables[0].schema, "a");
  EXPECT_EQ(c.tables[1].name, "Patient");
  const TableInfo& visit = c.tables[2];
  EXPECT_EQ(visit.name, "Visit");
  ASSERT_EQ(visit.columns.size(), 3u);
  EXPECT_EQ(visit.columns[0].name, "A");
  EXPECT_EQ(visit.columns[1].name, "B");
  EXPECT_EQ(visit.columns[2].name, "Geo");
  ASSERT_EQ(visit.primary_key.size(), 2u);
  EXPECT_EQ(visit.columns[visit.primary_key[0]].name, "B");
  EXPECT_TRUE(visit.columns[visit.primary_key[0]].descending);
  EXPECT_EQ(visit.columns[visit.primary_key[1]].name, "A");
  EXPECT_EQ(visit.row_count, 12345);
  EXPECT_FALSE(c.tables[1].row_count.has_value());
  EXPECT_TRUE(c.tables[1].primary_key.empty());
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], ::testing::HasSubstr("geography"));
  EXPECT_THAT(c.warnings[0], ::testing::HasSubstr("dbo.Visit.Geo"));
  EXPECT_NE(visit.FindColumn("Geo"), nullptr);
  EXPECT_EQ(visit.FindColumn("Nope"), nullptr);
}

}  // namespace
}  // namespace ehi
