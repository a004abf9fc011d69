#include "testing/tester/catalog.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/tester/names.h"
#include "testing/tester/type_mapping.h"

namespace tester {
namespace {

std::string Key(const std::string& schema, const std::string& table) {
  return absl::StrCat(schema, "\x1f", table);
}

std::string SqlString(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string ColumnComment(const TableDef& table, const ColumnDef& column) {
  return absl::StrCat("COMMENT ON COLUMN ", table.QualifiedDestName(), ".",
                      QuoteIdentifier(column.dest_name), " IS ", SqlString(column.source_name),
                      ";");
}

bool IsSystemColumn(const std::string& name) {
  return name == kSyncedColumn || name == kDeletedColumn || name == kIdColumn;
}

}  // namespace

bool TableDef::keyless() const {
  for (const ColumnDef& c : columns) {
    if (c.primary_key) return false;
  }
  return true;
}

std::vector<std::string> TableDef::KeyColumns() const {
  std::vector<std::string> keys;
  for (const ColumnDef& c : columns) {
    if (c.primary_key) keys.push_back(c.dest_name);
  }
  if (keys.empty()) keys.push_back(kIdColumn);
  return keys;
}

std::string TableDef::QualifiedDestName() const { return QualifiedName(dest_schema, dest_table); }

std::string TableDef::DisplayName() const {
  return source_schema.empty() ? source_table : absl::StrCat(source_schema, ".", source_table);
}

Catalog::Catalog(Database* db, std::string destination_schema)
    : db_(db), destination_(NormalizeName(destination_schema)) {}

std::string Catalog::DestSchemaFor(const std::string& source_schema) const {
  if (source_schema.empty()) return destination_;
  return absl::StrCat(destination_, "_", NormalizeName(source_schema));
}

absl::Status Catalog::Declare(const std::string& source_schema,
                              const fivetran_sdk::v2::Table& table) {
  std::string display =
      source_schema.empty() ? table.name() : absl::StrCat(source_schema, ".", table.name());
  std::vector<ColumnDef> wanted;
  std::map<std::string, std::string> column_owner;
  for (const fivetran_sdk::v2::Column& column : table.columns()) {
    ColumnDef def{column.name(), NormalizeName(column.name()), DuckDbType(column),
                  column.primary_key()};
    if (IsSystemColumn(def.dest_name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("column ", column.name(), " of ", display, " would be named ", def.dest_name,
                       ", which is a system column of the warehouse"));
    }
    auto [it, inserted] = column_owner.emplace(def.dest_name, column.name());
    if (!inserted) {
      if (it->second == column.name()) continue;  // declared twice
      return absl::InvalidArgumentError(absl::StrCat("columns ", it->second, " and ", column.name(),
                                                     " of ", display, " both normalise to ",
                                                     def.dest_name));
    }
    wanted.push_back(std::move(def));
  }

  auto found = tables_.find(Key(source_schema, table.name()));
  if (found != tables_.end()) {
    return AddMissingColumns(*found->second, wanted);
  }

  auto def = std::make_unique<TableDef>();
  def->source_schema = source_schema;
  def->source_table = table.name();
  def->dest_schema = DestSchemaFor(source_schema);
  def->dest_table = NormalizeName(table.name());
  auto [schema_it, schema_new] = dest_schema_owner_.emplace(def->dest_schema, source_schema);
  if (!schema_new && schema_it->second != source_schema) {
    return absl::InvalidArgumentError(
        absl::StrCat("source schemas '", schema_it->second, "' and '", source_schema,
                     "' both map to destination schema ", def->dest_schema));
  }
  std::string dest_key = Key(def->dest_schema, def->dest_table);
  auto [table_it, table_new] = dest_table_owner_.emplace(dest_key, display);
  if (!table_new) {
    return absl::InvalidArgumentError(absl::StrCat("source tables ", table_it->second, " and ",
                                                   display, " both map to ", def->dest_schema, ".",
                                                   def->dest_table));
  }

  EHI_ASSIGN_OR_RETURN(std::vector<std::string> existing, ExistingColumns(*def));
  if (existing.empty()) {
    def->columns = wanted;
    EHI_RETURN_IF_ERROR(CreateTable(*def));
  } else {
    // A table from an earlier run: keep what is there, add what is new.
    std::set<std::string> have(existing.begin(), existing.end());
    for (const ColumnDef& c : wanted) {
      if (have.count(c.dest_name)) def->columns.push_back(c);
    }
    EHI_RETURN_IF_ERROR(AddMissingColumns(*def, wanted));
  }
  tables_.emplace(Key(source_schema, table.name()), std::move(def));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> Catalog::ExistingColumns(const TableDef& def) {
  EHI_ASSIGN_OR_RETURN(
      ResultTable result,
      db_->Query(absl::StrCat("SELECT column_name FROM information_schema.columns "
                              "WHERE table_catalog = current_database() AND table_schema = ",
                              SqlString(def.dest_schema), " AND table_name = ",
                              SqlString(def.dest_table), " ORDER BY ordinal_position")));
  std::vector<std::string> names;
  for (const auto& row : result.rows) names.push_back(row[0].value_or(""));
  return names;
}

absl::Status Catalog::CreateTable(TableDef& def) {
  EHI_RETURN_IF_ERROR(
      db_->Execute(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", QuoteIdentifier(def.dest_schema))));
  std::vector<std::string> parts;
  for (const ColumnDef& c : def.columns) {
    parts.push_back(absl::StrCat(QuoteIdentifier(c.dest_name), " ", c.duckdb_type,
                                 c.primary_key ? " NOT NULL" : ""));
  }
  if (def.keyless()) {
    parts.push_back(absl::StrCat(kIdColumn, " VARCHAR NOT NULL"));
  }
  parts.push_back(absl::StrCat(kSyncedColumn, " TIMESTAMPTZ NOT NULL"));
  parts.push_back(absl::StrCat(kDeletedColumn, " BOOLEAN NOT NULL"));
  std::vector<std::string> keys;
  for (const std::string& k : def.KeyColumns()) {
    keys.push_back(QuoteIdentifier(k));
  }
  parts.push_back(absl::StrCat("PRIMARY KEY (", absl::StrJoin(keys, ", "), ")"));
  std::string sql = absl::StrCat("CREATE TABLE ", def.QualifiedDestName(), " (",
                                 absl::StrJoin(parts, ", "), ");");
  // The source names, as comments, so tools (and the demo) can map back.
  absl::StrAppend(&sql, "COMMENT ON TABLE ", def.QualifiedDestName(), " IS ",
                  SqlString(def.DisplayName()), ";");
  for (const ColumnDef& c : def.columns) absl::StrAppend(&sql, ColumnComment(def, c));
  return db_->Execute(sql);
}

absl::Status Catalog::AddMissingColumns(TableDef& def, const std::vector<ColumnDef>& wanted) {
  std::set<std::string> have;
  for (const ColumnDef& c : def.columns) have.insert(c.dest_name);
  EHI_ASSIGN_OR_RETURN(std::vector<std::string> existing, ExistingColumns(def));
  std::set<std::string> in_db(existing.begin(), existing.end());
  bool changed = false;
  for (const ColumnDef& c : wanted) {
    if (have.count(c.dest_name)) continue;
    if (!in_db.count(c.dest_name)) {
      // New columns are nullable: rows written before them have no value.
      EHI_RETURN_IF_ERROR(db_->Execute(absl::StrCat(
          "ALTER TABLE ", def.QualifiedDestName(), " ADD COLUMN ", QuoteIdentifier(c.dest_name),
          " ", c.duckdb_type, ";", ColumnComment(def, c))));
    }
    ColumnDef added = c;
    added.primary_key = false;  // keys are fixed when a table is created
    def.columns.push_back(std::move(added));
    changed = true;
  }
  if (changed) ++def.version;
  return absl::OkStatus();
}

absl::StatusOr<TableDef*> Catalog::Find(const std::optional<std::string>& schema,
                                        const std::string& table) {
  if (schema.has_value()) {
    auto it = tables_.find(Key(*schema, table));
    if (it != tables_.end()) return it->second.get();
    return absl::NotFoundError(
        absl::StrCat("table ", schema->empty() ? "" : absl::StrCat(*schema, "."), table,
                     " was never declared by the Schema response or a SchemaChange, or "
                     "is excluded by the selection"));
  }
  TableDef* match = nullptr;
  for (auto& [key, def] : tables_) {
    if (def->source_table != table) continue;
    if (match != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("record for table ", table,
                       " has no schema_name and the table exists in several schemas"));
    }
    match = def.get();
  }
  if (match == nullptr) {
    return absl::NotFoundError(absl::StrCat("table ", table,
                                            " was never declared by the Schema response or a "
                                            "SchemaChange, or is excluded by the selection"));
  }
  return match;
}

std::vector<TableDef*> Catalog::Tables() {
  std::vector<TableDef*> out;
  for (auto& [key, def] : tables_) out.push_back(def.get());
  return out;
}

}  // namespace tester
