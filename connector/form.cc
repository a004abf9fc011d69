#include "connector/form.h"

#include <utility>

namespace ehi {
namespace {

FormFieldSpec Text(std::string name, std::string label, std::string description, bool required,
                   std::string default_value = "", std::string placeholder = "") {
  FormFieldSpec f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.description = std::move(description);
  f.required = required;
  f.kind = FieldKind::kText;
  f.default_value = std::move(default_value);
  f.placeholder = std::move(placeholder);
  return f;
}

FormFieldSpec Toggle(std::string name, std::string label, std::string description,
                     std::string default_value) {
  FormFieldSpec f = Text(std::move(name), std::move(label), std::move(description), false,
                         std::move(default_value));
  f.kind = FieldKind::kToggle;
  return f;
}

FormSpec BuildForm() {
  FormSpec form;
  auto& f = form.fields;
  f.push_back(Text("mssql_server", "Server", "SQL Server host name or IP address.", true, "",
                   "sqlserver.hospital.org"));
  f.push_back(Text("mssql_port", "Port", "SQL Server TCP port.", false, "1433", "1433"));
  f.push_back(Text("mssql_database", "Database",
                   "Database to replicate, e.g. the Caboodle database.", true, "", "Caboodle"));
  f.push_back(Text("mssql_user", "User", "SQL Server login (SQL authentication).", true, "",
                   "fivetran_reader"));
  FormFieldSpec password =
      Text("mssql_password", "Password", "Password of the SQL Server login.", true);
  password.kind = FieldKind::kPassword;
  f.push_back(std::move(password));
  FormFieldSpec encryption =
      Text("encryption", "Encryption",
           "TLS for the connection: required (fail without TLS), preferred (TLS when the server "
           "offers it) or off.",
           false, "required");
  encryption.kind = FieldKind::kDropdown;
  encryption.dropdown_values = {"required", "preferred", "off"};
  f.push_back(std::move(encryption));
  f.push_back(Text("mssql_cert_server", "Certificate host name",
                   "Host name the server certificate is issued to, when it differs from Server.",
                   false));
  f.push_back(Text("cert", "CA certificate",
                   "PEM text or file path of the CA certificate(s) that signed the server "
                   "certificate. Empty: the system CA bundle.",
                   false, "", "-----BEGIN CERTIFICATE-----"));
  f.push_back(Toggle("trust_server_certificate", "Trust server certificate",
                     "Encrypt without verifying the server certificate (not recommended).",
                     "false"));
  f.push_back(Text("include_schemas", "Include schemas",
                   "Comma-separated schema names or patterns (* and ?) to replicate. Empty: all.",
                   false));
  f.push_back(Text("exclude_schemas", "Exclude schemas",
                   "Comma-separated schema names or patterns to skip.", false));
  f.push_back(Text("include_tables", "Include tables",
                   "Comma-separated table names or patterns; use schema.table to qualify. "
                   "Empty: all.",
                   false));
  f.push_back(Text("exclude_tables", "Exclude tables",
                   "Comma-separated table names or patterns to skip; schema.table to qualify.",
                   false));
  f.push_back(Text("threads", "Parallel readers",
                   "Readers per table, 1 to 16. Empty: 4 for small, 2 for medium, 1 for large "
                   "tables.",
                   false));
  f.push_back(Text("max_queue_size", "Queue size",
                   "Rows buffered between readers and the writer. Empty: by table size.", false));
  f.push_back(Text("max_retries", "Retries", "Retries of transient errors (deadlock, timeout).",
                   false, "5"));
  f.push_back(Text("retry_sleep_seconds", "Retry delay (s)",
                   "Base delay between retries, doubled each time.", false, "5"));
  f.push_back(Text("small_table_threshold", "Small table threshold",
                   "Tables with fewer rows are small.", false, "1000000"));
  f.push_back(Text("large_table_threshold", "Large table threshold",
                   "Tables with at least this many rows are large.", false, "50000000"));
  for (const char* category : {"small", "medium", "large"}) {
    const std::string c = category;
    const std::string batch_default = c == "small" ? "5000" : c == "medium" ? "2500" : "1000";
    const std::string ckpt_default = c == "small" ? "1000000" : c == "medium" ? "500000" : "100000";
    f.push_back(Text("batch_size_" + c, "Batch size (" + c + " tables)",
                     "Rows fetched per round for " + c + " tables.", false, batch_default));
    f.push_back(Text("checkpoint_rows_" + c, "Checkpoint interval (" + c + " tables)",
                     "Rows between checkpoints for " + c + " tables.", false, ckpt_default));
  }
  f.push_back(Text("checkpoint_max_seconds", "Checkpoint every (s)",
                   "Longest time between checkpoints while rows flow.", false, "60"));
  f.push_back(Text("incremental_overlap_seconds", "Incremental overlap (s)",
                   "Re-read changes this far behind the cursor to catch late commits.", false,
                   "60"));
  f.push_back(Toggle("batch_records", "Batch records",
                     "Send records in batches of up to 100 (off: one record per message, for "
                     "older orchestrators).",
                     "true"));
  f.push_back(
      Text("login_timeout_seconds", "Login timeout (s)", "Time allowed to log in.", false, "30"));
  f.push_back(Text("query_timeout_seconds", "Query timeout (s)",
                   "Longest wait for the server's next answer; 0 waits forever.", false, "900"));
  f.push_back(Toggle("debug", "Debug logging", "Log debug messages.", "false"));
  form.tests = {{std::string(kTestConnect), "Connect to SQL Server"},
                {std::string(kTestPermissions), "Check read permissions"}};
  return form;
}

}  // namespace

const FormSpec& ConnectorForm() {
  static const FormSpec* const form = new FormSpec(BuildForm());
  return *form;
}

bool IsKnownConfigKey(absl::string_view key) {
  for (const FormFieldSpec& f : ConnectorForm().fields) {
    if (f.name == key) return true;
  }
  return false;
}

}  // namespace ehi
