#include "testing/tester/selection_file.h"

#include "gtest/gtest.h"

namespace tester {
namespace {

namespace v2 = ::fivetran_sdk::v2;

v2::SchemaResponse TwoTables() {
  v2::SchemaResponse response;
  v2::Schema* dbo = response.mutable_with_schema()->add_schemas();
  dbo->set_name("dbo");
  v2::Table* people = dbo->add_tables();
  people->set_name("People");
  v2::Column* id = people->add_columns();
  id->set_name("Id");
  id->set_primary_key(true);
  people->add_columns()->set_name("Ssn");
  people->add_columns()->set_name("Name");
  v2::Table* audit = dbo->add_tables();
  audit->set_name("Audit Log");
  audit->add_columns()->set_name("Line");
  return response;
}

TEST(SelectionFileTest, FirstRunSelectsEverything) {
  std::string text = RenderSelection(TwoTables(), {}, nullptr);
  EXPECT_NE(text.find("[x] schema dbo\n"), std::string::npos);
  EXPECT_NE(text.find("    [x] table People\n"), std::string::npos);
  EXPECT_NE(text.find("        [x] column Ssn\n"), std::string::npos);
  EXPECT_NE(text.find("    [x] table Audit Log\n"), std::string::npos);
  v2::Selection s = BuildSelection(TwoTables(), {});
  ASSERT_EQ(s.with_schema().schemas_size(), 1);
  EXPECT_TRUE(s.with_schema().schemas(0).included());
  EXPECT_TRUE(s.with_schema().schemas(0).tables(1).included());
  EXPECT_TRUE(s.with_schema().schemas(0).tables(0).columns().at("Ssn"));
  EXPECT_TRUE(s.with_schema().include_new_schemas());
}

TEST(SelectionFileTest, EditsSurviveARoundTrip) {
  std::string text = RenderSelection(TwoTables(), {}, nullptr);
  // The user unticks a column and a table.
  text.replace(text.find("[x] column Ssn"), 3, "[ ]");
  text.replace(text.find("[x] table Audit Log"), 3, "[ ]");
  auto marks = ParseSelection(text, "schema_selection.txt");
  ASSERT_TRUE(marks.ok()) << marks.status();

  // The source grows a column; it arrives selected, the edits stay.
  v2::SchemaResponse grown = TwoTables();
  grown.mutable_with_schema()->mutable_schemas(0)->mutable_tables(0)->add_columns()->set_name(
      "Email");
  std::string again = RenderSelection(grown, *marks, nullptr);
  EXPECT_NE(again.find("[ ] column Ssn"), std::string::npos);
  EXPECT_NE(again.find("[ ] table Audit Log"), std::string::npos);
  EXPECT_NE(again.find("[x] column Email"), std::string::npos);

  v2::Selection s = BuildSelection(grown, *marks);
  const v2::SchemaSelection& dbo = s.with_schema().schemas(0);
  EXPECT_FALSE(dbo.tables(0).columns().at("Ssn"));
  EXPECT_TRUE(dbo.tables(0).columns().at("Email"));
  EXPECT_FALSE(dbo.tables(1).included());

  auto tables = SelectedTables(grown, *marks);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].second.name(), "People");
  EXPECT_EQ(tables[0].second.columns_size(), 3);  // Id, Name, Email
}

TEST(SelectionFileTest, PrimaryKeysCannotBeExcluded) {
  std::string text = RenderSelection(TwoTables(), {}, nullptr);
  text.replace(text.find("[x] column Id"), 3, "[ ]");
  auto marks = ParseSelection(text, "f");
  ASSERT_TRUE(marks.ok());
  std::vector<std::string> notes;
  std::string again = RenderSelection(TwoTables(), *marks, &notes);
  EXPECT_NE(again.find("[x] column Id"), std::string::npos);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("People.Id"), std::string::npos);
  EXPECT_TRUE(
      BuildSelection(TwoTables(), *marks).with_schema().schemas(0).tables(0).columns().at("Id"));
}

TEST(SelectionFileTest, ExcludedSchemaExcludesItsTables) {
  auto marks = ParseSelection("[ ] schema dbo\n", "f");
  ASSERT_TRUE(marks.ok());
  EXPECT_TRUE(SelectedTables(TwoTables(), *marks).empty());
  EXPECT_FALSE(BuildSelection(TwoTables(), *marks).with_schema().schemas(0).included());
}

TEST(SelectionFileTest, SourcesWithoutSchemasHaveNoSchemaLines) {
  v2::SchemaResponse response;
  v2::Table* t = response.mutable_without_schema()->add_tables();
  t->set_name("items");
  t->add_columns()->set_name("a");
  std::string text = RenderSelection(response, {}, nullptr);
  EXPECT_EQ(text.find("schema"), text.find("schema selection"));
  EXPECT_NE(text.find("[x] table items\n    [x] column a\n"), std::string::npos);
  text.replace(text.find("[x] column a"), 3, "[ ]");
  auto marks = ParseSelection(text, "f");
  ASSERT_TRUE(marks.ok());
  v2::Selection s = BuildSelection(response, *marks);
  EXPECT_FALSE(s.without_schema().tables(0).columns().at("a"));
}

TEST(SelectionFileTest, BadLinesAreReportedWithTheirNumber) {
  auto bad =
      ParseSelection("# comment\n[x] schema dbo\n  [?] table t\n", "/d/schema_selection.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("/d/schema_selection.txt line 3"), std::string::npos)
      << bad.status();
  bad = ParseSelection("[x] column c\n", "f");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("needs a table"), std::string::npos);
  bad = ParseSelection("[x] tabel t\n", "f");
  EXPECT_NE(bad.status().message().find("unknown kind"), std::string::npos);
  bad = ParseSelection("x table t\n", "f");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace tester
