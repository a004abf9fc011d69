// The connector's configuration: one typed, validated struct parsed once from
// the orchestrator's map<string,string>.
//
//   EHI_ASSIGN_OR_RETURN(Config config, ParseConfig(request_map));
//   for (const std::string& w : config.warnings) LogWarning(w);
//   sqlserver::ConnectionSettings cs = config.ConnectionSettings();
//
// The keys, their defaults, bounds, labels and descriptions are the table in
// config_keys.h; Config's member defaults are read from it at compile time,
// so a default-constructed Config is the configuration of an empty map.
// Empty values count as absent (orchestrators send "" for untouched fields).
// Errors are INVALID_ARGUMENT naming the key and what was expected; the values
// of secret keys (mssql_password, cert) never appear in any message.
//
// Thread-safe: ParseConfig is pure; a Config is an immutable value.
#ifndef EHI_CONNECTOR_CONFIG_H_
#define EHI_CONNECTOR_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/config_keys.h"
#include "connector/name_filter.h"
#include "connector/sqlserver/connection_settings.h"

namespace ehi {

// Size categories of tables (by row count), in processing order.
enum class TableCategory { kSmall = 0, kMedium = 1, kLarge = 2 };
absl::string_view TableCategoryName(TableCategory c);  // "small", ...

// Per-category sync parameters. Defaults follow the original connector.
struct CategorySettings {
  int batch_size = 0;           // rows fetched per keyset round
  int64_t checkpoint_rows = 0;  // checkpoint at least every N rows
  int readers = 1;              // parallel readers (threads overrides)
  int queue_size = 1000;        // bounded queue (max_queue_size overrides)
};

// The per-category keys of each TableCategory, in category order.
struct CategoryKeys {
  absl::string_view batch_size;
  absl::string_view checkpoint_rows;
};
inline constexpr CategoryKeys kCategoryKeys[] = {
    {"batch_size_small", "checkpoint_rows_small"},
    {"batch_size_medium", "checkpoint_rows_medium"},
    {"batch_size_large", "checkpoint_rows_large"},
};

// A category's defaults, from the key table (threads and max_queue_size
// give readers and queue_size per category).
constexpr CategorySettings DefaultCategorySettings(TableCategory category) {
  const size_t i = static_cast<size_t>(category);
  CategorySettings s;
  s.batch_size = IntDefault(kCategoryKeys[i].batch_size);
  s.checkpoint_rows = Int64Default(kCategoryKeys[i].checkpoint_rows);
  s.readers = CategoryDefault("threads", i);
  s.queue_size = CategoryDefault("max_queue_size", i);
  return s;
}

// The encryption key's values ("require" and "prefer" are accepted too),
// lower case; nullopt for anything else.
constexpr std::optional<sqlserver::EncryptionMode> EncryptionModeNamed(absl::string_view lower) {
  if (lower == "required" || lower == "require") return sqlserver::EncryptionMode::kRequired;
  if (lower == "preferred" || lower == "prefer") return sqlserver::EncryptionMode::kPreferred;
  if (lower == "off") return sqlserver::EncryptionMode::kOff;
  return std::nullopt;
}

constexpr sqlserver::EncryptionMode DefaultEncryptionMode() {
  const std::optional<sqlserver::EncryptionMode> mode =
      EncryptionModeNamed(DropdownDefault("encryption"));
  if (!mode) config_keys_internal::BadKeyUse("encryption", "has a default that is not a mode");
  return *mode;
}

template <TableCategory kCategory>
inline constexpr CategorySettings kDefaultCategorySettings = DefaultCategorySettings(kCategory);

// Documented upper bound for `threads` (parallel readers per table).
inline constexpr int kMaxThreads = static_cast<int>(FindConfigKey("threads")->max);

// Every default below comes from kConfigKeys (config_keys.h).
struct Config {
  // Connection.
  std::string server;
  int port = kAtCompileTime<IntDefault("mssql_port")>;
  std::string cert_server;  // expected certificate host; defaults to server
  std::string database;
  std::string user;
  std::string password;
  std::string cert;  // PEM text or path; empty → system CA bundle
  sqlserver::EncryptionMode encryption = kAtCompileTime<DefaultEncryptionMode()>;
  bool trust_server_certificate = kAtCompileTime<ToggleDefault("trust_server_certificate")>;
  int login_timeout_seconds = kAtCompileTime<IntDefault("login_timeout_seconds")>;
  int query_timeout_seconds = kAtCompileTime<IntDefault("query_timeout_seconds")>;

  // Retries of transient errors.
  int max_retries = kAtCompileTime<IntDefault("max_retries")>;
  int retry_sleep_seconds = kAtCompileTime<IntDefault("retry_sleep_seconds")>;

  bool debug = kAtCompileTime<ToggleDefault("debug")>;

  // Selection by name.
  NameFilter filter;

  // Planning.
  int64_t small_table_threshold = kAtCompileTime<Int64Default("small_table_threshold")>;
  int64_t large_table_threshold = kAtCompileTime<Int64Default("large_table_threshold")>;
  std::optional<int> threads;         // overrides readers
  std::optional<int> max_queue_size;  // overrides queue_size
  CategorySettings small = kDefaultCategorySettings<TableCategory::kSmall>;
  CategorySettings medium = kDefaultCategorySettings<TableCategory::kMedium>;
  CategorySettings large = kDefaultCategorySettings<TableCategory::kLarge>;
  int checkpoint_max_seconds = kAtCompileTime<IntDefault("checkpoint_max_seconds")>;
  int incremental_overlap_seconds = kAtCompileTime<IntDefault("incremental_overlap_seconds")>;
  // true: UpdateResponse.records batches (≤ 100 records); false: one
  // UpdateResponse.record each, for orchestrators that predate batching.
  bool batch_records = kAtCompileTime<ToggleDefault("batch_records")>;

  // Problems that do not stop parsing (unknown keys); callers log them.
  std::vector<std::string> warnings;

  TableCategory CategoryFor(int64_t row_count) const;
  // Settings for a category with threads/max_queue_size applied.
  CategorySettings SettingsFor(TableCategory category) const;
  sqlserver::ConnectionSettings ConnectionSettings() const;
};

absl::StatusOr<Config> ParseConfig(const std::map<std::string, std::string>& values);

}  // namespace ehi

#endif  // EHI_CONNECTOR_CONFIG_H_
