#include "server/proto_convert.h"

#include "gtest/gtest.h"

namespace ehi::server {
namespace {

namespace v2 = fivetran_sdk::v2;

TEST(ProtoConvertTest, FormHasWidgets) {
  v2::ConfigurationFormResponse r;
  FillConfigurationForm(ConnectorForm(), &r);
  EXPECT_TRUE(r.schema_selection_supported());
  EXPECT_TRUE(r.table_selection_supported());
  ASSERT_EQ(r.tests_size(), 2);
  bool saw_password = false, saw_dropdown = false, saw_toggle = false;
  for (const v2::FormField& f : r.fields()) {
    if (f.name() == "mssql_password") {
      saw_password = f.has_text_field() && f.text_field() == v2::Password && f.required();
    }
    if (f.name() == "encryption") {
      saw_dropdown = f.has_dropdown_field() && f.dropdown_field().dropdown_field_size() == 3 &&
                     f.default_value() == "required";
    }
    if (f.name() == "debug") saw_toggle = f.has_toggle_field();
  }
  EXPECT_TRUE(saw_password);
  EXPECT_TRUE(saw_dropdown);
  EXPECT_TRUE(saw_toggle);
}

TEST(ProtoConvertTest, DataTypesMirrorTheProto) {
  EXPECT_EQ(ToProtoDataType(DataType::kBoolean), v2::BOOLEAN);
  EXPECT_EQ(ToProtoDataType(DataType::kShort), v2::SHORT);
  EXPECT_EQ(ToProtoDataType(DataType::kInt), v2::INT);
  EXPECT_EQ(ToProtoDataType(DataType::kLong), v2::LONG);
  EXPECT_EQ(ToProtoDataType(DataType::kDecimal), v2::DECIMAL);
  EXPECT_EQ(ToProtoDataType(DataType::kFloat), v2::FLOAT);
  EXPECT_EQ(ToProtoDataType(DataType::kDouble), v2::DOUBLE);
  EXPECT_EQ(ToProtoDataType(DataType::kNaiveDate), v2::NAIVE_DATE);
  EXPECT_EQ(ToProtoDataType(DataType::kNaiveDateTime), v2::NAIVE_DATETIME);
  EXPECT_EQ(ToProtoDataType(DataType::kUtcDateTime), v2::UTC_DATETIME);
  EXPECT_EQ(ToProtoDataType(DataType::kBinary), v2::BINARY);
  EXPECT_EQ(ToProtoDataType(DataType::kXml), v2::XML);
  EXPECT_EQ(ToProtoDataType(DataType::kString), v2::STRING);
  EXPECT_EQ(ToProtoDataType(DataType::kJson), v2::JSON);
  EXPECT_EQ(ToProtoDataType(DataType::kNaiveTime), v2::NAIVE_TIME);
}

TEST(ProtoConvertTest, SchemaListGroupsBySchema) {
  Catalog catalog;
  auto table = [](std::string schema, std::string name) {
    TableInfo t;
    t.schema = std::move(schema);
    t.name = std::move(name);
    ColumnInfo id;
    id.name = "Id";
    id.sql_type = {"int", 4, 10, 0};
    id.mapped = MapSqlServerType(id.sql_type);
    id.key_ordinal = 1;
    ColumnInfo amount;
    amount.name = "Amount";
    amount.sql_type = {"decimal", 9, 18, 2};
    amount.mapped = MapSqlServerType(amount.sql_type);
    ColumnInfo name_col;
    name_col.name = "Name";
    name_col.sql_type = {"nvarchar", 100, 0, 0};
    name_col.mapped = MapSqlServerType(name_col.sql_type);
    t.columns = {id, amount, name_col};
    t.primary_key = {0};
    return t;
  };
  catalog.tables = {table("a", "T1"), table("a", "T2"), table("b", "T3")};
  v2::SchemaList list;
  FillSchemaList(catalog, &list);
  ASSERT_EQ(list.schemas_size(), 2);
  EXPECT_EQ(list.schemas(0).name(), "a");
  EXPECT_EQ(list.schemas(0).tables_size(), 2);
  EXPECT_EQ(list.schemas(1).tables(0).name(), "T3");
  const v2::Table& t = list.schemas(0).tables(0);
  ASSERT_EQ(t.columns_size(), 3);
  EXPECT_TRUE(t.columns(0).primary_key());
  EXPECT_EQ(t.columns(0).type(), v2::INT);
  EXPECT_FALSE(t.columns(0).has_params());
  EXPECT_EQ(t.columns(1).type(), v2::DECIMAL);
  EXPECT_EQ(t.columns(1).params().decimal().precision(), 18u);
  EXPECT_EQ(t.columns(1).params().decimal().scale(), 2u);
  EXPECT_FALSE(t.columns(1).primary_key());
  EXPECT_EQ(t.columns(2).params().string_byte_length(), 150);
}

}  // namespace
}  // namespace ehi::server
