#include "connector/config.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connector/form.h"

namespace ehi {
namespace {

// Keys whose values are secrets: never quoted back in messages.
bool IsSecretKey(absl::string_view key) { return key == "mssql_password" || key == "cert"; }

// Quotes a value for an error message, shortened; secrets are never shown.
std::string Shown(absl::string_view key, absl::string_view value) {
  if (IsSecretKey(key)) return "(value hidden)";
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

class Reader {
 public:
  explicit Reader(const std::map<std::string, std::string>& values) : values_(values) {}

  // Value with surrounding whitespace removed (never for the password), or
  // nullopt when absent or empty.
  std::optional<std::string> Get(absl::string_view key) const {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    std::string v =
        key == "mssql_password" ? it->second : std::string(absl::StripAsciiWhitespace(it->second));
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

  absl::Status Int(absl::string_view key, int64_t min, int64_t max, int64_t& out) const {
    std::optional<std::string> v = Get(key);
    if (!v) return absl::OkStatus();
    std::string digits = *v;
    digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
    int64_t parsed = 0;
    if (!absl::SimpleAtoi(digits, &parsed) || parsed < min || parsed > max) {
      return Malformed(key, *v, absl::StrCat("an integer from ", min, " to ", max));
    }
    out = parsed;
    return absl::OkStatus();
  }

  absl::Status Int(absl::string_view key, int min, int max, int& out) const {
    int64_t wide = out;
    absl::Status s = Int(key, int64_t{min}, int64_t{max}, wide);
    out = static_cast<int>(wide);
    return s;
  }

  absl::Status OptionalInt(absl::string_view key, int min, int max, std::optional<int>& out) const {
    if (!Get(key)) return absl::OkStatus();
    int v = 0;
    absl::Status s = Int(key, min, max, v);
    if (s.ok()) out = v;
    return s;
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

 private:
  const std::map<std::string, std::string>& values_;
};

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
  Config c;
  Reader r(values);

  std::vector<std::string> unknown;
  for (const auto& [key, value] : values) {
    if (!IsKnownConfigKey(key)) unknown.push_back(key);
  }
  if (!unknown.empty()) {
    std::vector<std::string> shown;
    for (const std::string& k : unknown) shown.push_back(absl::StrCat("'", k.substr(0, 64), "'"));
    c.warnings.push_back(absl::StrCat("Ignoring unknown configuration key",
                                      unknown.size() > 1 ? "s " : " ", absl::StrJoin(shown, ", "),
                                      "."));
  }

  {
    auto v = r.Required("mssql_server", "the SQL Server host name or IP address");
    if (!v.ok()) return v.status();
    c.server = *v;
    if (!ValidHost(c.server)) {
      return Malformed("mssql_server", c.server,
                       "a host name or IP address (letters, digits, '.', '-', ':')");
    }
  }
  {
    auto v = r.Required("mssql_database", "the name of the database to replicate");
    if (!v.ok()) return v.status();
    c.database = *v;
    if (c.database.size() > 128) {
      return Malformed("mssql_database", c.database, "a database name of at most 128 characters");
    }
  }
  {
    auto v = r.Required("mssql_user", "the SQL Server login name");
    if (!v.ok()) return v.status();
    c.user = *v;
    if (c.user.size() > 128) {
      return Malformed("mssql_user", c.user, "a login name of at most 128 characters");
    }
  }
  {
    auto v = r.Required("mssql_password", "the password of the SQL Server login");
    if (!v.ok()) return v.status();
    c.password = *v;
    if (c.password.size() > 128) {
      return Malformed("mssql_password", "", "a password of at most 128 characters");
    }
  }
  absl::Status s;
  if (!(s = r.Int("mssql_port", 1, 65535, c.port)).ok()) return s;
  if (auto v = r.Get("mssql_cert_server")) {
    if (!ValidHost(*v)) return Malformed("mssql_cert_server", *v, "a host name");
    c.cert_server = *v;
  }
  if (auto v = r.Get("cert")) c.cert = *v;
  if (auto v = r.Get("encryption")) {
    const std::string lower = absl::AsciiStrToLower(*v);
    if (lower == "required" || lower == "require") {
      c.encryption = sqlserver::EncryptionMode::kRequired;
    } else if (lower == "preferred" || lower == "prefer") {
      c.encryption = sqlserver::EncryptionMode::kPreferred;
    } else if (lower == "off") {
      c.encryption = sqlserver::EncryptionMode::kOff;
    } else {
      return Malformed("encryption", *v, "one of required, preferred, off");
    }
  }
  if (!(s = r.Bool("trust_server_certificate", c.trust_server_certificate)).ok()) return s;
  if (!(s = r.Int("login_timeout_seconds", 1, 600, c.login_timeout_seconds)).ok()) return s;
  if (!(s = r.Int("query_timeout_seconds", 0, 86400, c.query_timeout_seconds)).ok()) return s;
  if (!(s = r.OptionalInt("threads", 1, kMaxThreads, c.threads)).ok()) return s;
  if (!(s = r.OptionalInt("max_queue_size", 1, 1'000'000, c.max_queue_size)).ok()) return s;
  if (!(s = r.Int("max_retries", 0, 100, c.max_retries)).ok()) return s;
  if (!(s = r.Int("retry_sleep_seconds", 0, 3600, c.retry_sleep_seconds)).ok()) return s;
  if (!(s = r.Bool("debug", c.debug)).ok()) return s;
  if (!(s = r.Bool("batch_records", c.batch_records)).ok()) return s;

  auto filter = NameFilter::Create(
      r.Get("include_schemas").value_or(""), r.Get("exclude_schemas").value_or(""),
      r.Get("include_tables").value_or(""), r.Get("exclude_tables").value_or(""));
  if (!filter.ok()) return filter.status();
  c.filter = *std::move(filter);

  constexpr int64_t kMaxRows = std::numeric_limits<int64_t>::max() / 2;
  if (!(s = r.Int("small_table_threshold", int64_t{1}, kMaxRows, c.small_table_threshold)).ok()) {
    return s;
  }
  if (!(s = r.Int("large_table_threshold", int64_t{1}, kMaxRows, c.large_table_threshold)).ok()) {
    return s;
  }
  if (c.large_table_threshold <= c.small_table_threshold) {
    return absl::InvalidArgumentError(
        absl::StrCat("Configuration key 'large_table_threshold' must be greater than "
                     "'small_table_threshold' (",
                     c.small_table_threshold, "); got ", c.large_table_threshold, "."));
  }
  struct CategoryKeys {
    const char* suffix;
    CategorySettings* settings;
  };
  for (const CategoryKeys& k : {CategoryKeys{"small", &c.small}, CategoryKeys{"medium", &c.medium},
                                CategoryKeys{"large", &c.large}}) {
    if (!(s = r.Int(absl::StrCat("batch_size_", k.suffix), 1, 1'000'000, k.settings->batch_size))
             .ok()) {
      return s;
    }
    if (!(s = r.Int(absl::StrCat("checkpoint_rows_", k.suffix), int64_t{1}, int64_t{1'000'000'000},
                    k.settings->checkpoint_rows))
             .ok()) {
      return s;
    }
  }
  if (!(s = r.Int("checkpoint_max_seconds", 1, 3600, c.checkpoint_max_seconds)).ok()) return s;
  if (!(s = r.Int("incremental_overlap_seconds", 0, 7 * 86400, c.incremental_overlap_seconds))
           .ok()) {
    return s;
  }
  return c;
}

}  // namespace ehi
