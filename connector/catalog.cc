#include "connector/catalog.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/sql.h"
#include "connector/sqlserver/errors.h"

namespace ehi {

const ColumnInfo* TableInfo::FindColumn(absl::string_view column_name) const {
  for (const ColumnInfo& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

void CatalogBuilder::AddTable(std::string schema, std::string name, int64_t object_id) {
  if (!filter_.Includes(schema, name)) return;
  TableInfo t;
  t.schema = std::move(schema);
  t.name = std::move(name);
  t.object_id = object_id;
  if (!index_.empty() && index_.back().first > object_id) index_sorted_ = false;
  index_.emplace_back(object_id, tables_.size());
  tables_.push_back(std::move(t));
}

TableInfo* CatalogBuilder::Find(int64_t object_id) {
  if (!index_sorted_) {
    std::sort(index_.begin(), index_.end());
    index_sorted_ = true;
  }
  auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(object_id, size_t{0}));
  if (it == index_.end() || it->first != object_id) return nullptr;
  return &tables_[it->second];
}

void CatalogBuilder::AddColumn(int64_t object_id, ColumnInfo column) {
  if (TableInfo* t = Find(object_id)) t->columns.push_back(std::move(column));
}

void CatalogBuilder::AddKeyColumn(int64_t object_id, const std::string& column, int key_ordinal,
                                  bool descending) {
  TableInfo* t = Find(object_id);
  if (t == nullptr) return;
  for (ColumnInfo& c : t->columns) {
    if (c.name == column) {
      c.key_ordinal = key_ordinal;
      c.descending = descending;
    }
  }
}

void CatalogBuilder::SetRowCount(int64_t object_id, int64_t rows) {
  if (TableInfo* t = Find(object_id)) t->row_count = rows;
}

Catalog CatalogBuilder::Build() {
  Catalog catalog;
  // Fallback types are reported once per type name.
  std::map<std::string, std::vector<std::string>> fallback_columns;
  for (TableInfo& t : tables_) {
    std::stable_sort(
        t.columns.begin(), t.columns.end(),
        [](const ColumnInfo& a, const ColumnInfo& b) { return a.column_id < b.column_id; });
    std::vector<std::pair<int, int>> keys;  // (ordinal, index)
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].key_ordinal > 0) {
        keys.emplace_back(t.columns[i].key_ordinal, static_cast<int>(i));
      }
      if (t.columns[i].mapped.fallback) {
        fallback_columns[t.columns[i].sql_type.type_name].push_back(
            absl::StrCat(t.schema, ".", t.name, ".", t.columns[i].name));
      }
    }
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) t.primary_key.push_back(k.second);
  }
  std::stable_sort(tables_.begin(), tables_.end(), [](const TableInfo& a, const TableInfo& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
  for (const auto& [type, columns] : fallback_columns) {
    std::vector<std::string> shown(columns.begin(),
                                   columns.begin() + std::min<size_t>(columns.size(), 5));
    catalog.warnings.push_back(
        absl::StrCat("Type ", type, " has no SDK counterpart: ", columns.size(), " column",
                     columns.size() == 1 ? "" : "s", " (", absl::StrJoin(shown, ", "),
                     columns.size() > 5 ? ", ..." : "", ") will be delivered as STRING text"));
  }
  for (std::string& w : warnings_) catalog.warnings.push_back(std::move(w));
  catalog.tables = std::move(tables_);
  return catalog;
}

absl::StatusOr<Catalog> DiscoverCatalog(sqlserver::Connection& conn, const NameFilter& filter,
                                        const CatalogOptions& options) {
  const absl::Time started = absl::Now();
  CatalogBuilder builder(filter);
  EHI_RETURN_IF_ERROR(conn.Query(sql::CatalogTablesQuery(), [&](const sqlserver::Row& row) {
    EHI_ASSIGN_OR_RETURN(std::string schema, row.GetString(0));
    EHI_ASSIGN_OR_RETURN(std::string name, row.GetString(1));
    EHI_ASSIGN_OR_RETURN(int64_t object_id, row.GetInt(2));
    builder.AddTable(std::move(schema), std::move(name), object_id);
    return absl::OkStatus();
  }));
  int64_t column_rows = 0;
  EHI_RETURN_IF_ERROR(conn.Query(sql::CatalogColumnsQuery(), [&](const sqlserver::Row& row) {
    ++column_rows;
    EHI_ASSIGN_OR_RETURN(int64_t object_id, row.GetInt(0));
    ColumnInfo c;
    EHI_ASSIGN_OR_RETURN(int64_t column_id, row.GetInt(1));
    c.column_id = static_cast<int>(column_id);
    EHI_ASSIGN_OR_RETURN(c.name, row.GetString(2));
    EHI_ASSIGN_OR_RETURN(c.sql_type.type_name, row.GetString(3));
    EHI_ASSIGN_OR_RETURN(int64_t max_length, row.GetInt(4));
    EHI_ASSIGN_OR_RETURN(int64_t precision, row.GetInt(5));
    EHI_ASSIGN_OR_RETURN(int64_t scale, row.GetInt(6));
    EHI_ASSIGN_OR_RETURN(int64_t nullable, row.GetInt(7));
    c.sql_type.max_length = static_cast<int>(max_length);
    c.sql_type.precision = static_cast<int>(precision);
    c.sql_type.scale = static_cast<int>(scale);
    c.nullable = nullable != 0;
    c.mapped = MapSqlServerType(c.sql_type);
    builder.AddColumn(object_id, std::move(c));
    return absl::OkStatus();
  }));
  EHI_RETURN_IF_ERROR(conn.Query(sql::CatalogPrimaryKeysQuery(), [&](const sqlserver::Row& row) {
    EHI_ASSIGN_OR_RETURN(int64_t object_id, row.GetInt(0));
    EHI_ASSIGN_OR_RETURN(std::string column, row.GetString(1));
    EHI_ASSIGN_OR_RETURN(int64_t ordinal, row.GetInt(2));
    EHI_ASSIGN_OR_RETURN(int64_t descending, row.GetInt(3));
    builder.AddKeyColumn(object_id, column, static_cast<int>(ordinal), descending != 0);
    return absl::OkStatus();
  }));
  if (options.row_counts) {
    absl::Status counts = conn.Query(sql::CatalogRowCountsQuery(), [&](const sqlserver::Row& row) {
      EHI_ASSIGN_OR_RETURN(int64_t object_id, row.GetInt(0));
      EHI_ASSIGN_OR_RETURN(int64_t rows, row.GetInt(1));
      builder.SetRowCount(object_id, rows);
      return absl::OkStatus();
    });
    if (!counts.ok()) {
      // Counts only steer planning; without them every table counts as small.
      if (!sqlserver::IsUserActionRequired(counts)) return counts;
      builder.AddWarning(absl::StrCat("Row counts unavailable (", counts.message(),
                                      "); grant VIEW DEFINITION to read sys.partitions"));
    }
  }
  Catalog catalog = builder.Build();
  LogInfo(absl::StrCat("Discovered ", catalog.tables.size(), " tables (", column_rows,
                       " columns in the database) with ", options.row_counts ? 4 : 3,
                       " catalog queries in ", absl::FormatDuration(absl::Now() - started)));
  return catalog;
}

absl::StatusOr<Catalog> DiscoverCatalog(const Config& config, const CatalogOptions& options) {
  EHI_ASSIGN_OR_RETURN(std::unique_ptr<sqlserver::Connection> conn,
                       sqlserver::Connection::Open(config.ConnectionSettings()));
  return DiscoverCatalog(*conn, config.filter, options);
}

}  // namespace ehi
