// Throughput of connector-tester, two ways (ctest label `bench`):
//
//   applier   records already in memory, applied by the Applier to a DuckDB
//             file and committed: the warehouse side alone.
//   process   a scripted SDK v2 source streams batched `records` responses
//             (100 per response) over gRPC to a real connector-tester
//             process: what a demo or CI sync sees.
//
// Narrow table: id BIGINT key, name VARCHAR, amount DECIMAL(18,2),
// updated TIMESTAMPTZ.
//
//   tester_bench [--rows N] [--skip-process]
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "testing/tester/applier.h"
#include "testing/tester/catalog.h"
#include "testing/tester/database.h"
#include "testing/tester/testkit/scripted_source.h"
#include "testing/tester/testkit/tester_process.h"
#include "testing/testkit/temp_dir.h"

namespace tester {
namespace {

using namespace testkit;  // NOLINT: builders only

v2::Table NarrowTable() {
  return MakeTable("Narrow", {Col("Id", v2::LONG, true), Col("Name", v2::STRING),
                              DecimalCol("Amount", 18, 2), Col("Updated", v2::UTC_DATETIME)});
}

v2::Record NarrowRow(int64_t id, int round) {
  return MakeRecord("dbo", "Narrow", v2::UPSERT,
                    {{"Id", Long(id)},
                     {"Name", Str(absl::StrCat("name-", id, "-", round))},
                     {"Amount", Dec(absl::StrCat(id % 100000, ".", round % 100))},
                     {"Updated", UtcMicros(1700000000000000 + id)}});
}

// CPU seconds of this process (all threads) or of its reaped children.
double CpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Wall-clock rate, and the rate per CPU-second spent, which says more on a
// shared, loaded machine.
void Report(const char* what, int64_t rows, absl::Duration elapsed, double cpu_seconds) {
  double seconds = absl::ToDoubleSeconds(elapsed);
  std::printf("%-42s %8lld rows %7.2f s %9.0f rows/s | %6.2f CPU s %9.0f rows/CPU-s\n", what,
              static_cast<long long>(rows), seconds, rows / seconds, cpu_seconds,
              rows / cpu_seconds);
  std::fflush(stdout);
}

int BenchApplier(int64_t rows, const std::string& dir) {
  auto db = Database::Open(dir + "/bench.db");
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", std::string(db.status().message()).c_str());
    return 1;
  }
  Catalog catalog(db->get(), "default_schema");
  if (!catalog.Declare("dbo", NarrowTable()).ok()) return 1;
  Applier applier(db->get(), &catalog);
  for (int round = 0; round < 2; ++round) {
    std::vector<v2::Record> records;
    records.reserve(rows);
    for (int64_t id = 1; id <= rows; ++id) records.push_back(NarrowRow(id, round));
    absl::Time start = absl::Now();
    double cpu = CpuSeconds(RUSAGE_SELF);
    for (const v2::Record& r : records) {
      absl::Status s = applier.Apply(r);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", std::string(s.message()).c_str());
        return 1;
      }
    }
    absl::Status s = applier.Commit();
    if (!s.ok()) return 1;
    Report(round == 0 ? "applier: upserts, new keys" : "applier: upserts, existing keys", rows,
           absl::Now() - start, CpuSeconds(RUSAGE_SELF) - cpu);
  }
  std::vector<v2::Record> deletes;
  for (int64_t id = 1; id <= rows; id += 2) {
    deletes.push_back(MakeRecord("dbo", "Narrow", v2::DELETE, {{"Id", Long(id)}}));
  }
  absl::Time start = absl::Now();
  double cpu = CpuSeconds(RUSAGE_SELF);
  for (const v2::Record& r : deletes) {
    if (!applier.Apply(r).ok()) return 1;
  }
  if (!applier.Commit().ok()) return 1;
  Report("applier: deletes", static_cast<int64_t>(deletes.size()), absl::Now() - start,
         CpuSeconds(RUSAGE_SELF) - cpu);
  return 0;
}

int BenchProcess(int64_t rows, const std::string& dir) {
  ScriptedSource source;
  source.form = MakeForm({}, {});
  v2::Schema* dbo = source.schema.mutable_with_schema()->add_schemas();
  dbo->set_name("dbo");
  *dbo->add_tables() = NarrowTable();
  // Pre-built responses, so the source is not what is measured.
  std::vector<v2::UpdateResponse> responses;
  for (int64_t id = 1; id <= rows;) {
    std::vector<v2::Record> batch;
    for (int i = 0; i < 100 && id <= rows; ++i, ++id) batch.push_back(NarrowRow(id, 0));
    responses.push_back(Batch(std::move(batch)));
    if ((id - 1) % 100000 == 0) responses.push_back(CheckpointResponse("{}"));
  }
  source.update = [&responses](const v2::UpdateRequest&, UpdateWriter* w) {
    for (const v2::UpdateResponse& r : responses) {
      if (!w->Write(r)) return grpc::Status::CANCELLED;
    }
    w->Write(CheckpointResponse(R"({"done":true})"));
    return grpc::Status::OK;
  };
  int port = source.Start();
  std::ofstream(dir + "/process/configuration.json") << "{}";
  absl::Time start = absl::Now();
  double child_cpu = CpuSeconds(RUSAGE_CHILDREN);
  ProcessResult r = RunTester({"--port", std::to_string(port), "--data-dir", dir + "/process"},
                              absl::Minutes(10));
  absl::Duration elapsed = absl::Now() - start;
  if (r.exit_code != 0) {
    std::fprintf(stderr, "connector-tester failed:\n%s\n", r.output.c_str());
    return 1;
  }
  // CPU of the connector-tester process only (the source runs here).
  Report("process: connector-tester (gRPC, 100/resp)", rows, elapsed,
         CpuSeconds(RUSAGE_CHILDREN) - child_cpu);
  return 0;
}

}  // namespace
}  // namespace tester

int main(int argc, char** argv) {
  int64_t rows = 1000000;
  bool process = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) {
      if (!absl::SimpleAtoi(argv[++i], &rows) || rows <= 0) return 2;
    } else if (arg == "--skip-process") {
      process = false;
    } else {
      std::fprintf(stderr, "usage: tester_bench [--rows N] [--skip-process]\n");
      return 2;
    }
  }
  ehi::testkit::TempDir dir("tester-bench");
  ::mkdir(dir.File("process").c_str(), 0755);
  int rc = tester::BenchApplier(rows, dir.path());
  if (rc == 0 && process) rc = tester::BenchProcess(rows, dir.path());
  return rc;
}
