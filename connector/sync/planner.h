// The processing plan: selected tables categorised by row count with the
// configured thresholds and ordered small → medium → large, then by row
// count ascending, then by schema and name (deterministic). Tables whose row
// count could not be read are planned as large and last (they may be huge;
// the catalog already warned).
//
//   std::vector<PlannedTable> plan = BuildPlan(std::move(selected), config);
//   for (const std::string& line : PlanSummary(plan)) LogInfo(line);
//
// Thread-safety: pure functions.
#ifndef EHI_CONNECTOR_SYNC_PLANNER_H_
#define EHI_CONNECTOR_SYNC_PLANNER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connector/config.h"
#include "connector/sync/selection.h"

namespace ehi::sync {

struct PlannedTable {
  SelectedTable selected;
  TableCategory category = TableCategory::kSmall;
  CategorySettings settings;
  std::optional<int64_t> rows;  // catalog estimate
  int order = 0;                // 1-based processing order
};

std::vector<PlannedTable> BuildPlan(std::vector<SelectedTable> tables, const Config& config);

// Log lines: a header, then per category "small: 12 tables, 3,400 rows
// (0.1%): dbo.A, dbo.B, ... and 2 more".
std::vector<std::string> PlanSummary(const std::vector<PlannedTable>& plan);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_PLANNER_H_
