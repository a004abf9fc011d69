// DIR/schema_selection.txt: which schemas, tables and columns to sync.
//
//   # connector-tester schema selection ...
//   [x] schema dbo
//       [x] table PatientDim
//           [x] column PatientKey
//           [ ] column Ssn
//       [ ] table AuditFact
//
// Written with every entry marked [x] on the first run; on later runs the
// user's [ ] marks are kept, entries new in the Schema response start as
// [x], and entries the source no longer has drop out. Sources without schemas
// have no `schema` lines. Indentation is cosmetic: a column belongs to the
// table line above it, a table to the schema line above it. Primary key
// columns are always synced (a [ ] on one is reported and ignored).
#ifndef EHI_TESTING_TESTER_SELECTION_FILE_H_
#define EHI_TESTING_TESTER_SELECTION_FILE_H_

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connector_sdk.pb.h"

namespace tester {

struct SelectionMarks {
  std::map<std::string, bool> schemas;
  std::map<std::pair<std::string, std::string>, bool> tables;
  std::map<std::tuple<std::string, std::string, std::string>, bool> columns;
};

// Parses the file's text; `path` only names it in errors.
absl::StatusOr<SelectionMarks> ParseSelection(const std::string& text, const std::string& path);

// std::nullopt when the file does not exist.
absl::StatusOr<std::optional<SelectionMarks>> ReadSelectionFile(const std::string& path);

// The file for `schema` with `marks` applied. Notes (e.g. an excluded
// primary key) are appended to `notes`.
std::string RenderSelection(const fivetran_sdk::v2::SchemaResponse& schema,
                            const SelectionMarks& marks, std::vector<std::string>* notes);

// The UpdateRequest.selection for `schema` and `marks`. New schemas, tables
// and columns found at sync time are included (Fivetran's "allow all").
fivetran_sdk::v2::Selection BuildSelection(const fivetran_sdk::v2::SchemaResponse& schema,
                                           const SelectionMarks& marks);

// The selected tables with only their selected columns, with their source
// schema ("" for sources without schemas).
std::vector<std::pair<std::string, fivetran_sdk::v2::Table>> SelectedTables(
    const fivetran_sdk::v2::SchemaResponse& schema, const SelectionMarks& marks);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_SELECTION_FILE_H_
