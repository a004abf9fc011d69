#include "connector/config.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "connector/config_keys.h"

namespace ehi {
namespace {

// Quotes a value for an error message, shortened; secrets are never shown.
std::string Shown(absl::string_view key, absl::string_view value) {
  const ConfigKey* k = FindConfigKey(key);
  if (k == nullptr || k->secret) return "(value hidden)";
  std::string v(value.substr(0, 64));
  for (char& c : v) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return absl::StrCat("'", v, value.size() > 64 ? "...'" : "'");
}

absl::Status Malformed(absl::string_view key, absl::string_view value, absl::string_view expected) {
  return absl::InvalidArgumentError(absl::StrCat("Configuration key '", key, "' must be ", expected,
                                                 "; got ", Shown(key, value), "."));
}

// The table's row for a key this file reads; a missing row is a bug here.
absl::StatusOr<const ConfigKey*> KeyRow(absl::string_view name) {
  const ConfigKey* k = FindConfigKey(name);
  if (k == nullptr) {
    return absl::InternalError(absl::StrCat("configuration key '", name, "' is not in the table"));
  }
  return k;
}

// Reads the values of one map, each key by its row of kConfigKeys. Every
// setter leaves `out` (Config's default, from the same table) alone when the
// key is absent or empty.
class Reader {
 public:
  explicit Reader(const std::map<std::string, std::string>& values) : values_(values) {}

  // Value with surrounding whitespace removed (never for a password), or
  // nullopt when absent or empty.
  std::optional<std::string> Get(absl::string_view key) const {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    const ConfigKey* k = FindConfigKey(key);
    std::string v = k != nullptr && k->kind == KeyKind::kPassword
                        ? it->second
                        : std::string(absl::StripAsciiWhitespace(it->second));
    if (v.empty()) return std::nullopt;
    return v;
  }

  absl::StatusOr<std::string> Required(absl::string_view key, absl::string_view what) const {
    std::optional<std::string> v = Get(key);
    if (!v) {
      return absl::InvalidArgumentError(
          absl::StrCat("Configuration key '", key, "' is required: ", what, "."));
    }
    return *std::move(v);
  }

  // An integer within the key's bounds; '_' may group digits.
  absl::Status Int(absl::string_view key, int64_t& out) const {
    EHI_ASSIGN_OR_RETURN(const ConfigKey* k, KeyRow(key));
    std::optional<std::string> v = Get(key);
    if (!v) return absl::OkStatus();
    std::string digits = *v;
    digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
    int64_t parsed = 0;
    if (!absl::SimpleAtoi(digits, &parsed) || parsed < k->min || parsed > k->max) {
      return Malformed(key, *v, absl::StrCat("an integer from ", k->min, " to ", k->max));
    }
    out = parsed;
    return absl::OkStatus();
  }

  absl::Status Int(absl::string_view key, int& out) const {
    int64_t wide = out;
    EHI_RETURN_IF_ERROR(Int(key, wide));
    out = static_cast<int>(wide);
    return absl::OkStatus();
  }

  absl::Status Int(absl::string_view key, std::optional<int>& out) const {
    if (!Get(key)) return absl::OkStatus();
    int v = 0;
    EHI_RETURN_IF_ERROR(Int(key, v));
    out = v;
    return absl::OkStatus();
  }

  absl::Status Bool(absl::string_view key, bool& out) const {
    std::optional<std::string> v = Get(key);
    if (!v) return absl::OkStatus();
    const std::string lower = absl::AsciiStrToLower(*v);
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
      out = true;
    } else if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
      out = false;
    } else {
      return Malformed(key, *v, "true or false");
    }
    return absl::OkStatus();
  }

  absl::Status Encryption(absl::string_view key, sqlserver::EncryptionMode& out) const {
    EHI_ASSIGN_OR_RETURN(const ConfigKey* k, KeyRow(key));
    std::optional<std::string> v = Get(key);
    if (!v) return absl::OkStatus();
    std::optional<sqlserver::EncryptionMode> mode = EncryptionModeNamed(absl::AsciiStrToLower(*v));
    if (!mode) return Malformed(key, *v, absl::StrCat("one of ", absl::StrJoin(k->choices, ", ")));
    out = *mode;
    return absl::OkStatus();
  }

 private:
  const std::map<std::string, std::string>& values_;
};

// One warning naming every key the table does not know (never their values).
std::optional<std::string> UnknownKeysWarning(const std::map<std::string, std::string>& values) {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : values) {
    if (!IsKnownConfigKey(key)) unknown.push_back(absl::StrCat("'", key.substr(0, 64), "'"));
  }
  if (unknown.empty()) return std::nullopt;
  return absl::StrCat("Ignoring unknown configuration key", unknown.size() > 1 ? "s " : " ",
                      absl::StrJoin(unknown, ", "), ".");
}

// A host name or IP literal: letters, digits, '.', '-', '_', ':' (IPv6).
// Rejecting everything else keeps it safe to write into freetds.conf.
bool ValidHost(absl::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' &&
        c != ':') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::string_view TableCategoryName(TableCategory c) {
  switch (c) {
    case TableCategory::kSmall:
      return "small";
    case TableCategory::kMedium:
      return "medium";
    case TableCategory::kLarge:
      return "large";
  }
  return "small";
}

TableCategory Config::CategoryFor(int64_t row_count) const {
  if (row_count < small_table_threshold) return TableCategory::kSmall;
  if (row_count < large_table_threshold) return TableCategory::kMedium;
  return TableCategory::kLarge;
}

CategorySettings Config::SettingsFor(TableCategory category) const {
  CategorySettings s = category == TableCategory::kSmall    ? small
                       : category == TableCategory::kMedium ? medium
                                                            : large;
  if (threads) s.readers = *threads;
  if (max_queue_size) s.queue_size = *max_queue_size;
  return s;
}

sqlserver::ConnectionSettings Config::ConnectionSettings() const {
  sqlserver::ConnectionSettings cs;
  cs.host = server;
  cs.port = port;
  cs.database = database;
  cs.user = user;
  cs.password = password;
  cs.encryption = encryption;
  cs.ca_certificate = cert;
  cs.certificate_host_name = cert_server;
  cs.trust_server_certificate = trust_server_certificate;
  cs.login_timeout = absl::Seconds(login_timeout_seconds);
  cs.query_timeout = absl::Seconds(query_timeout_seconds);
  return cs;
}

absl::StatusOr<Config> ParseConfig(const std::map<std::string, std::string>& values) {
  Config c;  // every default, from kConfigKeys
  const Reader r(values);
  if (std::optional<std::string> warning = UnknownKeysWarning(values)) {
    c.warnings.push_back(*std::move(warning));
  }

  EHI_ASSIGN_OR_RETURN(c.server,
                       r.Required("mssql_server", "the SQL Server host name or IP address"));
  if (!ValidHost(c.server)) {
    return Malformed("mssql_server", c.server,
                     "a host name or IP address (letters, digits, '.', '-', ':')");
  }
  EHI_ASSIGN_OR_RETURN(c.database,
                       r.Required("mssql_database", "the name of the database to replicate"));
  if (c.database.size() > 128) {
    return Malformed("mssql_database", c.database, "a database name of at most 128 characters");
  }
  EHI_ASSIGN_OR_RETURN(c.user, r.Required("mssql_user", "the SQL Server login name"));
  if (c.user.size() > 128) {
    return Malformed("mssql_user", c.user, "a login name of at most 128 characters");
  }
  EHI_ASSIGN_OR_RETURN(c.password,
                       r.Required("mssql_password", "the password of the SQL Server login"));
  if (c.password.size() > 128) {
    return Malformed("mssql_password", "", "a password of at most 128 characters");
  }
  EHI_RETURN_IF_ERROR(r.Int("mssql_port", c.port));
  if (std::optional<std::string> v = r.Get("mssql_cert_server")) {
    if (!ValidHost(*v)) return Malformed("mssql_cert_server", *v, "a host name");
    c.cert_server = *std::move(v);
  }
  if (std::optional<std::string> v = r.Get("cert")) c.cert = *std::move(v);
  EHI_RETURN_IF_ERROR(r.Encryption("encryption", c.encryption));
  EHI_RETURN_IF_ERROR(r.Bool("trust_server_certificate", c.trust_server_certificate));
  EHI_RETURN_IF_ERROR(r.Int("login_timeout_seconds", c.login_timeout_seconds));
  EHI_RETURN_IF_ERROR(r.Int("query_timeout_seconds", c.query_timeout_seconds));
  EHI_RETURN_IF_ERROR(r.Int("threads", c.threads));
  EHI_RETURN_IF_ERROR(r.Int("max_queue_size", c.max_queue_size));
  EHI_RETURN_IF_ERROR(r.Int("max_retries", c.max_retries));
  EHI_RETURN_IF_ERROR(r.Int("retry_sleep_seconds", c.retry_sleep_seconds));
  EHI_RETURN_IF_ERROR(r.Bool("debug", c.debug));
  EHI_RETURN_IF_ERROR(r.Bool("batch_records", c.batch_records));

  EHI_ASSIGN_OR_RETURN(c.filter, NameFilter::Create(r.Get("include_schemas").value_or(""),
                                                    r.Get("exclude_schemas").value_or(""),
                                                    r.Get("include_tables").value_or(""),
                                                    r.Get("exclude_tables").value_or("")));

  EHI_RETURN_IF_ERROR(r.Int("small_table_threshold", c.small_table_threshold));
  EHI_RETURN_IF_ERROR(r.Int("large_table_threshold", c.large_table_threshold));
  if (c.large_table_threshold <= c.small_table_threshold) {
    return absl::InvalidArgumentError(
        absl::StrCat("Configuration key 'large_table_threshold' must be greater than "
                     "'small_table_threshold' (",
                     c.small_table_threshold, "); got ", c.large_table_threshold, "."));
  }
  CategorySettings* const settings[] = {&c.small, &c.medium, &c.large};
  static_assert(std::size(settings) == std::size(kCategoryKeys));
  for (size_t i = 0; i < std::size(kCategoryKeys); ++i) {
    EHI_RETURN_IF_ERROR(r.Int(kCategoryKeys[i].batch_size, settings[i]->batch_size));
    EHI_RETURN_IF_ERROR(r.Int(kCategoryKeys[i].checkpoint_rows, settings[i]->checkpoint_rows));
  }
  EHI_RETURN_IF_ERROR(r.Int("checkpoint_max_seconds", c.checkpoint_max_seconds));
  EHI_RETURN_IF_ERROR(r.Int("incremental_overlap_seconds", c.incremental_overlap_seconds));
  return c;
}

}  // namespace ehi
