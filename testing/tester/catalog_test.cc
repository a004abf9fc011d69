#include "testing/tester/catalog.h"

#include <memory>

#include "gtest/gtest.h"

namespace tester {
namespace {

namespace v2 = ::fivetran_sdk::v2;

v2::Table Table(const std::string& name, const std::vector<std::pair<std::string, bool>>& columns) {
  v2::Table t;
  t.set_name(name);
  for (const auto& [column, key] : columns) {
    v2::Column* c = t.add_columns();
    c->set_name(column);
    c->set_type(v2::STRING);
    c->set_primary_key(key);
  }
  return t;
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  std::unique_ptr<Database> db_;
};

TEST_F(CatalogTest, SourceSchemasBecomePrefixedDestinationSchemas) {
  Catalog catalog(db_.get(), "My Warehouse");
  ASSERT_TRUE(catalog.Declare("dbo", Table("PatientDim", {{"Id", true}})).ok());
  ASSERT_TRUE(catalog.Declare("", Table("Loose", {{"Id", true}})).ok());
  auto tables = db_->Query(
      "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY "
      "table_schema) FROM information_schema.tables");
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->Scalar(), "my_warehouse.loose,my_warehouse_dbo.patient_dim");
  auto found = catalog.Find(std::nullopt, "PatientDim");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->QualifiedDestName(), "\"my_warehouse_dbo\".\"patient_dim\"");
  auto comments = db_->Query(
      "SELECT t.comment || ':' || c.comment FROM duckdb_tables() t JOIN duckdb_columns() c "
      "USING (schema_name, table_name) WHERE t.table_name = 'patient_dim' AND "
      "c.column_name = 'id'");
  ASSERT_TRUE(comments.ok()) << comments.status();
  EXPECT_EQ(comments->Scalar(), "dbo.PatientDim:Id");
}

TEST_F(CatalogTest, CollisionsAreErrorsNotMerges) {
  Catalog catalog(db_.get(), "default_schema");
  absl::Status s =
      catalog.Declare("dbo", Table("T", {{"PatientKey", true}, {"patient_key", false}}));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("both normalise to patient_key"), std::string::npos);
  ASSERT_TRUE(catalog.Declare("dbo", Table("OrderLine", {{"a", true}})).ok());
  s = catalog.Declare("dbo", Table("order_line", {{"a", true}}));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("dbo.OrderLine"), std::string::npos) << s;
  ASSERT_TRUE(catalog.Declare("Sales", Table("x", {{"a", true}})).ok());
  s = catalog.Declare("sales", Table("y", {{"a", true}}));
  EXPECT_FALSE(s.ok());
  s = catalog.Declare("dbo", Table("Z", {{"_fivetran_synced", false}}));
  EXPECT_NE(s.message().find("system column"), std::string::npos);
}

TEST_F(CatalogTest, KeylessTablesAreKeyedByFivetranId) {
  Catalog catalog(db_.get(), "default_schema");
  ASSERT_TRUE(catalog.Declare("dbo", Table("Log", {{"Line", false}})).ok());
  auto cols = db_->Query(
      "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
      "information_schema.columns WHERE table_name = 'log'");
  EXPECT_EQ(cols->Scalar(), "line,_fivetran_id,_fivetran_synced,_fivetran_deleted");
  auto key = db_->Query(
      "SELECT constraint_column_names::VARCHAR FROM duckdb_constraints() "
      "WHERE table_name = 'log' AND constraint_type = 'PRIMARY KEY'");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->Scalar(), "[_fivetran_id]");
}

TEST_F(CatalogTest, ALaterRunAddsColumnsAndNeverDrops) {
  {
    Catalog first(db_.get(), "default_schema");
    ASSERT_TRUE(first.Declare("dbo", Table("T", {{"Id", true}, {"Old", false}})).ok());
  }
  Catalog second(db_.get(), "default_schema");
  ASSERT_TRUE(second.Declare("dbo", Table("T", {{"Id", true}, {"New", false}})).ok());
  auto cols = db_->Query(
      "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
      "information_schema.columns WHERE table_name = 't'");
  EXPECT_EQ(cols->Scalar(), "id,old,_fivetran_synced,_fivetran_deleted,new");
  auto found = second.Find(std::string("dbo"), "T");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->columns.size(), 2u);  // what this run declared
}

TEST_F(CatalogTest, UnknownTablesAreNotFound) {
  Catalog catalog(db_.get(), "default_schema");
  auto found = catalog.Find(std::string("dbo"), "Nope");
  EXPECT_TRUE(absl::IsNotFound(found.status()));
  EXPECT_NE(found.status().message().find("dbo.Nope"), std::string::npos);
}

}  // namespace
}  // namespace tester
