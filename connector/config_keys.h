// The one table of configuration keys. Everything else about a key is read
// from here: ParseConfig's bounds, Config's member defaults (config.h, at
// compile time), the configuration form (form.cc), unknown-key detection and
// the README's Configuration table (checked by config_keys_test.cc).
//
//   if (const ConfigKey* key = FindConfigKey(name)) { ... key->min ... }
//   int port = kAtCompileTime<IntDefault("mssql_port")>;  // 1433
//
// Adding a key: one row below, one line in ParseConfig that stores it in
// Config, and one row in README.md's Configuration table.
//
// Thread-safe: the table is a compile-time constant.
#ifndef EHI_CONNECTOR_CONFIG_KEYS_H_
#define EHI_CONNECTOR_CONFIG_KEYS_H_

#include <array>
#include <cstdint>
#include <limits>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace ehi {

enum class KeyKind { kText, kPassword, kToggle, kDropdown, kInteger };

struct ConfigKey {
  absl::string_view name;
  absl::string_view label;        // shown in the form
  absl::string_view description;  // shown in the form
  KeyKind kind = KeyKind::kText;
  // The default as the form shows it ("1433", "true", "required"); empty
  // when the key has none.
  absl::string_view default_value;
  int64_t min = 0;  // kInteger: accepted values, inclusive
  int64_t max = 0;
  bool required = false;
  bool secret = false;  // the value never appears in a message or log line
  absl::string_view placeholder;
  absl::Span<const absl::string_view> choices;  // kDropdown
  // An unset integer key whose default depends on the table category:
  // the defaults for small, medium and large tables; all 0 when not.
  std::array<int64_t, 3> by_category{};
  // What an unset key without a default means, as the README says it
  // ("all", "system CA bundle").
  absl::string_view when_empty;

  constexpr ConfigKey Required() const {
    ConfigKey k = *this;
    k.required = true;
    return k;
  }
  constexpr ConfigKey Secret() const {
    ConfigKey k = *this;
    k.secret = true;
    return k;
  }
  constexpr ConfigKey Placeholder(absl::string_view placeholder_text) const {
    ConfigKey k = *this;
    k.placeholder = placeholder_text;
    return k;
  }
  constexpr ConfigKey WhenEmpty(absl::string_view meaning) const {
    ConfigKey k = *this;
    k.when_empty = meaning;
    return k;
  }
  constexpr ConfigKey ByCategory(int64_t small, int64_t medium, int64_t large) const {
    ConfigKey k = *this;
    k.by_category = {small, medium, large};
    return k;
  }
  constexpr bool HasCategoryDefaults() const { return by_category[0] != 0; }
};

constexpr ConfigKey TextKey(absl::string_view name, absl::string_view label,
                            absl::string_view description) {
  ConfigKey k;
  k.name = name;
  k.label = label;
  k.description = description;
  return k;
}

constexpr ConfigKey PasswordKey(absl::string_view name, absl::string_view label,
                                absl::string_view description) {
  ConfigKey k = TextKey(name, label, description).Secret();
  k.kind = KeyKind::kPassword;
  return k;
}

constexpr ConfigKey ToggleKey(absl::string_view name, absl::string_view label,
                              absl::string_view description, absl::string_view default_value) {
  ConfigKey k = TextKey(name, label, description);
  k.kind = KeyKind::kToggle;
  k.default_value = default_value;
  return k;
}

constexpr ConfigKey DropdownKey(absl::string_view name, absl::string_view label,
                                absl::string_view description,
                                absl::Span<const absl::string_view> choices,
                                absl::string_view default_value) {
  ConfigKey k = TextKey(name, label, description);
  k.kind = KeyKind::kDropdown;
  k.choices = choices;
  k.default_value = default_value;
  return k;
}

// `default_value` "" means none (the key is unset unless given).
constexpr ConfigKey IntegerKey(absl::string_view name, absl::string_view label,
                               absl::string_view description, absl::string_view default_value,
                               int64_t min, int64_t max) {
  ConfigKey k = TextKey(name, label, description);
  k.kind = KeyKind::kInteger;
  k.default_value = default_value;
  k.min = min;
  k.max = max;
  return k;
}

inline constexpr absl::string_view kEncryptionChoices[] = {"required", "preferred", "off"};
inline constexpr int64_t kMaxTableRows = std::numeric_limits<int64_t>::max() / 2;

// In form order.
inline constexpr ConfigKey kConfigKeys[] = {
    // Connection.
    TextKey("mssql_server", "Server", "SQL Server host name or IP address.")
        .Required()
        .Placeholder("sqlserver.hospital.org"),
    IntegerKey("mssql_port", "Port", "SQL Server TCP port.", "1433", 1, 65535).Placeholder("1433"),
    TextKey("mssql_database", "Database", "Database to replicate, e.g. the Caboodle database.")
        .Required()
        .Placeholder("Caboodle"),
    TextKey("mssql_user", "User", "SQL Server login (SQL authentication).")
        .Required()
        .Placeholder("fivetran_reader"),
    PasswordKey("mssql_password", "Password", "Password of the SQL Server login.").Required(),
    DropdownKey("encryption", "Encryption",
                "TLS for the connection: required (fail without TLS), preferred (TLS when the "
                "server offers it) or off.",
                kEncryptionChoices, "required"),
    TextKey("mssql_cert_server", "Certificate host name",
            "Host name the server certificate is issued to, when it differs from Server.")
        .WhenEmpty("mssql_server"),
    TextKey("cert", "CA certificate",
            "PEM text or file path of the CA certificate(s) that signed the server "
            "certificate. Empty: the system CA bundle.")
        .Secret()
        .Placeholder("-----BEGIN CERTIFICATE-----")
        .WhenEmpty("system CA bundle"),
    ToggleKey("trust_server_certificate", "Trust server certificate",
              "Encrypt without verifying the server certificate (not recommended).", "false"),

    // Selection by name.
    TextKey("include_schemas", "Include schemas",
            "Comma-separated schema names or patterns (* and ?) to replicate. Empty: all.")
        .WhenEmpty("all"),
    TextKey("exclude_schemas", "Exclude schemas",
            "Comma-separated schema names or patterns to skip.")
        .WhenEmpty("all"),
    TextKey("include_tables", "Include tables",
            "Comma-separated table names or patterns; use schema.table to qualify. Empty: all.")
        .WhenEmpty("all"),
    TextKey("exclude_tables", "Exclude tables",
            "Comma-separated table names or patterns to skip; schema.table to qualify.")
        .WhenEmpty("all"),

    // Readers, queues, retries.
    IntegerKey("threads", "Parallel readers",
               "Readers per table, 1 to 16. Empty: 4 for small, 2 for medium, 1 for large "
               "tables.",
               "", 1, 16)
        .ByCategory(4, 2, 1),
    IntegerKey("max_queue_size", "Queue size",
               "Rows buffered between readers and the writer. Empty: by table size.", "", 1,
               1'000'000)
        .ByCategory(10000, 5000, 1000),
    IntegerKey("max_retries", "Retries", "Retries of transient errors (deadlock, timeout).", "5", 0,
               100),
    IntegerKey("retry_sleep_seconds", "Retry delay (s)",
               "Base delay between retries, doubled each time.", "5", 0, 3600),

    // Table categories and what each gets.
    IntegerKey("small_table_threshold", "Small table threshold",
               "Tables with fewer rows are small.", "1000000", 1, kMaxTableRows),
    IntegerKey("large_table_threshold", "Large table threshold",
               "Tables with at least this many rows are large.", "50000000", 1, kMaxTableRows),
    IntegerKey("batch_size_small", "Batch size (small tables)",
               "Rows fetched per round for small tables.", "5000", 1, 1'000'000),
    IntegerKey("checkpoint_rows_small", "Checkpoint interval (small tables)",
               "Rows between checkpoints for small tables.", "1000000", 1, 1'000'000'000),
    IntegerKey("batch_size_medium", "Batch size (medium tables)",
               "Rows fetched per round for medium tables.", "2500", 1, 1'000'000),
    IntegerKey("checkpoint_rows_medium", "Checkpoint interval (medium tables)",
               "Rows between checkpoints for medium tables.", "500000", 1, 1'000'000'000),
    IntegerKey("batch_size_large", "Batch size (large tables)",
               "Rows fetched per round for large tables.", "1000", 1, 1'000'000),
    IntegerKey("checkpoint_rows_large", "Checkpoint interval (large tables)",
               "Rows between checkpoints for large tables.", "100000", 1, 1'000'000'000),
    IntegerKey("checkpoint_max_seconds", "Checkpoint every (s)",
               "Longest time between checkpoints while rows flow.", "60", 1, 3600),
    IntegerKey("incremental_overlap_seconds", "Incremental overlap (s)",
               "Re-read changes this far behind the cursor to catch late commits.", "60", 0,
               7 * 86400),
    ToggleKey("batch_records", "Batch records",
              "Send records in batches of up to 100 (off: one record per message, for older "
              "orchestrators).",
              "true"),

    // Timeouts and logging.
    IntegerKey("login_timeout_seconds", "Login timeout (s)", "Time allowed to log in.", "30", 1,
               600),
    IntegerKey("query_timeout_seconds", "Query timeout (s)",
               "Longest wait for the server's next answer; 0 waits forever.", "900", 0, 86400),
    ToggleKey("debug", "Debug logging", "Log debug messages.", "false"),
};

// The key named `name`, or nullptr.
constexpr const ConfigKey* FindConfigKey(absl::string_view name) {
  for (const ConfigKey& k : kConfigKeys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

bool IsKnownConfigKey(absl::string_view key);

// Compile-time access to defaults, for Config's member initialisers. A name
// that is not in the table, or a key of the wrong kind, makes the constant
// evaluation fail (a compile error under kAtCompileTime); at run time it
// aborts. C++17 has no consteval, hence the variable template:
//   int port = kAtCompileTime<IntDefault("mssql_port")>;
template <auto kValue>
inline constexpr auto kAtCompileTime = kValue;

namespace config_keys_internal {
[[noreturn]] void BadKeyUse(absl::string_view name, absl::string_view what);

constexpr const ConfigKey& Get(absl::string_view name, KeyKind kind) {
  const ConfigKey* k = FindConfigKey(name);
  if (k == nullptr) BadKeyUse(name, "is not in kConfigKeys");
  if (k->kind != kind) BadKeyUse(name, "is of another kind");
  return *k;
}

// Digits only, as the table writes defaults; anything else fails.
constexpr int64_t ParseDigits(absl::string_view name, absl::string_view text) {
  if (text.empty()) BadKeyUse(name, "has no default");
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') BadKeyUse(name, "has a default that is not digits");
    v = v * 10 + (c - '0');
  }
  return v;
}
}  // namespace config_keys_internal

constexpr int64_t Int64Default(absl::string_view name) {
  const ConfigKey& k = config_keys_internal::Get(name, KeyKind::kInteger);
  return config_keys_internal::ParseDigits(name, k.default_value);
}

constexpr int IntDefault(absl::string_view name) {
  const int64_t v = Int64Default(name);
  if (v > std::numeric_limits<int>::max()) {
    config_keys_internal::BadKeyUse(name, "has a default too large for int");
  }
  return static_cast<int>(v);
}

constexpr bool ToggleDefault(absl::string_view name) {
  const ConfigKey& k = config_keys_internal::Get(name, KeyKind::kToggle);
  if (k.default_value == "true") return true;
  if (k.default_value == "false") return false;
  config_keys_internal::BadKeyUse(name, "has a default other than true or false");
}

constexpr absl::string_view DropdownDefault(absl::string_view name) {
  return config_keys_internal::Get(name, KeyKind::kDropdown).default_value;
}

// The default of an integer key with ByCategory for category index 0
// (small), 1 (medium) or 2 (large).
constexpr int CategoryDefault(absl::string_view name, size_t category) {
  const ConfigKey& k = config_keys_internal::Get(name, KeyKind::kInteger);
  if (!k.HasCategoryDefaults() || category >= k.by_category.size()) {
    config_keys_internal::BadKeyUse(name, "has no default per category");
  }
  return static_cast<int>(k.by_category[category]);
}

}  // namespace ehi

#endif  // EHI_CONNECTOR_CONFIG_KEYS_H_
