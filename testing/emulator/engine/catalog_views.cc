// System views (sys.* and INFORMATION_SCHEMA.*): column definitions with the
// types SQL Server reports, and their rows computed from a CatalogSnapshot
// and live row counts.
#include <sqlite3.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/catalog.h"
#include "testing/emulator/engine/sqlite_util.h"

namespace emulator {
namespace {

struct ViewSpec {
  const char* schema;
  const char* name;
  const char* columns;  // "name:type,..."
};

constexpr char kObjectColumns[] =
    "name:sysname,object_id:int,principal_id:int,schema_id:int,parent_object_id:int,"
    "type:char(2),type_desc:nvarchar(60),create_date:datetime,modify_date:datetime,"
    "is_ms_shipped:bit,is_published:bit,is_schema_published:bit";

const std::vector<ViewSpec>& Specs() {
  static const std::vector<ViewSpec>* specs = new std::vector<ViewSpec>{
      {"sys", "schemas", "name:sysname,schema_id:int,principal_id:int"},
      {"sys", "objects", kObjectColumns},
      {"sys", "tables",
       "name:sysname,object_id:int,principal_id:int,schema_id:int,parent_object_id:int,"
       "type:char(2),type_desc:nvarchar(60),create_date:datetime,modify_date:datetime,"
       "is_ms_shipped:bit,is_published:bit,is_schema_published:bit,lob_data_space_id:int,"
       "filestream_data_space_id:int,max_column_id_used:int,lock_on_bulk_load:bit,"
       "uses_ansi_nulls:bit,is_replicated:bit,has_replication_filter:bit,"
       "is_merge_published:bit,is_sync_tran_subscribed:bit,has_unchecked_assembly_data:bit,"
       "text_in_row_limit:int,large_value_types_out_of_row:bit,is_tracked_by_cdc:bit,"
       "lock_escalation:tinyint,lock_escalation_desc:nvarchar(60),is_filetable:bit,"
       "is_memory_optimized:bit,durability:tinyint,durability_desc:nvarchar(60),"
       "temporal_type:tinyint,temporal_type_desc:nvarchar(60),history_table_id:int,"
       "is_remote_data_archive_enabled:bit,is_external:bit,is_node:bit,is_edge:bit"},
      {"sys", "views", kObjectColumns},
      {"sys", "columns",
       "object_id:int,name:sysname,column_id:int,system_type_id:tinyint,user_type_id:int,"
       "max_length:smallint,precision:tinyint,scale:tinyint,collation_name:sysname,"
       "is_nullable:bit,is_ansi_padded:bit,is_rowguidcol:bit,is_identity:bit,is_computed:bit,"
       "is_filestream:bit,is_replicated:bit,is_non_sql_subscribed:bit,is_merge_published:bit,"
       "is_dts_replicated:bit,is_xml_document:bit,xml_collection_id:int,default_object_id:int,"
       "rule_object_id:int,is_sparse:bit,is_column_set:bit,generated_always_type:tinyint,"
       "generated_always_type_desc:nvarchar(60),is_hidden:bit,is_masked:bit"},
      {"sys", "types",
       "name:sysname,system_type_id:tinyint,user_type_id:int,schema_id:int,principal_id:int,"
       "max_length:smallint,precision:tinyint,scale:tinyint,collation_name:sysname,"
       "is_nullable:bit,is_user_defined:bit,is_assembly_type:bit,default_object_id:int,"
       "rule_object_id:int,is_table_type:bit"},
      {"sys", "indexes",
       "object_id:int,name:sysname,index_id:int,type:tinyint,type_desc:nvarchar(60),"
       "is_unique:bit,data_space_id:int,ignore_dup_key:bit,is_primary_key:bit,"
       "is_unique_constraint:bit,fill_factor:tinyint,is_padded:bit,is_disabled:bit,"
       "is_hypothetical:bit,allow_row_locks:bit,allow_page_locks:bit,has_filter:bit,"
       "filter_definition:nvarchar(max)"},
      {"sys", "index_columns",
       "object_id:int,index_id:int,index_column_id:int,column_id:int,key_ordinal:tinyint,"
       "partition_ordinal:tinyint,is_descending_key:bit,is_included_column:bit"},
      {"sys", "key_constraints",
       "name:sysname,object_id:int,principal_id:int,schema_id:int,parent_object_id:int,"
       "type:char(2),type_desc:nvarchar(60),create_date:datetime,modify_date:datetime,"
       "is_ms_shipped:bit,is_published:bit,is_schema_published:bit,unique_index_id:int,"
       "is_system_named:bit,is_enforced:bit"},
      {"sys", "partitions",
       "partition_id:bigint,object_id:int,index_id:int,partition_number:int,hobt_id:bigint,"
       "rows:bigint,filestream_filegroup_id:smallint,data_compression:tinyint,"
       "data_compression_desc:nvarchar(60)"},
      {"sys", "dm_db_partition_stats",
       "partition_id:bigint,object_id:int,index_id:int,partition_number:int,"
       "in_row_data_page_count:bigint,in_row_used_page_count:bigint,"
       "in_row_reserved_page_count:bigint,lob_used_page_count:bigint,"
       "lob_reserved_page_count:bigint,row_overflow_used_page_count:bigint,"
       "row_overflow_reserved_page_count:bigint,used_page_count:bigint,"
       "reserved_page_count:bigint,row_count:bigint"},
      {"sys", "databases",
       "name:sysname,database_id:int,source_database_id:int,owner_sid:varbinary(85),"
       "create_date:datetime,compatibility_level:tinyint,collation_name:sysname,"
       "user_access:tinyint,user_access_desc:nvarchar(60),is_read_only:bit,state:tinyint,"
       "state_desc:nvarchar(60),snapshot_isolation_state:tinyint,"
       "snapshot_isolation_state_desc:nvarchar(60),is_read_committed_snapshot_on:bit,"
       "recovery_model:tinyint,recovery_model_desc:nvarchar(60),is_cdc_enabled:bit,"
       "is_encrypted:bit"},
      {"INFORMATION_SCHEMA", "SCHEMATA",
       "CATALOG_NAME:nvarchar(128),SCHEMA_NAME:nvarchar(128),SCHEMA_OWNER:nvarchar(128),"
       "DEFAULT_CHARACTER_SET_CATALOG:varchar(6),DEFAULT_CHARACTER_SET_SCHEMA:varchar(3),"
       "DEFAULT_CHARACTER_SET_NAME:sysname"},
      {"INFORMATION_SCHEMA", "TABLES",
       "TABLE_CATALOG:nvarchar(128),TABLE_SCHEMA:nvarchar(128),TABLE_NAME:sysname,"
       "TABLE_TYPE:varchar(10)"},
      {"INFORMATION_SCHEMA", "COLUMNS",
       "TABLE_CATALOG:nvarchar(128),TABLE_SCHEMA:nvarchar(128),TABLE_NAME:nvarchar(128),"
       "COLUMN_NAME:nvarchar(128),ORDINAL_POSITION:int,COLUMN_DEFAULT:nvarchar(4000),"
       "IS_NULLABLE:varchar(3),DATA_TYPE:nvarchar(128),CHARACTER_MAXIMUM_LENGTH:int,"
       "CHARACTER_OCTET_LENGTH:int,NUMERIC_PRECISION:tinyint,NUMERIC_PRECISION_RADIX:smallint,"
       "NUMERIC_SCALE:int,DATETIME_PRECISION:smallint,CHARACTER_SET_CATALOG:nvarchar(128),"
       "CHARACTER_SET_SCHEMA:nvarchar(128),CHARACTER_SET_NAME:nvarchar(128),"
       "COLLATION_CATALOG:nvarchar(128),COLLATION_SCHEMA:nvarchar(128),"
       "COLLATION_NAME:nvarchar(128),DOMAIN_CATALOG:nvarchar(128),DOMAIN_SCHEMA:nvarchar(128),"
       "DOMAIN_NAME:nvarchar(128)"},
      {"INFORMATION_SCHEMA", "TABLE_CONSTRAINTS",
       "CONSTRAINT_CATALOG:nvarchar(128),CONSTRAINT_SCHEMA:nvarchar(128),"
       "CONSTRAINT_NAME:sysname,TABLE_CATALOG:nvarchar(128),TABLE_SCHEMA:nvarchar(128),"
       "TABLE_NAME:sysname,CONSTRAINT_TYPE:varchar(11),IS_DEFERRABLE:varchar(2),"
       "INITIALLY_DEFERRED:varchar(2)"},
      {"INFORMATION_SCHEMA", "KEY_COLUMN_USAGE",
       "CONSTRAINT_CATALOG:nvarchar(128),CONSTRAINT_SCHEMA:nvarchar(128),"
       "CONSTRAINT_NAME:nvarchar(128),TABLE_CATALOG:nvarchar(128),TABLE_SCHEMA:nvarchar(128),"
       "TABLE_NAME:nvarchar(128),COLUMN_NAME:nvarchar(128),ORDINAL_POSITION:int"},
  };
  return *specs;
}

const std::vector<TableInfo>& Views() {
  static const std::vector<TableInfo>* views = [] {
    auto* out = new std::vector<TableInfo>;
    int id = -100;
    for (const ViewSpec& spec : Specs()) {
      TableInfo t;
      t.object_id = id--;
      t.schema = spec.schema;
      t.schema_id = t.schema == "sys" ? 4 : 3;
      t.name = spec.name;
      t.is_system_view = true;
      for (absl::string_view col : absl::StrSplit(spec.columns, ',')) {
        size_t colon = col.find(':');
        ColumnInfo c;
        c.name = std::string(col.substr(0, colon));
        c.type = ParseTypeString(col.substr(colon + 1)).value();
        c.column_id = static_cast<int>(t.columns.size()) + 1;
        t.columns.push_back(std::move(c));
      }
      out->push_back(std::move(t));
    }
    return out;
  }();
  return *views;
}

using Row = std::vector<Datum>;
Datum S(absl::string_view s) { return Datum::Text(std::string(s)); }
Datum I(int64_t v) { return Datum::Int(v); }
Datum N() { return Datum::Null(); }

constexpr char kCollation[] = "SQL_Latin1_General_CP1_CI_AS";
constexpr char kCreateDate[] = "2024-01-01 00:00:00.0000000";

bool IsString(TypeId id) { return FamilyOf(id) == TypeFamily::kString; }

int64_t CountRows(sqlite3* db, const TableInfo& t) {
  if (t.synthetic_rows >= 0) return t.synthetic_rows;
  std::string sql = absl::StrCat("SELECT COUNT(*) FROM main.\"", t.SqliteName(), "\"");
  auto stmt = Prepare(db, sql);
  if (!stmt.ok() || sqlite3_step(stmt->get()) != SQLITE_ROW) return 0;
  return sqlite3_column_int64(stmt->get(), 0);
}

Row ObjectRow(const TableInfo& t) {
  std::string date = t.create_date.empty() ? kCreateDate : t.create_date;
  return {S(t.name),       I(t.object_id), N(),     I(t.schema_id), I(0), S("U "),
          S("USER_TABLE"), S(date),        S(date), I(0),           I(0), I(0)};
}

struct BuiltinType {
  const char* name;
  int id;
  int max_length, precision, scale;
};

constexpr BuiltinType kBuiltinTypes[] = {
    {"image", 34, 16, 0, 0},
    {"text", 35, 16, 0, 0},
    {"uniqueidentifier", 36, 16, 0, 0},
    {"date", 40, 3, 10, 0},
    {"time", 41, 5, 16, 7},
    {"datetime2", 42, 8, 27, 7},
    {"datetimeoffset", 43, 10, 34, 7},
    {"tinyint", 48, 1, 3, 0},
    {"smallint", 52, 2, 5, 0},
    {"int", 56, 4, 10, 0},
    {"smalldatetime", 58, 4, 16, 0},
    {"real", 59, 4, 24, 0},
    {"money", 60, 8, 19, 4},
    {"datetime", 61, 8, 23, 3},
    {"float", 62, 8, 53, 0},
    {"sql_variant", 98, 8016, 0, 0},
    {"ntext", 99, 16, 0, 0},
    {"bit", 104, 1, 1, 0},
    {"decimal", 106, 17, 38, 38},
    {"numeric", 108, 17, 38, 38},
    {"smallmoney", 122, 4, 10, 4},
    {"bigint", 127, 8, 19, 0},
    {"varbinary", 165, 8000, 0, 0},
    {"varchar", 167, 8000, 0, 0},
    {"binary", 173, 8000, 0, 0},
    {"char", 175, 8000, 0, 0},
    {"timestamp", 189, 8, 0, 0},
    {"nvarchar", 231, 8000, 0, 0},
    {"nchar", 239, 8000, 0, 0},
    {"xml", 241, -1, 0, 0},
};

void AddColumnRows(const CatalogSnapshot& snap, absl::string_view db_name, const std::string& view,
                   std::vector<Row>* rows) {
  for (const auto& [key, tp] : snap.tables()) {
    const TableInfo& t = *tp;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const ColumnInfo& c = t.columns[i];
      const SqlType& ty = c.type;
      bool str = IsString(ty.id) && ty.id != TypeId::kXml;
      if (view == "columns") {
        rows->push_back({I(t.object_id),
                         S(c.name),
                         I(c.column_id),
                         I(SystemTypeId(ty.id)),
                         I(SystemTypeId(ty.id)),
                         I(CatalogMaxLength(ty)),
                         I(CatalogPrecision(ty)),
                         I(CatalogScale(ty)),
                         str ? S(kCollation) : N(),
                         I(c.nullable ? 1 : 0),
                         I(str || FamilyOf(ty.id) == TypeFamily::kBinary ? 1 : 0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         I(0),
                         S("NOT_APPLICABLE"),
                         I(0),
                         I(0)});
        continue;
      }
      // INFORMATION_SCHEMA.COLUMNS
      Datum char_max = N(), octet = N(), num_prec = N(), radix = N(), num_scale = N(),
            dt_prec = N(), charset = N(), collation = N();
      bool is_max = IsMaxOrLob(ty);
      switch (ty.id) {
        case TypeId::kText:
        case TypeId::kImage:
          char_max = I(2147483647);
          octet = I(2147483647);
          break;
        case TypeId::kNText:
          char_max = I(1073741823);
          octet = I(2147483646);
          break;
        case TypeId::kXml:
          char_max = I(-1);
          octet = I(-1);
          break;
        case TypeId::kChar:
        case TypeId::kVarChar:
        case TypeId::kBinary:
        case TypeId::kVarBinary:
          char_max = I(is_max ? -1 : ty.length);
          octet = I(is_max ? -1 : ty.length);
          break;
        case TypeId::kNChar:
        case TypeId::kNVarChar:
          char_max = I(is_max ? -1 : ty.length);
          octet = I(is_max ? -1 : 2 * ty.length);
          break;
        default:
          break;
      }
      switch (FamilyOf(ty.id)) {
        case TypeFamily::kInt:
        case TypeFamily::kDecimal:
        case TypeFamily::kFloat:
          if (ty.id != TypeId::kBit) {
            num_prec = I(CatalogPrecision(ty));
            bool approx = FamilyOf(ty.id) == TypeFamily::kFloat;
            radix = I(approx ? 2 : 10);
            if (!approx) num_scale = I(CatalogScale(ty));
          }
          break;
        case TypeFamily::kDate:
        case TypeFamily::kTime:
        case TypeFamily::kDateTime:
        case TypeFamily::kDateTimeOffset:
          dt_prec = I(ty.id == TypeId::kDate || ty.id == TypeId::kSmallDateTime ? 0
                      : ty.id == TypeId::kDateTime                              ? 3
                                                                                : ty.scale);
          break;
        default:
          break;
      }
      if (ty.id == TypeId::kChar || ty.id == TypeId::kVarChar || ty.id == TypeId::kText) {
        charset = S("iso_1");
        collation = S(kCollation);
      } else if (ty.id == TypeId::kNChar || ty.id == TypeId::kNVarChar || ty.id == TypeId::kNText) {
        charset = S("UNICODE");
        collation = S(kCollation);
      }
      rows->push_back({S(db_name),
                       S(t.schema),
                       S(t.name),
                       S(c.name),
                       I(static_cast<int64_t>(i) + 1),
                       c.default_tsql.empty() ? N() : S(absl::StrCat("(", c.default_tsql, ")")),
                       S(c.nullable ? "YES" : "NO"),
                       S(BaseTypeName(ty.id)),
                       char_max,
                       octet,
                       num_prec,
                       radix,
                       num_scale,
                       dt_prec,
                       N(),
                       N(),
                       charset,
                       N(),
                       N(),
                       collation,
                       N(),
                       N(),
                       N()});
    }
  }
}

absl::Status BuildRows(sqlite3* db, const TableInfo& view, const CatalogSnapshot& snap,
                       absl::string_view db_name, std::vector<Row>* rows) {
  const std::string name = absl::AsciiStrToLower(view.name);
  if (view.schema == "sys") {
    if (name == "schemas") {
      for (const auto& [id, sname] : snap.schemas()) {
        rows->push_back({S(sname), I(id), I(id >= 16384 ? id : 1)});
      }
    } else if (name == "objects" || name == "tables") {
      for (const auto& [key, t] : snap.tables()) {
        Row r = ObjectRow(*t);
        if (name == "tables") {
          int max_col = 0;
          for (const ColumnInfo& c : t->columns) max_col = std::max(max_col, c.column_id);
          Row extra = {I(0),
                       N(),
                       I(max_col),
                       I(0),
                       I(1),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       I(0),
                       S("TABLE"),
                       I(0),
                       I(0),
                       I(0),
                       S("SCHEMA_AND_DATA"),
                       I(0),
                       S("NON_TEMPORAL_TABLE"),
                       N(),
                       I(0),
                       I(0),
                       I(0),
                       I(0)};
          r.insert(r.end(), extra.begin(), extra.end());
        }
        rows->push_back(std::move(r));
        if (name == "objects" && !t->pk_name.empty()) {
          std::string date = t->create_date.empty() ? kCreateDate : t->create_date;
          rows->push_back({S(t->pk_name), I(t->object_id + 1), N(), I(t->schema_id),
                           I(t->object_id), S("PK"), S("PRIMARY_KEY_CONSTRAINT"), S(date), S(date),
                           I(0), I(0), I(0)});
        }
      }
    } else if (name == "views") {
      // No user views.
    } else if (name == "columns") {
      AddColumnRows(snap, db_name, "columns", rows);
    } else if (name == "types") {
      for (const BuiltinType& b : kBuiltinTypes) {
        bool str = absl::StrContains("|text|ntext|varchar|char|nvarchar|nchar|",
                                     absl::StrCat("|", b.name, "|"));
        rows->push_back({S(b.name), I(b.id), I(b.id), I(4), N(), I(b.max_length), I(b.precision),
                         I(b.scale), str ? S(kCollation) : N(), I(1), I(0), I(0), I(0), I(0),
                         I(0)});
      }
      rows->push_back({S("sysname"), I(231), I(256), I(4), N(), I(256), I(0), I(0), S(kCollation),
                       I(0), I(0), I(0), I(0), I(0), I(0)});
    } else if (name == "indexes") {
      for (const auto& [key, t] : snap.tables()) {
        bool heap = t->pk_name.empty();
        rows->push_back({I(t->object_id), heap ? N() : S(t->pk_name), I(heap ? 0 : 1),
                         I(heap ? 0 : 1), S(heap ? "HEAP" : "CLUSTERED"), I(heap ? 0 : 1), I(1),
                         I(0), I(heap ? 0 : 1), I(0), I(0), I(0), I(0), I(0), I(1), I(1), I(0),
                         N()});
      }
    } else if (name == "index_columns") {
      for (const auto& [key, t] : snap.tables()) {
        for (size_t k = 0; k < t->pk_columns.size(); ++k) {
          rows->push_back({I(t->object_id), I(1), I(static_cast<int64_t>(k) + 1),
                           I(t->columns[t->pk_columns[k]].column_id),
                           I(static_cast<int64_t>(k) + 1), I(0), I(t->pk_descending[k] ? 1 : 0),
                           I(0)});
        }
      }
    } else if (name == "key_constraints") {
      for (const auto& [key, t] : snap.tables()) {
        if (t->pk_name.empty()) continue;
        std::string date = t->create_date.empty() ? kCreateDate : t->create_date;
        rows->push_back({S(t->pk_name), I(t->object_id + 1), N(), I(t->schema_id), I(t->object_id),
                         S("PK"), S("PRIMARY_KEY_CONSTRAINT"), S(date), S(date), I(0), I(0), I(0),
                         I(1), I(absl::StartsWith(t->pk_name, "PK__") ? 1 : 0), I(1)});
      }
    } else if (name == "partitions" || name == "dm_db_partition_stats") {
      for (const auto& [key, t] : snap.tables()) {
        int64_t count = CountRows(db, *t);
        int index_id = t->pk_name.empty() ? 0 : 1;
        int64_t partition_id = static_cast<int64_t>(t->object_id) * 65536 + index_id;
        if (name == "partitions") {
          rows->push_back({I(partition_id), I(t->object_id), I(index_id), I(1), I(partition_id),
                           I(count), I(0), I(0), S("NONE")});
        } else {
          int64_t pages = count / 50 + 1;  // a rough 160-byte row estimate
          rows->push_back({I(partition_id), I(t->object_id), I(index_id), I(1), I(pages), I(pages),
                           I(pages), I(0), I(0), I(0), I(0), I(pages), I(pages), I(count)});
        }
      }
    } else if (name == "databases") {
      std::vector<std::string> names = {"master", "tempdb", "model", "msdb"};
      bool builtin = false;
      for (const std::string& n : names) builtin |= absl::EqualsIgnoreCase(n, db_name);
      if (!builtin) names.emplace_back(db_name);
      int id = 1;
      for (const std::string& n : names) {
        rows->push_back({S(n), I(id++), N(), Datum::Blob(std::string(1, '\x01')), S(kCreateDate),
                         I(160), S(kCollation), I(0), S("MULTI_USER"), I(0), I(0), S("ONLINE"),
                         I(0), S("OFF"), I(0), I(1), S("FULL"), I(0), I(0)});
      }
    }
    return absl::OkStatus();
  }
  // INFORMATION_SCHEMA
  if (name == "schemata") {
    for (const auto& [id, sname] : snap.schemas()) {
      rows->push_back({S(db_name), S(sname), S(id >= 16384 ? sname : "dbo"), N(), N(), S("iso_1")});
    }
  } else if (name == "tables") {
    for (const auto& [key, t] : snap.tables()) {
      rows->push_back({S(db_name), S(t->schema), S(t->name), S("BASE TABLE")});
    }
  } else if (name == "columns") {
    AddColumnRows(snap, db_name, "info", rows);
  } else if (name == "table_constraints") {
    for (const auto& [key, t] : snap.tables()) {
      if (t->pk_name.empty()) continue;
      rows->push_back({S(db_name), S(t->schema), S(t->pk_name), S(db_name), S(t->schema),
                       S(t->name), S("PRIMARY KEY"), S("NO"), S("NO")});
    }
  } else if (name == "key_column_usage") {
    for (const auto& [key, t] : snap.tables()) {
      for (size_t k = 0; k < t->pk_columns.size(); ++k) {
        rows->push_back({S(db_name), S(t->schema), S(t->pk_name), S(db_name), S(t->schema),
                         S(t->name), S(t->columns[t->pk_columns[k]].name),
                         I(static_cast<int64_t>(k) + 1)});
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

const TableInfo* FindSystemView(absl::string_view schema, absl::string_view name) {
  for (const TableInfo& v : Views()) {
    if (absl::EqualsIgnoreCase(v.schema, schema) && absl::EqualsIgnoreCase(v.name, name)) {
      return &v;
    }
  }
  return nullptr;
}

absl::Status RefreshCatalogViews(sqlite3* db, const std::vector<const TableInfo*>& views,
                                 const CatalogSnapshot& snapshot, absl::string_view db_name) {
  for (const TableInfo* view : views) {
    const std::string table = view->SqliteName();
    std::vector<std::string> decls;
    for (const ColumnInfo& c : view->columns) {
      decls.push_back(absl::StrCat("\"", c.name, "\" ", SqliteColumnDecl(c.type)));
    }
    EHI_RETURN_IF_ERROR(ExecSql(db, absl::StrCat("CREATE TEMP TABLE IF NOT EXISTS \"", table, "\"(",
                                                 absl::StrJoin(decls, ", "), ")")));
    EHI_RETURN_IF_ERROR(ExecSql(db, absl::StrCat("DELETE FROM temp.\"", table, "\"")));
    std::vector<Row> rows;
    EHI_RETURN_IF_ERROR(BuildRows(db, *view, snapshot, db_name, &rows));
    std::string placeholders;
    for (size_t i = 0; i < view->columns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    EHI_ASSIGN_OR_RETURN(
        SqliteStmt insert,
        Prepare(db, absl::StrCat("INSERT INTO temp.\"", table, "\" VALUES (", placeholders, ")")));
    for (const Row& row : rows) {
      sqlite3_reset(insert.get());
      for (size_t i = 0; i < row.size() && i < view->columns.size(); ++i) {
        BindDatum(insert.get(), static_cast<int>(i) + 1, row[i]);
      }
      if (sqlite3_step(insert.get()) != SQLITE_DONE) return SqliteStatus(db, "catalog insert");
    }
  }
  return absl::OkStatus();
}

}  // namespace emulator
