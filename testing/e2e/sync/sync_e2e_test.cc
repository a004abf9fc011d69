// End to end: emulator (demo seed) → ehi-connector → gRPC client copy,
// compared row by row with the source after full loads, resumed loads and
// incremental syncs.
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connector/catalog.h"
#include "connector/config.h"
#include "connector/sql.h"
#include "connector/sqlserver/connection.h"
#include "connector/sync/testing/memory_sink.h"
#include "gtest/gtest.h"
#include "testing/e2e/fixtures.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/tls_files.h"

namespace ehi::sync {
namespace {

namespace v2 = fivetran_sdk::v2;
using e2e::ConfigMap;

Value FromProto(const v2::ValueType& v) {
  Value x;
  x.is_null = false;
  auto ts = [&](const google::protobuf::Timestamp& t, DataType type) {
    x.type = type;
    x.timestamp = {t.seconds(), t.nanos()};
  };
  switch (v.inner_case()) {
    case v2::ValueType::kNull:
      x.is_null = true;
      break;
    case v2::ValueType::kBool:
      x.type = DataType::kBoolean;
      x.boolean = v.bool_();
      break;
    case v2::ValueType::kShort:
      x.type = DataType::kShort;
      x.integer = v.short_();
      break;
    case v2::ValueType::kInt:
      x.type = DataType::kInt;
      x.integer = v.int_();
      break;
    case v2::ValueType::kLong:
      x.type = DataType::kLong;
      x.integer = v.long_();
      break;
    case v2::ValueType::kFloat:
      x.type = DataType::kFloat;
      x.real = v.float_();
      break;
    case v2::ValueType::kDouble:
      x.type = DataType::kDouble;
      x.real = v.double_();
      break;
    case v2::ValueType::kNaiveDate:
      ts(v.naive_date(), DataType::kNaiveDate);
      break;
    case v2::ValueType::kNaiveDatetime:
      ts(v.naive_datetime(), DataType::kNaiveDateTime);
      break;
    case v2::ValueType::kUtcDatetime:
      ts(v.utc_datetime(), DataType::kUtcDateTime);
      break;
    case v2::ValueType::kBinary:
      x.type = DataType::kBinary;
      x.text = v.binary();
      break;
    default:
      x.type = DataType::kString;
      x.text = v.has_decimal() ? v.decimal() : v.has_xml() ? v.xml() : v.string();
      break;
  }
  return x;
}

// The destination: rows per table keyed by primary key (keyless: by
// position), plus per-key UPSERT counts since the table's last TRUNCATE.
struct Copy {
  std::map<std::string, std::vector<std::string>> keys;  // "s.t" → pk columns
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> rows;
  std::map<std::string, std::map<std::string, int>> upserts;
  std::vector<std::string> first_seen;  // tables in order of their first record
  int keyless_serial = 0;

  void Apply(const v2::Record& r) {
    const std::string t = absl::StrCat(r.schema_name(), ".", r.table_name());
    if (std::find(first_seen.begin(), first_seen.end(), t) == first_seen.end()) {
      first_seen.push_back(t);
    }
    if (r.type() == v2::TRUNCATE) {
      rows[t].clear();
      upserts[t].clear();
      return;
    }
    std::string key;
    auto k = keys.find(t);
    if (k == keys.end() || k->second.empty()) {
      key = absl::StrCat("#", keyless_serial++);
    } else {
      for (const std::string& c : k->second) {
        auto it = r.data().find(c);
        absl::StrAppend(&key, c, "=", it == r.data().end() ? "?" : ValueText(FromProto(it->second)),
                        "\x1f");
      }
    }
    if (r.type() == v2::DELETE) {
      rows[t].erase(key);
      return;
    }
    auto& row = rows[t][key];
    row.clear();
    for (const auto& [c, v] : r.data()) row[c] = ValueText(FromProto(v));
    ++upserts[t][key];
  }
  std::vector<std::string> Sorted(const std::string& t) const {
    std::vector<std::string> out;
    auto it = rows.find(t);
    if (it == rows.end()) return out;
    for (const auto& [k, row] : it->second) {
      std::string s;
      for (const auto& [c, v] : row) absl::StrAppend(&s, c, "=", v, "|");
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

// Established TCP connections that process `pid` holds to `port` on the
// loopback: the connector's own sockets (/proc/<pid>/fd) matched by inode
// against /proc/net/tcp{,6}. -1 when /proc cannot be read.
int ConnectionsTo(pid_t pid, int port) {
  std::set<std::string> inodes;
  const std::string fd_dir = absl::StrCat("/proc/", pid, "/fd");
  DIR* dir = opendir(fd_dir.c_str());
  if (dir == nullptr) return -1;
  while (const dirent* e = readdir(dir)) {
    char target[256];
    const std::string link = absl::StrCat(fd_dir, "/", e->d_name);
    const ssize_t n = readlink(link.c_str(), target, sizeof(target) - 1);
    if (n <= 0) continue;
    const std::string t(target, n);
    if (t.rfind("socket:[", 0) == 0) inodes.insert(t.substr(8, t.size() - 9));
  }
  closedir(dir);
  int count = 0;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode;
      const size_t colon = remote.rfind(':');
      if (colon == std::string::npos || state != "01") continue;  // 01: ESTABLISHED
      unsigned remote_port = 0;
      if (!absl::SimpleHexAtoi(remote.substr(colon + 1), &remote_port)) continue;
      if (static_cast<int>(remote_port) == port && inodes.count(inode) > 0) ++count;
    }
  }
  return count;
}

class SyncE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<e2e::RunningEmulator> emu = e2e::StartEmulator();
    ASSERT_TRUE(emu.ok()) << "emulator cannot serve the demo seed: " << emu.status();
    emulator_ = std::make_unique<e2e::RunningEmulator>(std::move(*emu));
    absl::StatusOr<e2e::RunningConnector> conn = e2e::StartConnector();
    ASSERT_TRUE(conn.ok()) << conn.status();
    connector_ = std::make_unique<e2e::RunningConnector>(std::move(*conn));
    config_ = e2e::EmulatorConfig(*emulator_, {{"batch_size_small", "37"},
                                               {"checkpoint_rows_small", "200"},
                                               {"threads", "3"},
                                               {"retry_sleep_seconds", "1"}});
    absl::StatusOr<Config> parsed = ParseConfig(config_);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    absl::StatusOr<std::unique_ptr<sqlserver::Connection>> c =
        sqlserver::Connection::Open(parsed->ConnectionSettings());
    ASSERT_TRUE(c.ok()) << c.status();
    source_ = std::move(*c);
    absl::StatusOr<Catalog> catalog = DiscoverCatalog(*source_, parsed->filter);
    ASSERT_TRUE(catalog.ok()) << catalog.status();
    catalog_ = std::move(*catalog);
    ASSERT_FALSE(catalog_.tables.empty()) << "the emulator's demo seed has no tables";
    for (const TableInfo& t : catalog_.tables) {
      std::vector<std::string>& k = copy_.keys[absl::StrCat(t.schema, ".", t.name)];
      for (int i : t.primary_key) k.push_back(t.columns[i].name);
    }
    copy_.keys["ehi_connector_meta.VALIDATION"] = {"tablename", "datetime"};
  }

  // Runs Update; cuts the stream after `cut_after` checkpoints (0: never).
  // Returns the last checkpoint's state.
  std::string Sync(const std::string& state, int cut_after = 0, v2::UpdateRequest* base = nullptr) {
    v2::UpdateRequest request;
    if (base != nullptr) request = *base;
    for (const auto& [k, v] : config_) (*request.mutable_configuration())[k] = v;
    if (!state.empty()) request.set_state_json(state);
    e2e::ConnectorClient client(connector_->port, absl::Minutes(5));
    grpc::ClientContext context;
    auto reader = client.Update(&context, request);
    v2::UpdateResponse response;
    std::string last = state;
    int checkpoints = 0;
    while (reader->Read(&response)) {
      if (response.has_record()) copy_.Apply(response.record());
      for (const v2::Record& r : response.records().records()) copy_.Apply(r);
      if (response.has_checkpoint()) {
        last = response.checkpoint().state_json();
        if (++checkpoints == cut_after) {
          context.TryCancel();
          break;
        }
      }
    }
    grpc::Status s = reader->Finish();
    if (cut_after == 0) {
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return last;
  }

  std::vector<std::string> SourceRows(const TableInfo& t) {
    std::vector<std::string> select;
    for (const ColumnInfo& c : t.columns)
      select.push_back(*sql::SelectExpression(c.name, c.sql_type));
    sql::SelectPage page;
    page.from = *sql::QualifiedName(t.schema, t.name);
    page.select_list = select;
    for (const ColumnInfo& c : t.columns) {
      if (c.name == "_IsDeleted")
        page.where.push_back(sql::NotSoftDeletedPredicate("[_IsDeleted]"));
    }
    std::vector<std::string> out;
    absl::Status s = source_->Query(sql::SelectPageQuery(page), [&](const sqlserver::Row& row) {
      std::map<std::string, std::string> m;
      for (int i = 0; i < row.column_count(); ++i) m[t.columns[i].name] = ValueText(*row.Get(i));
      std::string line;
      for (const auto& [c, v] : m) absl::StrAppend(&line, c, "=", v, "|");
      out.push_back(line);
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    std::sort(out.begin(), out.end());
    return out;
  }

  void ExpectCopyEqualsSource() {
    for (const TableInfo& t : catalog_.tables) {
      const std::string name = absl::StrCat(t.schema, ".", t.name);
      EXPECT_EQ(copy_.Sorted(name), SourceRows(t)) << name;
    }
  }

  std::unique_ptr<e2e::RunningEmulator> emulator_;
  std::unique_ptr<e2e::RunningConnector> connector_;
  ConfigMap config_;
  std::unique_ptr<sqlserver::Connection> source_;
  Catalog catalog_;
  Copy copy_;
};

TEST_F(SyncE2eTest, FullLoadEqualsSourceEachRowOnceAndValidationMatches) {
  Sync("");
  ExpectCopyEqualsSource();
  for (const auto& [table, counts] : copy_.upserts) {
    if (table == "ehi_connector_meta.VALIDATION") continue;
    for (const auto& [key, n] : counts) EXPECT_EQ(n, 1) << table << " " << key;
  }
  const auto& validation = copy_.rows["ehi_connector_meta.VALIDATION"];
  EXPECT_EQ(validation.size(), catalog_.tables.size());
  for (const auto& [k, row] : validation) {
    const std::string& name = row.at("tablename");
    for (const TableInfo& t : catalog_.tables) {
      if (absl::StrCat(t.schema, ".", t.name) == name) {
        EXPECT_EQ(row.at("count"), absl::StrCat(SourceRows(t).size())) << name;
      }
    }
  }
}

TEST_F(SyncE2eTest, ResumeAfterCutAtKthCheckpoint) {
  for (int k : {1, 2, 4, 7}) {
    copy_.rows.clear();
    copy_.upserts.clear();
    const std::string state = Sync("", k);
    Sync(state);
    ExpectCopyEqualsSource();
  }
}

TEST_F(SyncE2eTest, IncrementalAfterUpdatesAndSoftDeletes) {
  const std::string state = Sync("");
  int changed_tables = 0;
  for (const TableInfo& t : catalog_.tables) {
    if (t.primary_key.empty() || t.FindColumn("_LastUpdatedInstant") == nullptr ||
        t.FindColumn("_IsDeleted") == nullptr) {
      continue;
    }
    const std::string table = *sql::QualifiedName(t.schema, t.name);
    const std::string pk = *sql::QuoteIdentifier(t.columns[t.primary_key[0]].name);
    ASSERT_TRUE(source_
                    ->Execute(absl::StrCat(
                        "UPDATE ", table,
                        " SET [_IsDeleted] = 1, [_LastUpdatedInstant] = SYSDATETIME() WHERE ", pk,
                        " IN (SELECT TOP (2) ", pk, " FROM ", table, " ORDER BY ", pk, ")"))
                    .ok());
    ASSERT_TRUE(source_
                    ->Execute(absl::StrCat(
                        "UPDATE ", table, " SET [_LastUpdatedInstant] = SYSDATETIME() WHERE ", pk,
                        " IN (SELECT TOP (3) ", pk, " FROM ", table, " ORDER BY ", pk, " DESC)"))
                    .ok());
    ++changed_tables;
  }
  ASSERT_GT(changed_tables, 0) << "the demo seed has no Caboodle-style table";
  const std::string after = Sync(state);
  ExpectCopyEqualsSource();
  // Cut the next incremental early and resume: still equal.
  Sync(Sync(after, 1));
  ExpectCopyEqualsSource();
}

TEST_F(SyncE2eTest, SelectionExcludesTableAndColumn) {
  ASSERT_GE(catalog_.tables.size(), 2u);
  const TableInfo& dropped = catalog_.tables[0];
  const TableInfo& trimmed = catalog_.tables[1];
  v2::UpdateRequest base;
  v2::TablesWithSchema* ws = base.mutable_selection()->mutable_with_schema();
  ws->set_include_new_schemas(true);
  std::map<std::string, v2::SchemaSelection*> schemas;
  for (const TableInfo& t : catalog_.tables) {
    v2::SchemaSelection*& s = schemas[t.schema];
    if (s == nullptr) {
      s = ws->add_schemas();
      s->set_schema_name(t.schema);
      s->set_included(true);
    }
    v2::TableSelection* ts = s->add_tables();
    ts->set_table_name(t.name);
    ts->set_included(&t != &dropped);
    for (const ColumnInfo& c : t.columns) {
      (*ts->mutable_columns())[c.name] =
          !(&t == &trimmed && !c.primary_key() && c.name == trimmed.columns.back().name);
    }
  }
  Sync("", 0, &base);
  EXPECT_TRUE(copy_.rows[absl::StrCat(dropped.schema, ".", dropped.name)].empty());
  for (const auto& [k, row] : copy_.rows[absl::StrCat(trimmed.schema, ".", trimmed.name)]) {
    if (!trimmed.columns.back().primary_key()) {
      EXPECT_EQ(row.count(trimmed.columns.back().name), 0u);
    }
  }
}

// Demo tables fall into small (< 100 rows) and medium (< 10,000 rows) by
// configuration; a synthetic table (5 M rows declared in the catalog) is
// large. The load of every table is capped by the server's test hook, so
// only a bounded key range of the synthetic table is read. (A billion-row
// table would plan the same, but the load's MAX(_LastUpdatedInstant) and
// VALIDATION's COUNT_BIG scan the whole table in the emulator.)
TEST_F(SyncE2eTest, PlanOrdersSmallThenMediumThenLarge) {
  constexpr int64_t kHugeRows = 5'000'000;
  constexpr int64_t kRowCap = 5000;  // above every demo table at scale 1
  ASSERT_TRUE(source_
                  ->Execute(absl::StrCat("EXEC emulator.create_synthetic_table 'dbo', "
                                         "'EhiHugeFact', ",
                                         kHugeRows))
                  .ok());
  absl::StatusOr<e2e::RunningConnector> capped =
      e2e::StartConnector("", {{"EHI_SYNC_TEST_MAX_ROWS_PER_TABLE", absl::StrCat(kRowCap)}});
  ASSERT_TRUE(capped.ok()) << capped.status();
  connector_ = std::make_unique<e2e::RunningConnector>(std::move(*capped));
  config_["small_table_threshold"] = "100";
  config_["large_table_threshold"] = "10000";

  // Expected plan from the catalog's row counts: (category, rows).
  absl::StatusOr<Config> parsed = ParseConfig(config_);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  CatalogOptions with_counts;
  with_counts.row_counts = true;
  absl::StatusOr<Catalog> catalog = DiscoverCatalog(*source_, parsed->filter, with_counts);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  std::vector<std::tuple<int, int64_t, std::string>> expected;
  std::map<std::string, std::string> category;
  for (const TableInfo& t : catalog->tables) {
    ASSERT_TRUE(t.row_count.has_value()) << t.name;
    const int64_t rows = *t.row_count;
    const int c = rows < 100 ? 0 : rows < 10000 ? 1 : 2;
    const std::string name = absl::StrCat(t.schema, ".", t.name);
    expected.emplace_back(c, rows, name);
    category[name] = c == 0 ? "small" : c == 1 ? "medium" : "large";
  }
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> expected_order;
  for (const auto& [c, rows, name] : expected) expected_order.push_back(name);
  // The dataset really has all three categories.
  ASSERT_EQ(std::get<0>(expected.front()), 0);
  ASSERT_EQ(std::get<0>(expected.back()), 2);
  ASSERT_EQ(expected_order.back(), "dbo.EhiHugeFact");
  ASSERT_TRUE(std::any_of(expected.begin(), expected.end(),
                          [](const auto& e) { return std::get<0>(e) == 1; }));

  Sync("");

  // Tables are loaded one after another, so the order of first records is
  // the processing order.
  std::vector<std::string> seen = copy_.first_seen;
  seen.erase(std::remove(seen.begin(), seen.end(), "ehi_connector_meta.VALIDATION"), seen.end());
  EXPECT_EQ(seen, expected_order);

  // VALIDATION agrees: category per table, processing_order rising along
  // the plan.
  std::map<int64_t, std::string> by_order;
  for (const auto& [k, row] : copy_.rows["ehi_connector_meta.VALIDATION"]) {
    const std::string& name = row.at("tablename");
    EXPECT_EQ(row.at("category"), category[name]) << name;
    int64_t order = 0;
    ASSERT_TRUE(absl::SimpleAtoi(row.at("processing_order"), &order)) << row.at("processing_order");
    EXPECT_TRUE(by_order.emplace(order, name).second) << "processing_order repeated: " << order;
  }
  std::vector<std::string> validation_order;
  for (const auto& [order, name] : by_order) validation_order.push_back(name);
  EXPECT_EQ(validation_order, expected_order);

  // Only a bounded key range of the huge table was read; the demo tables
  // (below the cap) are complete.
  const size_t huge = copy_.rows["dbo.EhiHugeFact"].size();
  EXPECT_GE(huge, static_cast<size_t>(kRowCap));
  EXPECT_LT(huge, static_cast<size_t>(kRowCap + 20000));  // cap + in-flight pages
  ExpectCopyEqualsSource();
}

// Cancelling the Update stream while a reader is blocked in a server-side
// query (the emulator stalls it for 60 s) must stop the readers: the
// connector's connections to the emulator close long before the stall
// would end, and the connector serves the next call.
TEST_F(SyncE2eTest, CancelWhileReadingLargeTableStopsReadersPromptly) {
  ASSERT_TRUE(
      source_->Execute("EXEC emulator.create_synthetic_table 'dbo', 'EhiHugeFact', 5000000").ok());
  config_["small_table_threshold"] = "100";
  config_["large_table_threshold"] = "10000";
  v2::UpdateRequest request;
  for (const auto& [k, v] : config_) (*request.mutable_configuration())[k] = v;
  e2e::ConnectorClient client(connector_->port, absl::Minutes(5));
  grpc::ClientContext context;
  auto reader = client.Update(&context, request);
  v2::UpdateResponse response;
  auto is_huge = [](const v2::Record& r) { return r.table_name() == "EhiHugeFact"; };
  bool reading_huge = false;
  while (!reading_huge && reader->Read(&response)) {
    if (response.has_record() && is_huge(response.record())) reading_huge = true;
    for (const v2::Record& r : response.records().records()) reading_huge |= is_huge(r);
  }
  ASSERT_TRUE(reading_huge) << "the stream ended before the large table";
  const pid_t pid = connector_->process.pid();
  const int port = emulator_->port;
  ASSERT_GE(ConnectionsTo(pid, port), 1) << "no reader connection while the large table loads";

  // The next SELECT on any session (a reader's next page) waits 60 s unless
  // cancelled by an ATTENTION. Keep reading so the readers are not held
  // back by flow control, and cancel a second later.
  ASSERT_TRUE(source_->Execute("EXEC emulator.inject_fault 'stall_ms', 60000").ok());
  absl::Time cancelled_at;
  std::thread canceller([&] {
    absl::SleepFor(absl::Seconds(1));
    cancelled_at = absl::Now();
    context.TryCancel();
  });
  while (reader->Read(&response)) {
  }
  canceller.join();
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();

  // Design target: readers stop within 2 s. On a loaded shared 2-core
  // machine allow 8 s; a connector that ignored the cancellation would keep
  // the stalled connection for the full 60 s.
  const absl::Time limit = cancelled_at + absl::Seconds(8);
  int open = ConnectionsTo(pid, port);
  while (open != 0 && absl::Now() < limit) {
    absl::SleepFor(absl::Milliseconds(50));
    open = ConnectionsTo(pid, port);
  }
  EXPECT_EQ(open, 0) << "connections still open " << absl::Now() - cancelled_at
                     << " after the cancel";
  std::printf("connections to the emulator closed %s after the cancel\n",
              absl::FormatDuration(absl::Now() - cancelled_at).c_str());

  // The connector serves the next call. With a 20 s deadline this also shows
  // the stall was spent on the cancelled sync's query: had it still been
  // armed, Schema's first catalog query would wait 60 s.
  e2e::ConnectorClient next(connector_->port, absl::Seconds(20));
  v2::SchemaResponse schema;
  const grpc::Status schema_status = next.Schema(config_, &schema);
  EXPECT_TRUE(schema_status.ok()) << schema_status.error_message();
}

// Parallel readers each open their own TLS connection with certificate
// verification against the configured CA. (Regression: the private CA copy
// was rewritten in place on every login, so concurrent handshakes read a
// truncated file and reported an untrusted certificate.)
TEST(SyncTlsE2eTest, FullLoadOverVerifiedTlsWithParallelReaders) {
  testkit::TempDir dir("sync-tls-e2e");
  absl::StatusOr<testkit::TlsFiles> tls = testkit::MakeTlsFiles(dir.path(), "localhost");
  ASSERT_TRUE(tls.ok()) << tls.status();
  e2e::EmulatorOptions options;
  options.tls_cert = tls->server_cert;
  options.tls_key = tls->server_key;
  options.encryption = "required";
  absl::StatusOr<e2e::RunningEmulator> emu = e2e::StartEmulator(options);
  ASSERT_TRUE(emu.ok()) << emu.status();
  absl::StatusOr<e2e::RunningConnector> conn = e2e::StartConnector();
  ASSERT_TRUE(conn.ok()) << conn.status();
  const ConfigMap config = e2e::EmulatorConfig(*emu, {{"mssql_server", "localhost"},
                                                      {"encryption", "required"},
                                                      {"cert", tls->ca_cert},
                                                      {"threads", "4"},
                                                      {"batch_size_small", "50"}});
  v2::UpdateRequest request;
  for (const auto& [k, v] : config) (*request.mutable_configuration())[k] = v;
  e2e::ConnectorClient client(conn->port, absl::Minutes(5));
  grpc::ClientContext context;
  auto reader = client.Update(&context, request);
  v2::UpdateResponse response;
  int64_t upserts = 0;
  std::string task;
  while (reader->Read(&response)) {
    upserts += response.records().records_size() + (response.has_record() ? 1 : 0);
    if (response.has_task()) task = response.task().message();
  }
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(task, "");
  EXPECT_GT(upserts, 1000);
}

}  // namespace
}  // namespace ehi::sync
