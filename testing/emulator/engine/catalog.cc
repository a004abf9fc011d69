// Catalog model and its persistence in the SQLite file.
#include "testing/emulator/engine/catalog.h"

#include <sqlite3.h>

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sqlite_util.h"

namespace emulator {
namespace {

std::string Key(absl::string_view schema, absl::string_view name) {
  return absl::AsciiStrToLower(absl::StrCat(schema, ".", name));
}

}  // namespace

int TableInfo::FindColumn(absl::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (absl::EqualsIgnoreCase(columns[i].name, column)) return static_cast<int>(i);
  }
  return -1;
}

CatalogSnapshot::CatalogSnapshot() {
  schema_names_ = {{1, "dbo"},
                   {2, "guest"},
                   {3, "INFORMATION_SCHEMA"},
                   {4, "sys"},
                   {16384, "db_owner"},
                   {16385, "db_accessadmin"},
                   {16386, "db_securityadmin"},
                   {16387, "db_ddladmin"},
                   {16389, "db_backupoperator"},
                   {16390, "db_datareader"},
                   {16391, "db_datawriter"},
                   {16392, "db_denydatareader"},
                   {16393, "db_denydatawriter"}};
}

const TableInfo* CatalogSnapshot::Find(absl::string_view schema, absl::string_view name) const {
  if (const TableInfo* view = FindSystemView(schema, name)) return view;
  auto it = tables_.find(Key(schema, name));
  return it == tables_.end() ? nullptr : it->second.get();
}

const TableInfo* CatalogSnapshot::FindById(int object_id) const {
  for (const auto& [key, table] : tables_) {
    if (table->object_id == object_id) return table.get();
  }
  return nullptr;
}

int CatalogSnapshot::SchemaId(absl::string_view schema) const {
  for (const auto& [id, name] : schema_names_) {
    if (absl::EqualsIgnoreCase(name, schema)) return id;
  }
  return -1;
}

std::string CatalogSnapshot::SchemaName(int schema_id) const {
  auto it = schema_names_.find(schema_id);
  return it == schema_names_.end() ? "" : it->second;
}

void CatalogSnapshot::PutTable(std::shared_ptr<const TableInfo> table) {
  tables_[Key(table->schema, table->name)] = std::move(table);
}

void CatalogSnapshot::RemoveTable(absl::string_view schema, absl::string_view name) {
  tables_.erase(Key(schema, name));
}

void CatalogSnapshot::PutSchema(int id, std::string name) { schema_names_[id] = std::move(name); }

int CatalogSnapshot::next_schema_id() const {
  int next = 5;
  for (const auto& [id, name] : schema_names_) {
    if (id < 16384 && id >= next) next = id + 1;
  }
  return next;
}

std::string SqliteColumnDecl(const SqlType& t) {
  switch (FamilyOf(t.id)) {
    case TypeFamily::kInt:
      return "INTEGER";
    case TypeFamily::kFloat:
      return "REAL";
    case TypeFamily::kDecimal:
      return "TEXT COLLATE ms_decimal";
    case TypeFamily::kDate:
    case TypeFamily::kTime:
    case TypeFamily::kDateTime:
      return "TEXT";
    case TypeFamily::kDateTimeOffset:
      return "TEXT COLLATE ms_dto";
    case TypeFamily::kBinary:
    case TypeFamily::kGuid:
      return "BLOB";
    case TypeFamily::kString:
      return IsUnicode(t.id) ? "TEXT COLLATE ms_cin" : "TEXT COLLATE ms_ci";
  }
  return "";
}

std::string GeneratedPkName(absl::string_view table, int object_id) {
  // A stable pseudo-random suffix, so the name is predictable in tests.
  uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(object_id);
  for (char c : table) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llX", static_cast<unsigned long long>(h));
  std::string prefix(table.substr(0, 8));
  return absl::StrCat("PK__", prefix, "__", hex);
}

absl::Status EnsureMetadataTables(sqlite3* db) {
  return ExecSql(
      db,
      "CREATE TABLE IF NOT EXISTS _ehi_schemas(schema_id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE IF NOT EXISTS _ehi_tables(object_id INTEGER PRIMARY KEY, "
      "schema_id INTEGER, schema_name TEXT, name TEXT, pk_name TEXT, "
      "synthetic_rows INTEGER, create_date TEXT);"
      "CREATE TABLE IF NOT EXISTS _ehi_columns(object_id INTEGER, column_id INTEGER, "
      "name TEXT, type TEXT, nullable INTEGER, pk_ordinal INTEGER, pk_desc INTEGER, "
      "default_tsql TEXT, PRIMARY KEY(object_id, column_id));");
}

absl::StatusOr<std::shared_ptr<CatalogSnapshot>> LoadCatalog(sqlite3* db) {
  auto snap = std::make_shared<CatalogSnapshot>();
  EHI_ASSIGN_OR_RETURN(SqliteStmt schemas, Prepare(db, "SELECT schema_id, name FROM _ehi_schemas"));
  while (sqlite3_step(schemas.get()) == SQLITE_ROW) {
    snap->PutSchema(sqlite3_column_int(schemas.get(), 0),
                    reinterpret_cast<const char*>(sqlite3_column_text(schemas.get(), 1)));
  }
  EHI_ASSIGN_OR_RETURN(
      SqliteStmt tables,
      Prepare(db,
              "SELECT object_id, schema_id, schema_name, name, pk_name, synthetic_rows, "
              "create_date FROM _ehi_tables ORDER BY object_id"));
  EHI_ASSIGN_OR_RETURN(
      SqliteStmt columns,
      Prepare(db,
              "SELECT column_id, name, type, nullable, pk_ordinal, pk_desc, default_tsql "
              "FROM _ehi_columns WHERE object_id = ? ORDER BY column_id"));
  int max_id = snap->next_object_id() - 32;
  auto text = [](sqlite3_stmt* s, int c) {
    const unsigned char* p = sqlite3_column_text(s, c);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  };
  while (sqlite3_step(tables.get()) == SQLITE_ROW) {
    auto t = std::make_shared<TableInfo>();
    t->object_id = sqlite3_column_int(tables.get(), 0);
    t->schema_id = sqlite3_column_int(tables.get(), 1);
    t->schema = text(tables.get(), 2);
    t->name = text(tables.get(), 3);
    t->pk_name = text(tables.get(), 4);
    t->synthetic_rows = sqlite3_column_type(tables.get(), 5) == SQLITE_NULL
                            ? -1
                            : sqlite3_column_int64(tables.get(), 5);
    t->create_date = text(tables.get(), 6);
    if (t->object_id > max_id) max_id = t->object_id;
    sqlite3_reset(columns.get());
    sqlite3_bind_int(columns.get(), 1, t->object_id);
    std::vector<std::pair<int, int>> pk;  // ordinal, column index
    std::vector<bool> desc_by_col;
    while (sqlite3_step(columns.get()) == SQLITE_ROW) {
      ColumnInfo c;
      c.column_id = sqlite3_column_int(columns.get(), 0);
      c.name = text(columns.get(), 1);
      auto type = ParseTypeString(text(columns.get(), 2));
      if (!type.ok()) return type.status();
      c.type = *type;
      c.nullable = sqlite3_column_int(columns.get(), 3) != 0;
      int ordinal = sqlite3_column_int(columns.get(), 4);
      if (ordinal > 0) pk.emplace_back(ordinal, static_cast<int>(t->columns.size()));
      desc_by_col.push_back(sqlite3_column_int(columns.get(), 5) != 0);
      c.default_tsql = text(columns.get(), 6);
      t->columns.push_back(std::move(c));
    }
    std::sort(pk.begin(), pk.end());
    for (auto [ordinal, index] : pk) {
      t->pk_columns.push_back(index);
      t->pk_descending.push_back(desc_by_col[index]);
    }
    snap->PutTable(std::move(t));
  }
  snap->set_next_object_id(max_id + 32);
  return snap;
}

absl::Status SaveTableMetadata(sqlite3* db, const TableInfo& table) {
  EHI_RETURN_IF_ERROR(DeleteTableMetadata(db, table.object_id));
  EHI_ASSIGN_OR_RETURN(SqliteStmt t,
                       Prepare(db, "INSERT INTO _ehi_tables VALUES (?, ?, ?, ?, ?, ?, ?)"));
  sqlite3_bind_int(t.get(), 1, table.object_id);
  sqlite3_bind_int(t.get(), 2, table.schema_id);
  sqlite3_bind_text(t.get(), 3, table.schema.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(t.get(), 4, table.name.c_str(), -1, SQLITE_TRANSIENT);
  if (table.pk_name.empty()) {
    sqlite3_bind_null(t.get(), 5);
  } else {
    sqlite3_bind_text(t.get(), 5, table.pk_name.c_str(), -1, SQLITE_TRANSIENT);
  }
  if (table.synthetic_rows >= 0) {
    sqlite3_bind_int64(t.get(), 6, table.synthetic_rows);
  } else {
    sqlite3_bind_null(t.get(), 6);
  }
  sqlite3_bind_text(t.get(), 7, table.create_date.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(t.get()) != SQLITE_DONE) return SqliteStatus(db, "save table");
  EHI_ASSIGN_OR_RETURN(SqliteStmt c,
                       Prepare(db, "INSERT INTO _ehi_columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnInfo& col = table.columns[i];
    int ordinal = 0;
    bool desc = false;
    for (size_t k = 0; k < table.pk_columns.size(); ++k) {
      if (table.pk_columns[k] == static_cast<int>(i)) {
        ordinal = static_cast<int>(k) + 1;
        desc = table.pk_descending[k];
      }
    }
    sqlite3_reset(c.get());
    sqlite3_bind_int(c.get(), 1, table.object_id);
    sqlite3_bind_int(c.get(), 2, col.column_id);
    sqlite3_bind_text(c.get(), 3, col.name.c_str(), -1, SQLITE_TRANSIENT);
    std::string type = TypeToString(col.type);
    sqlite3_bind_text(c.get(), 4, type.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(c.get(), 5, col.nullable ? 1 : 0);
    sqlite3_bind_int(c.get(), 6, ordinal);
    sqlite3_bind_int(c.get(), 7, desc ? 1 : 0);
    sqlite3_bind_text(c.get(), 8, col.default_tsql.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(c.get()) != SQLITE_DONE) return SqliteStatus(db, "save column");
  }
  return absl::OkStatus();
}

absl::Status DeleteTableMetadata(sqlite3* db, int object_id) {
  return ExecSql(db, absl::StrCat("DELETE FROM _ehi_tables WHERE object_id = ", object_id,
                                  "; DELETE FROM _ehi_columns WHERE object_id = ", object_id, ";"));
}

absl::Status SaveSchemaMetadata(sqlite3* db, int schema_id, absl::string_view name) {
  EHI_ASSIGN_OR_RETURN(SqliteStmt s, Prepare(db, "INSERT INTO _ehi_schemas VALUES (?, ?)"));
  sqlite3_bind_int(s.get(), 1, schema_id);
  sqlite3_bind_text(s.get(), 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteStatus(db, "save schema");
  return absl::OkStatus();
}

}  // namespace emulator
