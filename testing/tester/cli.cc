#include "testing/tester/cli.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "testing/tester/orchestrator.h"
#include "testing/tester/query_command.h"

namespace tester {

std::string Usage() {
  return "usage:\n"
         "  connector-tester --port N [--host H] --data-dir DIR\n"
         "                   [--destination-schema NAME] [--interactive]\n"
         "                   [--connect-timeout SECONDS]\n"
         "  connector-tester query --data-dir DIR [--tsv] \"SQL\"\n";
}

absl::StatusOr<Options> ParseArgs(const std::vector<std::string>& args) {
  Options options;
  size_t i = 0;
  if (!args.empty() && args[0] == "query") {
    options.query = true;
    i = 1;
  }
  bool have_port = false;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* flag) -> absl::StatusOr<std::string> {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(flag, " needs a value"));
      }
      return args[++i];
    };
    if (arg == "--port") {
      absl::StatusOr<std::string> v = value("--port");
      if (!v.ok()) return v.status();
      if (!absl::SimpleAtoi(*v, &options.port) || options.port <= 0 || options.port > 65535) {
        return absl::InvalidArgumentError(absl::StrCat("--port must be 1..65535, got '", *v, "'"));
      }
      have_port = true;
    } else if (arg == "--host") {
      absl::StatusOr<std::string> v = value("--host");
      if (!v.ok()) return v.status();
      options.host = *v;
    } else if (arg == "--data-dir") {
      absl::StatusOr<std::string> v = value("--data-dir");
      if (!v.ok()) return v.status();
      options.data_dir = *v;
    } else if (arg == "--destination-schema") {
      absl::StatusOr<std::string> v = value("--destination-schema");
      if (!v.ok()) return v.status();
      if (v->empty()) {
        return absl::InvalidArgumentError("--destination-schema is empty");
      }
      options.destination_schema = *v;
    } else if (arg == "--connect-timeout") {
      absl::StatusOr<std::string> v = value("--connect-timeout");
      if (!v.ok()) return v.status();
      if (!absl::SimpleAtoi(*v, &options.connect_timeout_seconds) ||
          options.connect_timeout_seconds <= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("--connect-timeout must be a positive number of seconds, got '", *v, "'"));
      }
    } else if (arg == "--tsv" && options.query) {
      options.tsv = true;
    } else if (arg == "--interactive") {
      options.interactive = true;
    } else if (options.query && options.sql.empty() && arg.rfind("--", 0)) {
      options.sql = arg;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument '", arg, "'"));
    }
  }
  if (options.data_dir.empty()) {
    return absl::InvalidArgumentError("--data-dir is required");
  }
  while (options.data_dir.size() > 1 && options.data_dir.back() == '/') {
    options.data_dir.pop_back();
  }
  if (options.query) {
    if (options.sql.empty()) {
      return absl::InvalidArgumentError("query needs the SQL to run");
    }
  } else if (!have_port) {
    return absl::InvalidArgumentError("--port is required");
  }
  return options;
}

int RunMain(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::fputs(Usage().c_str(), stdout);
    return 0;
  }
  absl::StatusOr<Options> options = ParseArgs(args);
  if (!options.ok()) {
    std::fprintf(stderr, "connector-tester: %s\n%s",
                 std::string(options.status().message()).c_str(), Usage().c_str());
    return 2;
  }
  ehi::SetLogOrigin("connector_tester");
  if (options->query) return RunQueryCommand(*options, stdout);
  return RunSync(*options, stdout);
}

}  // namespace tester
