// The destination tables of one warehouse: which source table lands where,
// under which names and types, and the DDL that makes DuckDB agree.
//
// Mapping: a source without schemas writes into the destination schema
// itself (`default_schema` unless --destination-schema). A source with
// schemas gets one DuckDB schema per source schema, named
// `<destination>_<normalized source schema>` (so `dbo.PatientDim` lands in
// `default_schema_dbo.patient_dim`), the way Fivetran names the schemas of a
// database connector. Two source names that normalise to the same
// destination name are an error, never a silent merge.
//
// Tables are created with their declared columns, `_fivetran_synced
// TIMESTAMPTZ`, `_fivetran_deleted BOOLEAN`, a PRIMARY KEY on the declared
// key columns, or on `_fivetran_id VARCHAR` when there are none. Declaring a
// table again (a later run, a SchemaChange) adds missing columns; nothing is
// ever dropped or retyped. Each table's and column's DuckDB comment holds
// its source name (`dbo.PatientDim`, `PatientKey`), so tools can map back.
//
// Not thread-safe; owned by the sync and used from its one thread.
#ifndef EHI_TESTING_TESTER_CATALOG_H_
#define EHI_TESTING_TESTER_CATALOG_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common.pb.h"
#include "testing/tester/database.h"

namespace tester {

struct ColumnDef {
  std::string source_name;
  std::string dest_name;
  std::string duckdb_type;
  bool primary_key = false;
};

struct TableDef {
  std::string source_schema;  // "" when the source has no schemas
  std::string source_table;
  std::string dest_schema;
  std::string dest_table;
  std::vector<ColumnDef> columns;
  // Bumped whenever columns are added, so staging tables can follow.
  int version = 0;

  bool keyless() const;
  // Destination key columns: the declared keys or `_fivetran_id`.
  std::vector<std::string> KeyColumns() const;
  std::string QualifiedDestName() const;
  std::string DisplayName() const;  // source_schema.source_table
};

class Catalog {
 public:
  Catalog(Database* db, std::string destination_schema);

  // Creates or extends the destination table for `table` (already filtered
  // by the selection). `source_schema` is "" for sources without schemas.
  absl::Status Declare(const std::string& source_schema, const fivetran_sdk::v2::Table& table);

  // The table a record names. A record without schema_name matches the one
  // table of that name when the source has schemas.
  absl::StatusOr<TableDef*> Find(const std::optional<std::string>& schema,
                                 const std::string& table);

  std::vector<TableDef*> Tables();
  const std::string& destination_schema() const { return destination_; }
  std::string DestSchemaFor(const std::string& source_schema) const;

 private:
  absl::Status CreateTable(TableDef& def);
  absl::Status AddMissingColumns(TableDef& def, const std::vector<ColumnDef>& wanted);
  absl::StatusOr<std::vector<std::string>> ExistingColumns(const TableDef& def);

  Database* db_;
  std::string destination_;
  // Keyed by source_schema + '\x1f' + source_table.
  std::map<std::string, std::unique_ptr<TableDef>> tables_;
  // Destination names already taken, to detect collisions.
  std::map<std::string, std::string> dest_schema_owner_;
  std::map<std::string, std::string> dest_table_owner_;
};

}  // namespace tester

#endif  // EHI_TESTING_TESTER_CATALOG_H_
