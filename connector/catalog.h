// Schema discovery: every user table with its columns (in column order),
// primary key and approximate row count, using a constant number of catalog
// queries whatever the number of tables (Caboodle has thousands): tables,
// columns, primary keys and — optionally — row counts, each one query over
// sys.* views (see sql.h). Filters (NameFilter) are applied to the streamed
// rows, so memory grows only with the selected tables.
//
//   EHI_ASSIGN_OR_RETURN(Catalog catalog, DiscoverCatalog(config));
//   for (const TableInfo& t : catalog.tables) { ... t.primary_key ... }
//
// Callers that already hold a connection (the sync engine's SqlSource) pass
// it: DiscoverCatalog(*conn, config.filter, {.row_counts = true}).
//
// Thread-safe: DiscoverCatalog uses only the given (or its own) connection.
#ifndef EHI_CONNECTOR_CATALOG_H_
#define EHI_CONNECTOR_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/config.h"
#include "connector/name_filter.h"
#include "connector/sqlserver/connection.h"
#include "connector/type_mapping.h"

namespace ehi {

struct ColumnInfo {
  std::string name;
  int column_id = 0;  // sys.columns.column_id (may have gaps; order is ordinal)
  SqlColumnType sql_type;
  MappedType mapped;
  bool nullable = true;
  int key_ordinal = 0;  // 1-based position in the primary key, 0 if not a key
  bool descending = false;
  bool primary_key() const { return key_ordinal > 0; }
};

struct TableInfo {
  std::string schema;
  std::string name;
  int64_t object_id = 0;
  std::vector<ColumnInfo> columns;  // column order
  // Indexes into `columns`, in key order (key_ordinal 1, 2, ...). Empty for a
  // table without primary key.
  std::vector<int> primary_key;
  std::optional<int64_t> row_count;  // when requested and visible
  const ColumnInfo* FindColumn(absl::string_view name) const;
};

struct Catalog {
  std::vector<TableInfo> tables;  // ordered by schema, then table name
  // Recoverable oddities, already phrased for the user: fallback types
  // (once per type), row counts not readable.
  std::vector<std::string> warnings;
};

struct CatalogOptions {
  bool row_counts = false;
};

absl::StatusOr<Catalog> DiscoverCatalog(sqlserver::Connection& conn, const NameFilter& filter,
                                        const CatalogOptions& options = {});

// Opens a connection with `config`'s settings, discovers the tables its
// filter selects and closes the connection again: the Schema RPC's entry.
absl::StatusOr<Catalog> DiscoverCatalog(const Config& config, const CatalogOptions& options = {});

// Assembles a catalog from already-read rows; DiscoverCatalog feeds it from
// the four queries, tests feed it directly.
class CatalogBuilder {
 public:
  explicit CatalogBuilder(const NameFilter& filter) : filter_(filter) {}
  void AddTable(std::string schema, std::string name, int64_t object_id);
  void AddColumn(int64_t object_id, ColumnInfo column);
  void AddKeyColumn(int64_t object_id, const std::string& column, int key_ordinal, bool descending);
  void SetRowCount(int64_t object_id, int64_t rows);
  void AddWarning(std::string warning) { warnings_.push_back(std::move(warning)); }
  Catalog Build();

 private:
  TableInfo* Find(int64_t object_id);
  const NameFilter& filter_;
  std::vector<TableInfo> tables_;
  std::vector<std::pair<int64_t, size_t>> index_;  // object_id → position, sorted lazily
  bool index_sorted_ = true;
  std::vector<std::string> warnings_;
};

}  // namespace ehi

#endif  // EHI_CONNECTOR_CATALOG_H_
