#include "connector/sync/selection.h"

#include <vector>

#include "connector/sync/testing/test_tables.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

TEST(SelectionTest, NoSelectionTakesEverything) {
  TableInfo t = Table("dbo", "T", {Col("id", "int", 1), Col("_IsDeleted", "bit")});
  std::vector<SelectedTable> s = ApplySelection({t}, Selection{});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].deleted_column, 1);
  EXPECT_FALSE(s[0].is_new);
}

TEST(SelectionTest, ExcludedColumnsAreReadOnlyWhenNeeded) {
  TableInfo t = Table("dbo", "T",
                      {Col("id", "int", 1), Col("secret", "nvarchar"), Col("_IsDeleted", "bit"),
                       Col("fresh", "int")});
  Selection sel;
  sel.present = true;
  SchemaSelection ss;
  ss.schema = "dbo";
  TableSelection ts;
  ts.table = "T";
  ts.columns = {{"id", false}, {"secret", false}, {"_IsDeleted", false}};
  ts.include_new_columns = true;
  ss.tables = {ts};
  sel.schemas = {ss};
  std::vector<SelectedTable> s = ApplySelection({t}, sel);
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].table.columns.size(), 3u);  // id (key), _IsDeleted (needed), fresh (new)
  EXPECT_EQ(s[0].emit, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(s[0].deleted_column, 1);
  EXPECT_TRUE(s[0].has_new_columns);
  TableInfo announced = s[0].Announced();
  ASSERT_EQ(announced.columns.size(), 2u);
  EXPECT_EQ(announced.primary_key, std::vector<int>{0});
}

TEST(SelectionTest, ExcludedAndNewTables) {
  std::vector<TableInfo> tables = {Table("a", "X", {Col("id", "int", 1)}),
                                   Table("a", "Y", {Col("id", "int", 1)}),
                                   Table("b", "Z", {Col("id", "int", 1)})};
  Selection sel;
  sel.present = true;
  sel.include_new_schemas = true;
  SchemaSelection a;
  a.schema = "a";
  a.include_new_tables = false;
  TableSelection x;
  x.table = "X";
  x.included = false;
  a.tables = {x};
  sel.schemas = {a};
  std::vector<SelectedTable> s = ApplySelection(tables, sel);
  ASSERT_EQ(s.size(), 1u);  // X excluded, Y new but not wanted, Z in a new schema
  EXPECT_EQ(s[0].table.name, "Z");
  EXPECT_TRUE(s[0].is_new);
}

}  // namespace
}  // namespace ehi::sync
