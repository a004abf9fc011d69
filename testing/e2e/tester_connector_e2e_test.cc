// End to end (label e2e): the real mssql-emulator with the demo dataset, the
// real ehi-connector and the real connector-tester process writing
// warehouse.db. Every table's live rows must equal the source's rows, value by
// value in a per-type canonical text; rows soft-deleted in the source arrive
// as `_fivetran_deleted = true`; a second run after source changes applies
// exactly them; a tester killed mid-sync and rerun ends equal too. It lives
// in testing/e2e (not testing/tester) because it reads the source through
// connector/ code, which the tester must not depend on.
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connector/config.h"
#include "connector/sqlserver/connection.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/e2e/fixtures.h"
#include "testing/tester/database.h"
#include "testing/tester/testkit/tester_process.h"
#include "testing/testkit/files.h"
#include "testing/testkit/temp_dir.h"
#include "testing/testkit/wait_for.h"

namespace ehi::e2e {
namespace {

using ::tester::Database;
using ::tester::testkit::ProcessResult;
using ::tester::testkit::RunTester;
using ::tester::testkit::TesterProcess;

constexpr char kNull[] = "\x01NULL";

// A file the tester has not written (yet) reads as "".
std::string ReadFile(const std::string& path) { return testkit::ReadFile(path).value_or(""); }

// "YYYY-MM-DDTHH:MM:SS.ffffff": the warehouse keeps microseconds.
std::string Micros(const ehi::Timestamp& ts) {
  return absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(ts.seconds), absl::UTCTimeZone()),
      absl::StrFormat(".%06d", ts.nanos / 1000));
}

// A source value in the same canonical text as WarehouseExpr() below.
std::string SourceText(const Value& v) {
  if (v.is_null) return kNull;
  switch (v.type) {
    case DataType::kBoolean:
      return v.boolean ? "true" : "false";
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return std::to_string(v.integer);
    case DataType::kFloat:
    case DataType::kDouble:
      return absl::StrFormat("%.17g", v.real);
    case DataType::kNaiveDate:
      return ehi::FormatDate(v.timestamp);
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      return Micros(v.timestamp);
    case DataType::kBinary:
      return absl::AsciiStrToUpper(absl::BytesToHexString(v.text));
    default:
      return v.text;
  }
}

// DuckDB expression rendering a column of `type` like SourceText().
std::string WarehouseExpr(const std::string& column, const std::string& type) {
  const std::string c = absl::StrCat("\"", column, "\"");
  std::string expr;
  if (type == "BOOLEAN") {
    expr = absl::StrCat("CASE WHEN ", c, " THEN 'true' ELSE 'false' END");
  } else if (type == "FLOAT" || type == "DOUBLE") {
    expr = absl::StrCat("printf('%.17g', ", c, "::DOUBLE)");
  } else if (type == "DATE") {
    expr = absl::StrCat("strftime(", c, ", '%Y-%m-%d')");
  } else if (type == "TIMESTAMP" || type == "TIMESTAMP WITH TIME ZONE") {
    expr = absl::StrCat("strftime(", c, ", '%Y-%m-%dT%H:%M:%S.%f')");
  } else if (type == "BLOB") {
    expr = absl::StrCat("hex(", c, ")");
  } else {
    expr = absl::StrCat(c, "::VARCHAR");
  }
  return absl::StrCat("coalesce(", expr, ", chr(1) || 'NULL')");
}

struct TableShape {
  std::string dest;    // "schema"."table"
  std::string source;  // [dbo].[PatientDim]
  std::vector<std::string> dest_columns, source_columns, types;
  std::vector<int> key;      // indexes into the columns
  bool soft_delete = false;  // has _IsDeleted
};

using Rows = std::map<std::string, std::string>;  // key text -> row text

class ConnectorE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<ehi::e2e::RunningEmulator> emu = ehi::e2e::StartEmulator();
    ASSERT_TRUE(emu.ok()) << emu.status();
    emulator_ = std::make_unique<ehi::e2e::RunningEmulator>(std::move(*emu));
    absl::StatusOr<ehi::e2e::RunningConnector> conn = ehi::e2e::StartConnector();
    ASSERT_TRUE(conn.ok()) << conn.status();
    connector_ = std::make_unique<ehi::e2e::RunningConnector>(std::move(*conn));
    config_ = ehi::e2e::EmulatorConfig(
        *emulator_, {{"batch_size_small", "37"}, {"checkpoint_rows_small", "200"}});
    absl::StatusOr<ehi::Config> parsed = ehi::ParseConfig(config_);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    auto source = ehi::sqlserver::Connection::Open(parsed->ConnectionSettings());
    ASSERT_TRUE(source.ok()) << source.status();
    source_ = std::move(*source);
    nlohmann::json json(config_);
    std::ofstream(dir_ + "/configuration.json") << json.dump(2);
  }
  void TearDown() override {
    if (HasFailure()) temp_.Keep();  // for a look at warehouse.db
  }

  std::vector<std::string> Args() {
    return {"--port", std::to_string(connector_->port), "--data-dir", dir_};
  }
  ProcessResult Sync() { return RunTester(Args(), absl::Minutes(5)); }

  std::unique_ptr<Database> OpenWarehouse() {
    auto db = Database::Open(dir_ + "/warehouse.db", /*read_only=*/true);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : nullptr;
  }

  // The synced tables (VALIDATION aside), from the warehouse's own metadata
  // (comments hold the source names).
  std::vector<TableShape> Shapes(Database& db) {
    std::vector<TableShape> shapes;
    auto tables = db.Query(
        "SELECT schema_name, table_name, comment FROM duckdb_tables() "
        "WHERE table_name <> 'validation' ORDER BY 1, 2");
    EXPECT_TRUE(tables.ok()) << tables.status();
    for (const auto& t : tables->rows) {
      TableShape shape;
      const std::string schema = *t[0], table = *t[1], source = t[2].value_or("");
      shape.dest = absl::StrCat("\"", schema, "\".\"", table, "\"");
      size_t dot = source.find('.');
      shape.source = absl::StrCat("[", source.substr(0, dot), "].[", source.substr(dot + 1), "]");
      auto columns = db.Query(absl::StrCat(
          "SELECT column_name, comment, data_type FROM duckdb_columns() WHERE schema_name = '",
          schema, "' AND table_name = '", table,
          "' AND column_name NOT LIKE '\\_fivetran\\_%' ESCAPE '\\' ORDER BY column_index"));
      EXPECT_TRUE(columns.ok()) << columns.status();
      for (const auto& c : columns->rows) {
        shape.dest_columns.push_back(*c[0]);
        shape.source_columns.push_back(c[1].value_or(*c[0]));
        shape.types.push_back(*c[2]);
        if (*c[1] == "_IsDeleted") shape.soft_delete = true;
      }
      auto key = db.Query(absl::StrCat(
          "SELECT unnest(constraint_column_names) FROM duckdb_constraints() WHERE schema_name = '",
          schema, "' AND table_name = '", table, "' AND constraint_type = 'PRIMARY KEY'"));
      for (const auto& k : key->rows) {
        for (size_t i = 0; i < shape.dest_columns.size(); ++i) {
          if (shape.dest_columns[i] == *k[0]) shape.key.push_back(static_cast<int>(i));
        }
      }
      shapes.push_back(std::move(shape));
    }
    return shapes;
  }

  static std::string KeyText(const std::vector<std::string>& row, const TableShape& shape) {
    if (shape.key.empty()) return absl::StrJoin(row, "\x1f");  // keyless: the row
    std::vector<std::string> parts;
    for (int i : shape.key) parts.push_back(row[i]);
    return absl::StrJoin(parts, "\x1f");
  }

  Rows WarehouseRows(Database& db, const TableShape& shape, bool deleted) {
    std::vector<std::string> exprs;
    for (size_t i = 0; i < shape.dest_columns.size(); ++i) {
      exprs.push_back(WarehouseExpr(shape.dest_columns[i], shape.types[i]));
    }
    auto result = db.Query(absl::StrCat("SELECT ", absl::StrJoin(exprs, ", "), " FROM ", shape.dest,
                                        " WHERE _fivetran_deleted = ", deleted ? "true" : "false"));
    EXPECT_TRUE(result.ok()) << result.status();
    Rows rows;
    for (const auto& r : result->rows) {
      std::vector<std::string> row;
      for (const auto& v : r) row.push_back(v.value_or(kNull));
      rows[KeyText(row, shape)] = absl::StrJoin(row, " | ");
    }
    return rows;
  }

  Rows SourceRows(const TableShape& shape) {
    std::vector<std::string> columns;
    for (const std::string& c : shape.source_columns) columns.push_back(absl::StrCat("[", c, "]"));
    Rows rows;
    absl::Status s =
        source_->Query(absl::StrCat("SELECT ", absl::StrJoin(columns, ", "), " FROM ", shape.source,
                                    shape.soft_delete ? " WHERE [_IsDeleted] = 0" : ""),
                       [&](const ehi::sqlserver::Row& r) -> absl::Status {
                         std::vector<std::string> row;
                         for (int i = 0; i < r.column_count(); ++i) {
                           absl::StatusOr<Value> v = r.Get(i);
                           if (!v.ok()) return v.status();
                           row.push_back(SourceText(*v));
                         }
                         rows[KeyText(row, shape)] = absl::StrJoin(row, " | ");
                         return absl::OkStatus();
                       });
    EXPECT_TRUE(s.ok()) << s;
    return rows;
  }

  // Every table's live rows equal the source's, value by value.
  void ExpectWarehouseEqualsSource() {
    std::unique_ptr<Database> db = OpenWarehouse();
    ASSERT_NE(db, nullptr);
    std::vector<TableShape> shapes = Shapes(*db);
    ASSERT_GE(shapes.size(), 5u) << "the demo dataset has several tables";
    size_t rows = 0, values = 0;
    std::set<std::string> types;
    for (const TableShape& shape : shapes) {
      Rows source = SourceRows(shape);
      rows += source.size();
      values += source.size() * shape.types.size();
      types.insert(shape.types.begin(), shape.types.end());
      Rows warehouse = WarehouseRows(*db, shape, /*deleted=*/false);
      EXPECT_EQ(warehouse.size(), source.size()) << shape.source;
      int shown = 0;
      for (const auto& [key, row] : source) {
        auto it = warehouse.find(key);
        if (it == warehouse.end()) {
          if (shown++ < 3) ADD_FAILURE() << shape.source << " lacks key " << key;
        } else if (it->second != row && shown++ < 3) {
          ADD_FAILURE() << shape.source << " key " << key << "\n  source:    " << row
                        << "\n  warehouse: " << it->second;
        }
      }
    }
    std::printf("compared %zu tables, %zu rows, %zu values; warehouse types: %s\n", shapes.size(),
                rows, values, absl::StrJoin(types, ", ").c_str());
    EXPECT_GT(rows, 1000u);
    EXPECT_GE(types.size(), 6u) << "the demo dataset spans many types";
  }

  testkit::TempDir temp_{"tester-connector-e2e"};
  std::string dir_ = temp_.path();
  std::unique_ptr<ehi::e2e::RunningEmulator> emulator_;
  std::unique_ptr<ehi::e2e::RunningConnector> connector_;
  std::map<std::string, std::string> config_;
  std::unique_ptr<ehi::sqlserver::Connection> source_;
};

TEST_F(ConnectorE2eTest, DemoDatasetThenIncrementalChanges) {
  ProcessResult first = Sync();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("\nSync SUCCEEDED\n"), std::string::npos);
  EXPECT_FALSE(
      nlohmann::json::parse(ReadFile(dir_ + "/state.json"), nullptr, false).is_discarded());
  ExpectWarehouseEqualsSource();

  // VALIDATION: the connector's live counts equal the warehouse's.
  {
    std::unique_ptr<Database> db = OpenWarehouse();
    ASSERT_NE(db, nullptr);
    auto v = db->Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'validation'");
    ASSERT_EQ(v->Scalar(), "1");
  }

  // Source changes on every Caboodle-style table with an integer key:
  // two soft deletes, one update.
  std::unique_ptr<Database> db = OpenWarehouse();
  ASSERT_NE(db, nullptr);
  std::vector<TableShape> shapes = Shapes(*db);
  std::map<std::string, std::set<std::string>> deleted_keys;
  for (const TableShape& shape : shapes) {
    if (!shape.soft_delete || shape.key.size() != 1) continue;
    const std::string& type = shape.types[shape.key[0]];
    if (type != "INTEGER" && type != "BIGINT") continue;
    Rows rows = WarehouseRows(*db, shape, false);
    if (rows.size() < 4) continue;
    auto it = rows.begin();
    std::string k1 = (it++)->first, k2 = (it++)->first, k3 = it->first;
    const std::string key = absl::StrCat("[", shape.source_columns[shape.key[0]], "]");
    ASSERT_TRUE(source_
                    ->Execute(absl::StrCat("UPDATE ", shape.source,
                                           " SET [_IsDeleted] = 1, [_LastUpdatedInstant] = "
                                           "SYSUTCDATETIME() WHERE ",
                                           key, " IN (", k1, ", ", k2, ")"))
                    .ok());
    ASSERT_TRUE(source_
                    ->Execute(absl::StrCat("UPDATE ", shape.source,
                                           " SET [_LastUpdatedInstant] = SYSUTCDATETIME() WHERE ",
                                           key, " = ", k3))
                    .ok());
    deleted_keys[shape.dest] = {k1, k2};
  }
  db.reset();
  ASSERT_FALSE(deleted_keys.empty()) << "no Caboodle-style table in the demo dataset";

  ProcessResult second = Sync();
  ASSERT_EQ(second.exit_code, 0) << second.output;
  ExpectWarehouseEqualsSource();
  db = OpenWarehouse();
  ASSERT_NE(db, nullptr);
  for (const TableShape& shape : Shapes(*db)) {
    auto it = deleted_keys.find(shape.dest);
    if (it == deleted_keys.end()) continue;
    Rows deleted = WarehouseRows(*db, shape, /*deleted=*/true);
    for (const std::string& k : it->second) {
      EXPECT_EQ(deleted.count(k), 1u) << shape.source << " key " << k << " not soft-deleted";
    }
  }
}

TEST_F(ConnectorE2eTest, KilledMidSyncThenRerunEqualsSource) {
  TesterProcess first;
  ASSERT_TRUE(first.Start(Args()).ok());
  const std::string state = dir_ + "/state.json";
  // Kill as soon as a first checkpoint is on disk (mid-sync with the small
  // checkpoint interval configured above).
  testkit::WaitFor([&] { return !ReadFile(state).empty(); }, absl::Seconds(120));
  first.Kill(SIGKILL);
  ProcessResult killed = first.Wait(absl::Seconds(10));
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << "the sync ended before the kill:\n"
                                             << killed.output;
  if (!ReadFile(state).empty()) {
    EXPECT_FALSE(nlohmann::json::parse(ReadFile(state), nullptr, false).is_discarded());
  }
  ProcessResult rerun = Sync();
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  ExpectWarehouseEqualsSource();
}

}  // namespace
}  // namespace ehi::e2e
