// mssql-emulator: a SQL Server stand-in for tests, demos and benchmarks.
// TDS 7.4 on the wire (wire/), T-SQL over SQLite behind it (engine/).
//
//   mssql-emulator --port 0 --data /tmp/db.sqlite --user sa --password pw
//       --database Caboodle [--seed demo --scale 10]
//       [--tls-cert cert.pem --tls-key key.pem --encryption required]
//       [--log-sql batches.log] [--verbose]
//
// The first stdout line is "listening on <port>"; logs go to stderr as JSON
// lines. SIGINT or SIGTERM stops the server.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "testing/emulator/engine/sqlite_engine.h"
#include "testing/emulator/wire/server.h"

namespace {

constexpr char kUsage[] =
    "usage: mssql-emulator [options]\n"
    "  --port N             TCP port on 127.0.0.1 and ::1 (default 1433; 0 = any free port,\n"
    "                       printed as the first stdout line \"listening on <port>\")\n"
    "  --data FILE          SQLite file with all data (default :memory:; created when missing)\n"
    "  --user NAME          SQL login name (default sa)\n"
    "  --password PW        SQL login password (default emulator)\n"
    "  --database NAME      database name for DB_NAME() and the login (default master)\n"
    "  --tls-cert PEM       server certificate (chain) for TLS\n"
    "  --tls-key PEM        its private key\n"
    "  --encryption MODE    off | on | required (default: on with a certificate, else off)\n"
    "  --seed demo          create the demo dataset\n"
    "  --scale K            row-count multiplier for --seed demo (default 1)\n"
    "  --log-sql FILE       append every batch received, one per line\n"
    "  --verbose            debug logging (connections, logins) on stderr\n";

struct Flags {
  std::map<std::string, std::string> values;
  bool verbose = false;
};

// Accepts "--name value" and "--name=value".
bool ParseFlags(int argc, char** argv, Flags* flags, std::string* error) {
  static const char* const kKnown[] = {"port",     "data",     "user",    "password",
                                       "database", "tls-cert", "tls-key", "encryption",
                                       "seed",     "scale",    "log-sql"};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--verbose") {
      flags->verbose = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      *error = "unexpected argument: " + arg;
      return false;
    }
    arg = arg.substr(2);
    std::string value;
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      *error = "missing value for --" + arg;
      return false;
    }
    bool known = false;
    for (const char* k : kKnown) known |= arg == k;
    if (!known) {
      *error = "unknown option --" + arg;
      return false;
    }
    flags->values[arg] = value;
  }
  return true;
}

std::string Get(const Flags& flags, const std::string& name, const std::string& fallback) {
  auto it = flags.values.find(name);
  return it == flags.values.end() ? fallback : it->second;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "mssql-emulator: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  Flags flags;
  std::string error;
  if (!ParseFlags(argc, argv, &flags, &error)) return Fail(error + "\n" + kUsage);

  ehi::SetLogSink(stderr);
  ehi::SetLogOrigin("mssql-emulator");
  ehi::SetDebugLogging(flags.verbose);

  int port = 1433;
  if (!absl::SimpleAtoi(Get(flags, "port", "1433"), &port) || port < 0 || port > 65535) {
    return Fail("--port must be 0..65535");
  }
  emulator::EngineOptions engine_options;
  engine_options.data_path = Get(flags, "data", ":memory:");
  engine_options.database_name = Get(flags, "database", "master");
  engine_options.sql_log_path = Get(flags, "log-sql", "");
  engine_options.seed = Get(flags, "seed", "");
  if (!absl::SimpleAtoi(Get(flags, "scale", "1"), &engine_options.scale) ||
      engine_options.scale < 1) {
    return Fail("--scale must be a positive integer");
  }
  if (!engine_options.seed.empty() && engine_options.seed != "demo") {
    return Fail("--seed accepts only 'demo'");
  }

  emulator::WireConfig wire;
  wire.user = Get(flags, "user", "sa");
  wire.password = Get(flags, "password", "emulator");
  const std::string cert = Get(flags, "tls-cert", "");
  const std::string key = Get(flags, "tls-key", "");
  if (cert.empty() != key.empty()) return Fail("--tls-cert and --tls-key go together");
  const std::string mode = Get(flags, "encryption", cert.empty() ? "off" : "on");
  if (mode == "off") {
    wire.encryption = emulator::EncryptionMode::kOff;
  } else if (mode == "on") {
    wire.encryption = emulator::EncryptionMode::kOn;
  } else if (mode == "required") {
    wire.encryption = emulator::EncryptionMode::kRequired;
  } else {
    return Fail("--encryption must be off, on or required");
  }
  if (wire.encryption != emulator::EncryptionMode::kOff) {
    if (cert.empty()) return Fail("--encryption " + mode + " needs --tls-cert and --tls-key");
    auto tls = emulator::TlsContext::Create(cert, key);
    if (!tls.ok()) return Fail(tls.status().ToString());
    wire.tls = *tls;
  }

  // Block the stop signals before any thread starts so that only the
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto engine = emulator::CreateSqliteEngine(engine_options);
  if (!engine.ok()) return Fail("engine: " + engine.status().ToString());
  auto server = emulator::Server::Start(engine->get(), wire, port);
  if (!server.ok()) return Fail(server.status().ToString());

  std::printf("listening on %d\n", (*server)->port());
  std::fflush(stdout);
  ehi::LogInfo(absl::StrCat("mssql-emulator: listening on port ", (*server)->port(), ", database ",
                            (*engine)->database_name(), ", encryption ", mode));

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  ehi::LogInfo(absl::StrCat("mssql-emulator: stopping on signal ", signal_number));
  (*server)->Stop();
  return 0;
}
