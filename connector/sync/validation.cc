#include "connector/sync/validation.h"

#include "connector/type_mapping.h"

namespace ehi::sync {
namespace {

ColumnInfo Column(const char* name, int id, const char* sql_type, int max_length, int key) {
  ColumnInfo c;
  c.name = name;
  c.column_id = id;
  c.sql_type.type_name = sql_type;
  c.sql_type.max_length = max_length;
  if (c.sql_type.type_name == "datetimeoffset") {
    c.sql_type.precision = 34;
    c.sql_type.scale = 7;
  }
  c.mapped = MapSqlServerType(c.sql_type);
  c.nullable = key == 0;
  c.key_ordinal = key;
  return c;
}

Value Long(int64_t v) {
  Value x;
  x.type = DataType::kLong;
  x.is_null = false;
  x.integer = v;
  return x;
}

Value Text(std::string s) {
  Value x;
  x.type = DataType::kString;
  x.is_null = false;
  x.text = std::move(s);
  return x;
}

}  // namespace

TableInfo ValidationTableInfo() {
  TableInfo t;
  t.schema = kValidationSchema;
  t.name = kValidationTable;
  t.columns = {Column("datetime", 1, "datetimeoffset", 10, 2),
               Column("tablename", 2, "nvarchar", 512, 1),
               Column("count", 3, "bigint", 8, 0),
               Column("records_processed", 4, "bigint", 8, 0),
               Column("category", 5, "nvarchar", 32, 0),
               Column("processing_order", 6, "int", 4, 0)};
  t.primary_key = {1, 0};
  return t;
}

Record ValidationRecord(absl::Time when, const std::string& table_name, int64_t count,
                        int64_t records_processed, TableCategory category, int processing_order) {
  Record r;
  r.schema = kValidationSchema;
  r.table = kValidationTable;
  r.type = RecordType::kUpsert;
  Value dt;
  dt.type = DataType::kUtcDateTime;
  dt.is_null = false;
  const absl::Duration since = when - absl::UnixEpoch();
  dt.timestamp.seconds = absl::ToInt64Seconds(since);
  dt.timestamp.nanos =
      static_cast<int32_t>(absl::ToInt64Nanoseconds(since - absl::Seconds(dt.timestamp.seconds)));
  Value order;
  order.type = DataType::kInt;
  order.is_null = false;
  order.integer = processing_order;
  r.data = {{"datetime", dt},
            {"tablename", Text(table_name)},
            {"count", Long(count)},
            {"records_processed", Long(records_processed)},
            {"category", Text(std::string(TableCategoryName(category)))},
            {"processing_order", order}};
  return r;
}

}  // namespace ehi::sync
