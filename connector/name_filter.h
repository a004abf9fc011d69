// Include/exclude filters on schema and table names, from the configuration
// keys include_schemas, exclude_schemas, include_tables, exclude_tables.
//
// Each key is a comma-separated list of patterns; `*` matches any run of
// characters and `?` one character; matching ignores ASCII case (SQL Server's
// default collations are case-insensitive). A table pattern containing a dot
// is matched against "schema.table", otherwise against the table name alone.
// Empty include lists include everything; excludes win over includes.
//
//   EHI_ASSIGN_OR_RETURN(NameFilter f, NameFilter::Create("dbo", "", "", "*_old"));
//   f.Includes("dbo", "Patient");      // true
//   f.Includes("dbo", "Patient_old");  // false
//
// Thread-safe: immutable after Create.
#ifndef EHI_CONNECTOR_NAME_FILTER_H_
#define EHI_CONNECTOR_NAME_FILTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ehi {

class NameFilter {
 public:
  NameFilter() = default;  // includes everything
  static absl::StatusOr<NameFilter> Create(absl::string_view include_schemas,
                                           absl::string_view exclude_schemas,
                                           absl::string_view include_tables,
                                           absl::string_view exclude_tables);

  bool IncludesSchema(absl::string_view schema) const;
  bool Includes(absl::string_view schema, absl::string_view table) const;
  bool empty() const;

  // Case-insensitive glob match, exposed for tests.
  static bool GlobMatch(absl::string_view pattern, absl::string_view text);

 private:
  std::vector<std::string> include_schemas_;
  std::vector<std::string> exclude_schemas_;
  std::vector<std::string> include_tables_;
  std::vector<std::string> exclude_tables_;
};

}  // namespace ehi

#endif  // EHI_CONNECTOR_NAME_FILTER_H_
