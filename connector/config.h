// The connector's configuration: one typed, validated struct parsed once from
// the orchestrator's map<string,string>.
//
//   EHI_ASSIGN_OR_RETURN(Config config, ParseConfig(request_map));
//   for (const std::string& w : config.warnings) LogWarning(w);
//   sqlserver::ConnectionSettings cs = config.ConnectionSettings();
//
// Keys (see form.cc for labels and descriptions shown to users):
//   required: mssql_server, mssql_database, mssql_user, mssql_password
//   optional: mssql_port (1433), mssql_cert_server (= mssql_server), cert,
//     encryption (required|preferred|off; required), trust_server_certificate
//     (false), threads, max_queue_size, max_retries (5), retry_sleep_seconds
//     (5), debug (false), include_schemas, exclude_schemas, include_tables,
//     exclude_tables, small_table_threshold (1000000), large_table_threshold
//     (50000000), batch_size_small|medium|large (5000|2500|1000),
//     checkpoint_rows_small|medium|large (1000000|500000|100000),
//     checkpoint_max_seconds (60), incremental_overlap_seconds (60),
//     batch_records (true), login_timeout_seconds (30),
//     query_timeout_seconds (900).
// Empty values count as absent (orchestrators send "" for untouched fields).
// Errors are INVALID_ARGUMENT naming the key and what was expected; the values
// of mssql_password and cert never appear in any message.
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

// Documented upper bound for `threads` (parallel readers per table).
inline constexpr int kMaxThreads = 16;

struct Config {
  // Connection.
  std::string server;
  int port = 1433;
  std::string cert_server;  // expected certificate host; defaults to server
  std::string database;
  std::string user;
  std::string password;
  std::string cert;  // PEM text or path; empty → system CA bundle
  sqlserver::EncryptionMode encryption = sqlserver::EncryptionMode::kRequired;
  bool trust_server_certificate = false;
  int login_timeout_seconds = 30;
  int query_timeout_seconds = 900;

  // Retries of transient errors.
  int max_retries = 5;
  int retry_sleep_seconds = 5;

  bool debug = false;

  // Selection by name.
  NameFilter filter;

  // Planning.
  int64_t small_table_threshold = 1'000'000;   // rows < this → small
  int64_t large_table_threshold = 50'000'000;  // rows >= this → large
  std::optional<int> threads;                  // overrides readers
  std::optional<int> max_queue_size;           // overrides queue_size
  CategorySettings small{5000, 1'000'000, 4, 10000};
  CategorySettings medium{2500, 500'000, 2, 5000};
  CategorySettings large{1000, 100'000, 1, 1000};
  int checkpoint_max_seconds = 60;
  int incremental_overlap_seconds = 60;
  // true: UpdateResponse.records batches (≤ 100 records); false: one
  // UpdateResponse.record each, for orchestrators that predate batching.
  bool batch_records = true;

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
