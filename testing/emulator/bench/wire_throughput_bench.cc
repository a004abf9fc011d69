// Rows/s the emulator's wire layer streams to FreeTDS DB-Library for a
// 10-column table. The rows come from an in-process engine that computes
// them from the row number (no SQLite), so the figure isolates TDS
// encoding + socket + client decoding: the ceiling of the emulator.
//
//   wire_throughput_bench [rows] [--tls]
#include <sybdb.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "testing/emulator/wire/server.h"
#include "testing/emulator/wire/temporal_codec.h"

namespace emulator {
namespace {

class SyntheticSession : public Session {
 public:
  ExecOutcome ExecuteBatch(std::string_view sql, ResultSink& sink) override {
    const int64_t rows = std::atoll(std::string(sql).c_str());
    sink.BeginRows({{"id", SqlType::Of(TypeId::kBigInt)},
                    {"encounter", SqlType::Of(TypeId::kInt)},
                    {"name", SqlType::Of(TypeId::kNVarChar, 50)},
                    {"code", SqlType::Of(TypeId::kVarChar, 20)},
                    {"updated", SqlType::Of(TypeId::kDateTime2, 0, 0, 7)},
                    {"amount", SqlType::Of(TypeId::kDecimal, 0, 18, 4)},
                    {"score", SqlType::Of(TypeId::kFloat)},
                    {"deleted", SqlType::Of(TypeId::kBit)},
                    {"guid", SqlType::Of(TypeId::kUniqueIdentifier)},
                    {"day", SqlType::Of(TypeId::kDate)}});
    std::vector<Value> row(10);
    const std::string guid(16, '\x5a');
    int64_t i = 0;
    for (; i < rows; ++i) {
      row[0] = Value::Int(i);
      row[1] = Value::Int(i % 100000);
      row[2] = Value::Text(absl::StrCat("Patient ", i));
      row[3] = i % 7 == 0 ? Value::Null() : Value::Text("ABC-123");
      row[4] = Value::Text("2024-05-06 07:08:09.1234567");
      row[5] = Value::Text(absl::StrCat(i, ".2500"));
      row[6] = Value::Double(static_cast<double>(i) * 0.5);
      row[7] = Value::Int(i & 1);
      row[8] = Value::Bytes(guid);
      row[9] = Value::Text("2024-05-06");
      if (!sink.Row(row)) break;
    }
    sink.StatementDone(true, i, false);
    return ExecOutcome::kOk;
  }
  ExecOutcome ExecuteRpc(std::string_view sql, const std::vector<Param>&,
                         ResultSink& sink) override {
    return ExecuteBatch(sql, sink);
  }
  const SessionOptions& options() const override { return options_; }
  void Reset() override {}

 private:
  SessionOptions options_;
};

class SyntheticEngine : public Engine {
 public:
  std::string database_name() const override { return "bench"; }
  absl::StatusOr<std::unique_ptr<Session>> OpenSession() override {
    return std::unique_ptr<Session>(new SyntheticSession());
  }
  bool ShouldRefuseConnection() override { return false; }
};

int Run(int64_t rows, bool tls) {
  const std::string dir = "/tmp/wire_bench_" + std::to_string(::getpid());
  std::system(("mkdir -p " + dir).c_str());
  std::ofstream(dir + "/freetds.conf")
      << "[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n"
      << "\tencryption = " << (tls ? "require" : "off") << "\n";
  ::setenv("FREETDSCONF", (dir + "/freetds.conf").c_str(), 1);
  WireConfig config;
  config.password = "bench";
  if (tls) {
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + dir +
        "/key.pem -out " + dir + "/cert.pem >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return std::fprintf(stderr, "openssl failed\n"), 1;
    auto ctx = TlsContext::Create(dir + "/cert.pem", dir + "/key.pem");
    if (!ctx.ok()) return 1;
    config.tls = *ctx;
    config.encryption = EncryptionMode::kRequired;
  }
  SyntheticEngine engine;
  auto server = Server::Start(&engine, config, 0, {"127.0.0.1"});
  if (!server.ok()) return 1;
  dbinit();
  LOGINREC* login = dblogin();
  DBSETLUSER(login, "sa");
  DBSETLPWD(login, "bench");
  DBSETLVERSION(login, DBVERSION_74);
  DBSETLCHARSET(login, "UTF-8");
  DBPROCESS* proc = dbopen(login, absl::StrCat("127.0.0.1:", (*server)->port()).c_str());
  if (proc == nullptr) return std::fprintf(stderr, "login failed\n"), 1;
  const auto start = std::chrono::steady_clock::now();
  dbcmd(proc, std::to_string(rows).c_str());
  dbsqlexec(proc);
  int64_t got = 0;
  int64_t bytes = 0;
  while (dbresults(proc) == 1) {
    while (dbnextrow(proc) == REG_ROW) {
      ++got;
      for (int c = 1; c <= 10; ++c) bytes += dbdatlen(proc, c);
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("rows=%lld columns=10 tls=%s seconds=%.3f rows_per_second=%.0f client_bytes=%lld\n",
              static_cast<long long>(got), tls ? "yes" : "no", seconds, got / seconds,
              static_cast<long long>(bytes));
  dbclose(proc);
  (*server)->Stop();
  std::system(("rm -rf " + dir).c_str());
  return got == rows ? 0 : 1;
}

}  // namespace
}  // namespace emulator

int main(int argc, char** argv) {
  int64_t rows = 2'000'000;
  bool tls = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--tls") {
      tls = true;
    } else {
      rows = std::atoll(argv[i]);
    }
  }
  return emulator::Run(rows, tls);
}
