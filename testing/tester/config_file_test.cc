#include "testing/tester/config_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace tester {
namespace {

namespace v2 = ::fivetran_sdk::v2;

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/config-test-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    path_ = dir_ + "/configuration.json";
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  std::string dir_, path_;
};

TEST_F(ConfigFileTest, ReadsStringsAndScalars) {
  Write(R"({"host":"db","port":1433,"tls":true,"unused":null})");
  auto config = ReadConfigurationFile(path_);
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_TRUE(config->has_value());
  EXPECT_EQ((**config).at("host"), "db");
  EXPECT_EQ((**config).at("port"), "1433");
  EXPECT_EQ((**config).at("tls"), "true");
  EXPECT_EQ((**config).count("unused"), 0u);
}

TEST_F(ConfigFileTest, MissingFileIsNotAnError) {
  auto config = ReadConfigurationFile(path_);
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->has_value());
}

TEST_F(ConfigFileTest, MalformedFilesNameTheFileAndProblem) {
  Write("{\"host\": ");
  auto bad = ReadConfigurationFile(path_);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(path_), std::string::npos);
  EXPECT_NE(bad.status().message().find("not valid JSON"), std::string::npos);

  Write("[1,2]");
  bad = ReadConfigurationFile(path_);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("JSON object"), std::string::npos);

  Write(R"({"host":{"nested":1}})");
  bad = ReadConfigurationFile(path_);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"host\""), std::string::npos);
}

TEST_F(ConfigFileTest, MissingRequiredFieldsFollowConditions) {
  v2::ConfigurationFormResponse form;
  v2::FormField* host = form.add_fields();
  host->set_name("host");
  host->set_label("Host");
  host->set_required(true);
  v2::FormField* note = form.add_fields();
  note->set_name("note");
  note->set_label("Note");
  v2::FormField* cond = form.add_fields();
  cond->mutable_conditional_fields()->mutable_condition()->set_condition_field("tls");
  cond->mutable_conditional_fields()->mutable_condition()->set_bool_value(true);
  v2::FormField* cert = cond->mutable_conditional_fields()->add_fields();
  cert->set_name("cert");
  cert->set_label("Certificate");
  cert->set_required(true);

  EXPECT_EQ(MissingRequiredFields(form, {}), std::vector<std::string>{"host (Host)"});
  EXPECT_EQ(MissingRequiredFields(form, {{"host", "h"}, {"tls", "true"}}),
            std::vector<std::string>{"cert (Certificate)"});
  EXPECT_TRUE(MissingRequiredFields(form, {{"host", "h"}, {"tls", "false"}}).empty());
}

TEST_F(ConfigFileTest, PromptsReadAnswersAndDefaults) {
  v2::ConfigurationFormResponse form;
  v2::FormField* host = form.add_fields();
  host->set_name("host");
  host->set_label("Host");
  host->set_required(true);
  v2::FormField* port = form.add_fields();
  port->set_name("port");
  port->set_label("Port");
  port->set_default_value("1433");
  std::FILE* in = std::tmpfile();
  std::fputs("db.example\n\n", in);
  std::rewind(in);
  std::FILE* out = std::tmpfile();
  auto config = PromptForConfiguration(form, in, out);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->at("host"), "db.example");
  EXPECT_EQ(config->at("port"), "1433");
  ASSERT_TRUE(WriteConfigurationFile(path_, *config).ok());
  auto reread = ReadConfigurationFile(path_);
  ASSERT_TRUE(reread.ok());
  EXPECT_EQ(**reread, *config);
  std::fclose(in);
  std::fclose(out);
}

}  // namespace
}  // namespace tester
