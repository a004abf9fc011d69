#include "connector/connection_tests.h"

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/form.h"
#include "connector/sql.h"
#include "connector/sqlserver/connection.h"
#include "connector/sqlserver/errors.h"

namespace ehi {
namespace {

using sqlserver::Connection;
using sqlserver::Row;

TestOutcome Fail(std::string message) { return TestOutcome{false, std::move(message)}; }

std::string FirstLine(absl::string_view text) {
  absl::string_view line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return std::string(line);
}

// Runs a probe query; on failure phrases which view could not be read.
std::optional<std::string> Probe(Connection& conn, const Config& config, absl::string_view sql,
                                 absl::string_view what, int64_t& rows) {
  rows = 0;
  absl::Status s = conn.Query(sql, [&](const Row&) {
    ++rows;
    return absl::OkStatus();
  });
  if (s.ok()) return std::nullopt;
  if (sqlserver::IsUserActionRequired(s)) {
    return absl::StrCat("Missing permission: user '", config.user, "' cannot read ", what,
                        " in database '", config.database, "': ", s.message(),
                        " Grant it, e.g. GRANT VIEW DEFINITION TO [", config.user,
                        "] or GRANT SELECT on the view.");
  }
  return absl::StrCat("Reading ", what, " failed: ", s.message());
}

TestOutcome TestConnect(Connection& conn, const Config& config) {
  std::string version;
  absl::Status s = conn.Query(sql::ServerVersionQuery(), [&](const Row& row) {
    EHI_ASSIGN_OR_RETURN(version, row.GetString(0));
    return absl::OkStatus();
  });
  if (!s.ok())
    return Fail(absl::StrCat("Connected, but reading the server version failed: ", s.message()));
  return TestOutcome{
      true, absl::StrCat("Connected to ", config.server, ":", config.port, " database '",
                         config.database, "' as '", config.user, "': ", FirstLine(version))};
}

TestOutcome TestPermissions(Connection& conn, const Config& config) {
  int64_t rows = 0;
  if (auto failure = Probe(conn, config, sql::InformationSchemaProbeQuery(),
                           "INFORMATION_SCHEMA.TABLES", rows)) {
    return Fail(*failure);
  }
  if (auto failure = Probe(conn, config, sql::PartitionsProbeQuery(), "sys.partitions", rows)) {
    return Fail(*failure);
  }
  // Candidate tables in catalog order, honouring the filters.
  std::vector<std::pair<std::string, std::string>> tables;
  absl::Status s = conn.Query(sql::CatalogTablesQuery(), [&](const Row& row) {
    EHI_ASSIGN_OR_RETURN(std::string schema, row.GetString(0));
    EHI_ASSIGN_OR_RETURN(std::string table, row.GetString(1));
    if (config.filter.Includes(schema, table)) tables.emplace_back(schema, table);
    return absl::OkStatus();
  });
  if (!s.ok()) {
    if (sqlserver::IsUserActionRequired(s)) {
      return Fail(absl::StrCat("Missing permission: user '", config.user,
                               "' cannot read sys.tables/sys.schemas: ", s.message()));
    }
    return Fail(absl::StrCat("Listing tables failed: ", s.message()));
  }
  if (tables.empty()) {
    return Fail(absl::StrCat("User '", config.user, "' sees no tables in database '",
                             config.database,
                             "' that match the schema/table filters. Check the filters and "
                             "grant VIEW DEFINITION and SELECT on the tables to replicate."));
  }
  // SELECT one row from the first tables until one works; a few attempts
  // are enough to tell "no SELECT anywhere" from one protected table.
  constexpr size_t kAttempts = 10;
  std::string first_denial;
  for (size_t i = 0; i < tables.size() && i < kAttempts; ++i) {
    auto query = sql::SelectOneRowQuery(tables[i].first, tables[i].second);
    if (!query.ok()) continue;
    absl::Status q = conn.Query(*query, [](const Row&) { return absl::OkStatus(); });
    if (q.ok()) {
      return TestOutcome{true, absl::StrCat("User '", config.user,
                                            "' can read INFORMATION_SCHEMA, sys.partitions and "
                                            "table ",
                                            tables[i].first, ".", tables[i].second, " (",
                                            tables.size(), " tables selected)")};
    }
    if (first_denial.empty()) {
      first_denial = absl::StrCat(tables[i].first, ".", tables[i].second, ": ", q.message());
    }
    if (conn.IsDead()) break;
  }
  return Fail(absl::StrCat("Missing permission: user '", config.user,
                           "' cannot SELECT from the selected tables (tried ",
                           std::min(tables.size(), kAttempts), "; first: ", first_denial,
                           "). Grant SELECT on the schema, e.g. GRANT SELECT ON SCHEMA::[",
                           tables.front().first, "] TO [", config.user, "]."));
}

}  // namespace

absl::StatusOr<TestOutcome> RunConnectionTest(absl::string_view name, const Config& config) {
  if (name != kTestConnect && name != kTestPermissions) {
    return absl::InvalidArgumentError(absl::StrCat("Unknown test '", name.substr(0, 64),
                                                   "'; this connector offers '", kTestConnect,
                                                   "' and '", kTestPermissions, "'."));
  }
  absl::StatusOr<std::unique_ptr<Connection>> conn = Connection::Open(config.ConnectionSettings());
  if (!conn.ok()) return Fail(std::string(conn.status().message()));
  TestOutcome outcome =
      name == kTestConnect ? TestConnect(**conn, config) : TestPermissions(**conn, config);
  LogInfo(absl::StrCat("Test '", name, "': ", outcome.success ? "success" : "failure", ": ",
                       outcome.message));
  return outcome;
}

}  // namespace ehi
