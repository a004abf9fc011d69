#include "connector/config_keys.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "connector/config.h"
#include "connector/form.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ehi {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::map<std::string, std::string> RequiredOnly() {
  return {{"mssql_server", "db.example.org"},
          {"mssql_database", "Caboodle"},
          {"mssql_user", "reader"},
          {"mssql_password", "pw"}};
}

// Every field of a Config, as text, to tell whether a key changed anything.
std::string Describe(const Config& c) {
  std::vector<std::string> parts = {c.server,
                                    absl::StrCat(c.port),
                                    c.cert_server,
                                    c.database,
                                    c.user,
                                    c.password,
                                    c.cert,
                                    absl::StrCat(static_cast<int>(c.encryption)),
                                    absl::StrCat(c.trust_server_certificate),
                                    absl::StrCat(c.login_timeout_seconds),
                                    absl::StrCat(c.query_timeout_seconds),
                                    absl::StrCat(c.max_retries),
                                    absl::StrCat(c.retry_sleep_seconds),
                                    absl::StrCat(c.debug),
                                    absl::StrCat(c.filter.empty()),
                                    absl::StrCat(c.small_table_threshold),
                                    absl::StrCat(c.large_table_threshold),
                                    c.threads ? absl::StrCat(*c.threads) : "-",
                                    c.max_queue_size ? absl::StrCat(*c.max_queue_size) : "-",
                                    absl::StrCat(c.checkpoint_max_seconds),
                                    absl::StrCat(c.incremental_overlap_seconds),
                                    absl::StrCat(c.batch_records)};
  for (const CategorySettings* s : {&c.small, &c.medium, &c.large}) {
    parts.push_back(
        absl::StrCat(s->batch_size, "/", s->checkpoint_rows, "/", s->readers, "/", s->queue_size));
  }
  return absl::StrJoin(parts, "|");
}

// A valid value other than the key's default.
std::string OtherValue(const ConfigKey& k) {
  switch (k.kind) {
    case KeyKind::kToggle:
      return k.default_value == "true" ? "false" : "true";
    case KeyKind::kDropdown:
      for (absl::string_view choice : k.choices) {
        if (choice != k.default_value) return std::string(choice);
      }
      return "";
    case KeyKind::kInteger:
      if (k.default_value.empty()) return absl::StrCat(k.min);
      return absl::StrCat(Int64Default(k.name) + (Int64Default(k.name) < k.max ? 1 : -1));
    case KeyKind::kText:
    case KeyKind::kPassword:
      return "other.example.org";
  }
  return "";
}

TEST(ConfigKeysTest, DefaultConfigIsTheConfigOfRequiredKeysOnly) {
  absl::StatusOr<Config> parsed = ParseConfig(RequiredOnly());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  Config expected;
  expected.server = "db.example.org";
  expected.database = "Caboodle";
  expected.user = "reader";
  expected.password = "pw";
  EXPECT_EQ(Describe(*parsed), Describe(expected));
}

TEST(ConfigKeysTest, RequiredFlagsAreWhatTheParserRequires) {
  std::set<std::string> required;
  for (const ConfigKey& k : kConfigKeys) {
    if (k.required) required.insert(std::string(k.name));
  }
  std::set<std::string> minimal;
  for (const auto& [key, value] : RequiredOnly()) minimal.insert(key);
  EXPECT_EQ(required, minimal);
  for (const std::string& key : required) {
    auto values = RequiredOnly();
    values.erase(key);
    absl::StatusOr<Config> c = ParseConfig(values);
    ASSERT_FALSE(c.ok()) << key;
    EXPECT_THAT(c.status().message(), HasSubstr(absl::StrCat("'", key, "' is required")));
  }
}

TEST(ConfigKeysTest, EveryKeyReachesTheConfig) {
  const std::string defaults = Describe(*ParseConfig(RequiredOnly()));
  for (const ConfigKey& k : kConfigKeys) {
    auto values = RequiredOnly();
    values[std::string(k.name)] = OtherValue(k);
    absl::StatusOr<Config> c = ParseConfig(values);
    ASSERT_TRUE(c.ok()) << k.name << ": " << c.status();
    EXPECT_TRUE(c->warnings.empty()) << k.name;
    EXPECT_NE(Describe(*c), defaults) << k.name << "=" << values[std::string(k.name)];
  }
}

TEST(ConfigKeysTest, IntegerKeysAreBoundedByTheTable) {
  for (const ConfigKey& k : kConfigKeys) {
    if (k.kind != KeyKind::kInteger) continue;
    const std::string expected = absl::StrCat("an integer from ", k.min, " to ", k.max);
    for (int64_t outside : {k.min - 1, k.max + 1}) {
      auto values = RequiredOnly();
      values[std::string(k.name)] = absl::StrCat(outside);
      absl::StatusOr<Config> c = ParseConfig(values);
      ASSERT_FALSE(c.ok()) << k.name << "=" << outside;
      EXPECT_THAT(c.status().message(), HasSubstr(expected)) << k.name;
    }
    for (int64_t inside : {k.min, k.max}) {
      auto values = RequiredOnly();
      values[std::string(k.name)] = absl::StrCat(inside);
      // The thresholds must also stay ordered; only the bounds matter here.
      if (k.name == "small_table_threshold") values["large_table_threshold"] = "1";
      absl::StatusOr<Config> c = ParseConfig(values);
      if (!c.ok()) {
        EXPECT_THAT(c.status().message(), Not(HasSubstr(expected))) << k.name << "=" << inside;
      }
    }
  }
}

TEST(ConfigKeysTest, TogglesAndDropdownsAcceptExactlyTheirValues) {
  for (const ConfigKey& k : kConfigKeys) {
    if (k.kind != KeyKind::kToggle && k.kind != KeyKind::kDropdown) continue;
    auto values = RequiredOnly();
    values[std::string(k.name)] = "maybe";
    EXPECT_FALSE(ParseConfig(values).ok()) << k.name;
    for (absl::string_view choice : k.choices) {
      values[std::string(k.name)] = std::string(choice);
      EXPECT_TRUE(ParseConfig(values).ok()) << k.name << "=" << choice;
    }
  }
}

TEST(ConfigKeysTest, DescriptionsQuoteTheTablesNumbers) {
  const ConfigKey& threads = *FindConfigKey("threads");
  EXPECT_THAT(threads.description, HasSubstr(absl::StrCat(threads.min, " to ", threads.max)));
  EXPECT_THAT(threads.description,
              HasSubstr(absl::StrCat(threads.by_category[0], " for small, ", threads.by_category[1],
                                     " for medium, ", threads.by_category[2], " for large")));
  EXPECT_EQ(kMaxThreads, threads.max);
}

TEST(ConfigKeysTest, FormHasEveryKeyInTableOrder) {
  const FormSpec& form = ConnectorForm();
  ASSERT_EQ(form.fields.size(), std::size(kConfigKeys));
  for (size_t i = 0; i < form.fields.size(); ++i) {
    EXPECT_EQ(form.fields[i].name, kConfigKeys[i].name);
    EXPECT_EQ(form.fields[i].default_value, kConfigKeys[i].default_value);
    EXPECT_TRUE(IsKnownConfigKey(kConfigKeys[i].name));
  }
}

// --- README.md's Configuration table ------------------------------------

struct ReadmeRow {
  std::vector<std::string> keys;
  std::string required;
  std::string default_cell;
};

std::string Unquoted(absl::string_view s) {
  return absl::StrReplaceAll(absl::StripAsciiWhitespace(s), {{"`", ""}});
}

// Rows of the table under "## Configuration". A key cell names one or more
// keys in backticks; `_medium` after `batch_size_small` is batch_size_medium.
std::vector<ReadmeRow> ReadmeConfigurationRows(const std::string& readme) {
  std::vector<ReadmeRow> rows;
  const size_t start = readme.find("\n## Configuration\n");
  if (start == std::string::npos) return rows;
  const size_t end = readme.find("\n## ", start + 1);
  const std::string section = readme.substr(start, end - start);
  for (absl::string_view line : absl::StrSplit(section, '\n')) {
    if (!absl::StartsWith(line, "| `")) continue;
    const std::string escaped = absl::StrReplaceAll(line, {{"\\|", "\x01"}});
    std::vector<std::string> cells = absl::StrSplit(escaped, '|');
    if (cells.size() < 5) continue;
    ReadmeRow row;
    std::vector<std::string> ticks = absl::StrSplit(cells[1], '`');
    for (size_t i = 1; i < ticks.size(); i += 2) {
      std::string key = ticks[i];
      if (absl::StartsWith(key, "_") && !row.keys.empty()) {
        const std::string& first = row.keys.front();
        key = first.substr(0, first.rfind('_')) + key;
      }
      row.keys.push_back(key);
    }
    row.required = std::string(absl::StripAsciiWhitespace(cells[2]));
    row.default_cell = std::string(absl::StripAsciiWhitespace(cells[3]));
    rows.push_back(std::move(row));
  }
  return rows;
}

// What README's default column should say for a key.
std::string DocumentedDefault(const ConfigKey& k) {
  if (!k.default_value.empty()) return std::string(k.default_value);
  return std::string(k.when_empty);
}

TEST(ConfigKeysTest, ReadmeConfigurationTableAgrees) {
  const std::string path = std::string(EHI_SOURCE_DIR) + "/README.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<ReadmeRow> rows = ReadmeConfigurationRows(text.str());
  ASSERT_FALSE(rows.empty()) << "no table under ## Configuration in " << path;

  std::set<std::string> documented;
  for (const ReadmeRow& row : rows) {
    ASSERT_FALSE(row.keys.empty());
    std::vector<std::string> parts = absl::StrSplit(row.default_cell, " / ");
    for (size_t i = 0; i < row.keys.size(); ++i) {
      const std::string& name = row.keys[i];
      SCOPED_TRACE(name);
      EXPECT_TRUE(documented.insert(name).second) << "documented twice";
      const ConfigKey* k = FindConfigKey(name);
      ASSERT_NE(k, nullptr) << "README documents a key the table does not have";
      EXPECT_EQ(row.required == "yes", k->required) << "required column";
      if (k->HasCategoryDefaults()) {
        ASSERT_EQ(row.keys.size(), 1u) << "a per-category default needs its own row";
        EXPECT_EQ(row.default_cell,
                  absl::StrCat(absl::StrJoin(k->by_category, " / "), " by category"));
        continue;
      }
      ASSERT_TRUE(parts.size() == row.keys.size() || parts.size() == 1)
          << "default column '" << row.default_cell << "' does not match " << row.keys.size()
          << " keys";
      EXPECT_EQ(Unquoted(parts.size() == 1 ? parts[0] : parts[i]), DocumentedDefault(*k));
    }
  }
  for (const ConfigKey& k : kConfigKeys) {
    EXPECT_TRUE(documented.count(std::string(k.name))) << k.name << " is missing from README.md";
  }
}

}  // namespace
}  // namespace ehi
