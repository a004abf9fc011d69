// The emulator's catalog: declared SQL Server types and keys of user tables,
// persisted in metadata tables of the SQLite file, plus the system views
// (sys.* and INFORMATION_SCHEMA.*).
//
// A CatalogSnapshot is immutable; the engine swaps in a new one after DDL, so
// sessions translate against a consistent picture without locks.
//
// System views are per-connection TEMP tables named like the view
// ("sys.tables"), refilled from the snapshot and live row counts right before
// a statement that reads them (RefreshCatalogViews). That keeps them
// joinable and filterable like any table, with exact column types.
#ifndef EHI_TESTING_EMULATOR_ENGINE_CATALOG_H_
#define EHI_TESTING_EMULATOR_ENGINE_CATALOG_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "testing/emulator/engine/sql_types.h"
#include "testing/emulator/engine_api.h"

struct sqlite3;

namespace emulator {

struct ColumnInfo {
  std::string name;
  SqlType type;
  bool nullable = true;
  int column_id = 0;
  std::string default_tsql;  // as written, without the outer parentheses
};

struct TableInfo {
  int object_id = 0;
  int schema_id = 1;
  std::string schema;
  std::string name;
  std::vector<ColumnInfo> columns;
  std::string pk_name;              // empty: a heap
  std::vector<int> pk_columns;      // indexes into `columns`, key order
  std::vector<bool> pk_descending;  // parallel to pk_columns
  int64_t synthetic_rows = -1;      // >= 0: a synthetic (virtual) table
  std::string create_date;          // stored datetime text
  bool is_system_view = false;      // sys.* / INFORMATION_SCHEMA.*

  // The SQLite table name: "schema.name".
  std::string SqliteName() const { return schema + "." + name; }
  int FindColumn(absl::string_view column) const;  // -1 if absent
};

class CatalogSnapshot {
 public:
  CatalogSnapshot();
  // Finds a user table or a system view (schema "sys"/"INFORMATION_SCHEMA").
  const TableInfo* Find(absl::string_view schema, absl::string_view name) const;
  const TableInfo* FindById(int object_id) const;
  int SchemaId(absl::string_view schema) const;  // -1 if absent
  std::string SchemaName(int schema_id) const;   // "" if absent
  const std::map<std::string, std::shared_ptr<const TableInfo>>& tables() const { return tables_; }
  const std::map<int, std::string>& schemas() const { return schema_names_; }

  // Mutators used while building a new snapshot.
  void PutTable(std::shared_ptr<const TableInfo> table);
  void RemoveTable(absl::string_view schema, absl::string_view name);
  void PutSchema(int id, std::string name);
  int next_object_id() const { return next_object_id_; }
  int next_schema_id() const;
  void set_next_object_id(int id) { next_object_id_ = id; }

 private:
  std::map<std::string, std::shared_ptr<const TableInfo>> tables_;  // key: lower "schema.name"
  std::map<int, std::string> schema_names_;
  int next_object_id_ = 581577110;
};

// SQLite column declaration for a type: storage class and collation.
std::string SqliteColumnDecl(const SqlType& t);

// Metadata tables in the SQLite file.
absl::Status EnsureMetadataTables(sqlite3* db);
absl::StatusOr<std::shared_ptr<CatalogSnapshot>> LoadCatalog(sqlite3* db);
absl::Status SaveTableMetadata(sqlite3* db, const TableInfo& table);
absl::Status DeleteTableMetadata(sqlite3* db, int object_id);
absl::Status SaveSchemaMetadata(sqlite3* db, int schema_id, absl::string_view name);

// PK__<first 8 chars of the table>__<16 hex digits>, as SQL Server names
// unnamed primary keys.
std::string GeneratedPkName(absl::string_view table, int object_id);

// System views.
const TableInfo* FindSystemView(absl::string_view schema, absl::string_view name);
// Refills the named system views (TEMP tables) of `db` from `snapshot`.
absl::Status RefreshCatalogViews(sqlite3* db, const std::vector<const TableInfo*>& views,
                                 const CatalogSnapshot& snapshot, absl::string_view db_name);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_CATALOG_H_
