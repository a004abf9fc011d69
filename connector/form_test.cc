#include "connector/form.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace ehi {
namespace {

const FormFieldSpec* Find(const std::string& name) {
  for (const FormFieldSpec& f : ConnectorForm().fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST(FormTest, HasEverySeedKeyAndTheExtras) {
  for (const char* key : {"mssql_server",
                          "mssql_cert_server",
                          "mssql_port",
                          "mssql_database",
                          "mssql_user",
                          "mssql_password",
                          "cert",
                          "threads",
                          "max_queue_size",
                          "max_retries",
                          "retry_sleep_seconds",
                          "debug",
                          "encryption",
                          "trust_server_certificate",
                          "include_schemas",
                          "exclude_schemas",
                          "include_tables",
                          "exclude_tables",
                          "small_table_threshold",
                          "large_table_threshold",
                          "batch_records"}) {
    const FormFieldSpec* f = Find(key);
    ASSERT_NE(f, nullptr) << key;
    EXPECT_FALSE(f->label.empty()) << key;
    EXPECT_FALSE(f->description.empty()) << key;
    EXPECT_TRUE(IsKnownConfigKey(key));
  }
  EXPECT_FALSE(IsKnownConfigKey("colour"));
}

TEST(FormTest, WidgetsAndRequiredFlags) {
  EXPECT_EQ(Find("mssql_password")->kind, FieldKind::kPassword);
  EXPECT_TRUE(Find("mssql_password")->required);
  EXPECT_TRUE(Find("mssql_server")->required);
  EXPECT_TRUE(Find("mssql_database")->required);
  EXPECT_TRUE(Find("mssql_user")->required);
  EXPECT_FALSE(Find("mssql_port")->required);
  EXPECT_EQ(Find("debug")->kind, FieldKind::kToggle);
  EXPECT_EQ(Find("trust_server_certificate")->kind, FieldKind::kToggle);
  EXPECT_EQ(Find("batch_records")->kind, FieldKind::kToggle);
  const FormFieldSpec* enc = Find("encryption");
  EXPECT_EQ(enc->kind, FieldKind::kDropdown);
  EXPECT_EQ(enc->dropdown_values, (std::vector<std::string>{"required", "preferred", "off"}));
  EXPECT_EQ(enc->default_value, "required");
}

TEST(FormTest, NamesAreUniqueAndTestsOffered) {
  std::set<std::string> names;
  for (const FormFieldSpec& f : ConnectorForm().fields) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
  }
  ASSERT_EQ(ConnectorForm().tests.size(), 2u);
  EXPECT_EQ(ConnectorForm().tests[0].name, "connect");
  EXPECT_EQ(ConnectorForm().tests[1].name, "permissions");
  EXPECT_TRUE(ConnectorForm().schema_selection_supported);
  EXPECT_TRUE(ConnectorForm().table_selection_supported);
}

}  // namespace
}  // namespace ehi
