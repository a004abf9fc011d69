#include "connector/sync/planner.h"

#include <optional>
#include <string>
#include <vector>

#include "connector/config.h"
#include "connector/sync/selection.h"
#include "connector/sync/testing/test_tables.h"
#include "gtest/gtest.h"

namespace ehi::sync {
namespace {

using namespace ::ehi::sync::testing;  // NOLINT

SelectedTable Sel(const std::string& name, std::optional<int64_t> rows) {
  SelectedTable s;
  s.table = Table("dbo", name, {Col("id", "int", 1)});
  s.table.row_count = rows;
  s.emit = {true};
  return s;
}

TEST(PlannerTest, OrdersByCategoryThenRowsThenName) {
  Config c;
  c.small_table_threshold = 100;
  c.large_table_threshold = 1000;
  std::vector<PlannedTable> plan =
      BuildPlan({Sel("Huge", 5000), Sel("B", 10), Sel("A", 10), Sel("Mid", 500),
                 Sel("Unknown", std::nullopt), Sel("Tiny", 1)},
                c);
  std::vector<std::string> names;
  for (const PlannedTable& p : plan) names.push_back(p.selected.table.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Tiny", "A", "B", "Mid", "Huge", "Unknown"}));
  EXPECT_EQ(plan[0].order, 1);
  EXPECT_EQ(plan[3].category, TableCategory::kMedium);
  EXPECT_EQ(plan[5].category, TableCategory::kLarge);
  EXPECT_EQ(plan[4].settings.readers, c.large.readers);
}

TEST(PlannerTest, SummaryListsTenThenMore) {
  std::vector<SelectedTable> many;
  for (int i = 0; i < 13; ++i) many.push_back(Sel("T" + std::to_string(10 + i), 1));
  std::vector<std::string> lines = PlanSummary(BuildPlan(std::move(many), Config{}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("small: 13 tables, 13 rows (100.0%)"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("dbo.T19 ... and 3 more"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace ehi::sync
