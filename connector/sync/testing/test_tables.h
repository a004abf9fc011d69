// Helpers for the engine's unit tests: table definitions and values.
#ifndef EHI_CONNECTOR_SYNC_TESTING_TEST_TABLES_H_
#define EHI_CONNECTOR_SYNC_TESTING_TEST_TABLES_H_

#include <string>
#include <vector>

#include "connector/catalog.h"
#include "connector/value.h"

namespace ehi::sync::testing {

inline ColumnInfo Col(const std::string& name, const std::string& type, int key = 0,
                      bool desc = false) {
  ColumnInfo c;
  c.name = name;
  c.sql_type.type_name = type;
  c.sql_type.max_length = type == "nvarchar" ? 200 : 8;
  if (type == "datetime2") c.sql_type.scale = 7;
  if (type == "decimal") {
    c.sql_type.precision = 18;
    c.sql_type.scale = 2;
  }
  c.mapped = MapSqlServerType(c.sql_type);
  c.key_ordinal = key;
  c.descending = desc;
  c.nullable = key == 0;
  return c;
}

inline TableInfo Table(const std::string& schema, const std::string& name,
                       std::vector<ColumnInfo> cols) {
  TableInfo t;
  t.schema = schema;
  t.name = name;
  t.columns = std::move(cols);
  for (int k = 1;; ++k) {
    bool found = false;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      t.columns[i].column_id = static_cast<int>(i) + 1;
      if (t.columns[i].key_ordinal == k) {
        t.primary_key.push_back(static_cast<int>(i));
        found = true;
      }
    }
    if (!found) break;
  }
  return t;
}

inline Value Int(int64_t v, DataType type = DataType::kInt) {
  Value x;
  x.type = type;
  x.is_null = false;
  x.integer = v;
  return x;
}
inline Value Str(const std::string& s, DataType type = DataType::kString) {
  Value x;
  x.type = type;
  x.is_null = false;
  x.text = s;
  return x;
}
inline Value Bit(bool b) {
  Value x;
  x.type = DataType::kBoolean;
  x.is_null = false;
  x.boolean = b;
  return x;
}
inline Value Time(int64_t seconds, int32_t nanos = 0) {
  Value x;
  x.type = DataType::kNaiveDateTime;
  x.is_null = false;
  x.timestamp = {seconds, nanos};
  return x;
}

}  // namespace ehi::sync::testing

#endif  // EHI_CONNECTOR_SYNC_TESTING_TEST_TABLES_H_
