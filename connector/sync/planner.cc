#include "connector/sync/planner.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace ehi::sync {

std::vector<PlannedTable> BuildPlan(std::vector<SelectedTable> tables, const Config& config) {
  std::vector<PlannedTable> plan;
  plan.reserve(tables.size());
  for (SelectedTable& t : tables) {
    PlannedTable p;
    p.rows = t.table.row_count;
    p.category = p.rows.has_value() ? config.CategoryFor(*p.rows) : TableCategory::kLarge;
    p.settings = config.SettingsFor(p.category);
    p.selected = std::move(t);
    plan.push_back(std::move(p));
  }
  auto sort_key = [](const PlannedTable& p) {
    return std::make_tuple(static_cast<int>(p.category), !p.rows.has_value(), p.rows.value_or(0),
                           std::cref(p.selected.table.schema), std::cref(p.selected.table.name));
  };
  std::stable_sort(plan.begin(), plan.end(), [&](const PlannedTable& a, const PlannedTable& b) {
    return sort_key(a) < sort_key(b);
  });
  for (size_t i = 0; i < plan.size(); ++i) plan[i].order = static_cast<int>(i) + 1;
  return plan;
}

std::vector<std::string> PlanSummary(const std::vector<PlannedTable>& plan) {
  int64_t total = 0;
  for (const PlannedTable& p : plan) total += p.rows.value_or(0);
  std::vector<std::string> lines;
  lines.push_back(absl::StrCat("Processing plan: ", plan.size(), " tables, ", total,
                               " rows (catalog estimate)"));
  for (TableCategory c : {TableCategory::kSmall, TableCategory::kMedium, TableCategory::kLarge}) {
    std::vector<std::string> names;
    int64_t rows = 0;
    int unknown = 0;
    for (const PlannedTable& p : plan) {
      if (p.category != c) continue;
      names.push_back(absl::StrCat(p.selected.table.schema, ".", p.selected.table.name));
      rows += p.rows.value_or(0);
      if (!p.rows.has_value()) ++unknown;
    }
    if (names.empty()) continue;
    const double share = total > 0 ? 100.0 * static_cast<double>(rows) / total : 0.0;
    std::string list;
    const size_t shown = std::min<size_t>(names.size(), 10);
    list = absl::StrJoin(names.begin(), names.begin() + shown, ", ");
    if (names.size() > shown) absl::StrAppend(&list, " ... and ", names.size() - shown, " more");
    std::string line = absl::StrFormat("%s: %d tables, %d rows (%.1f%%)", TableCategoryName(c),
                                       names.size(), rows, share);
    if (unknown > 0) absl::StrAppend(&line, ", ", unknown, " with unknown row count");
    absl::StrAppend(&line, ": ", list);
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace ehi::sync
