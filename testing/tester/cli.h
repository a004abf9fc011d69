// Command line of connector-tester.
//
//   connector-tester --port N [--host H] --data-dir DIR
//                    [--destination-schema NAME] [--interactive]
//                    [--connect-timeout SECONDS]
//   connector-tester query --data-dir DIR [--tsv] "SQL"
#ifndef EHI_TESTING_TESTER_CLI_H_
#define EHI_TESTING_TESTER_CLI_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tester {

struct Options {
  bool query = false;  // the `query` subcommand
  std::string host = "127.0.0.1";
  int port = 0;
  std::string data_dir;
  std::string destination_schema = "default_schema";
  bool interactive = false;
  int connect_timeout_seconds = 15;
  std::string sql;   // for `query`
  bool tsv = false;  // `query --tsv`: tab-separated rows, no header (scripts)
};

absl::StatusOr<Options> ParseArgs(const std::vector<std::string>& args);
std::string Usage();

// The whole program: parses, dispatches, returns the exit code.
int RunMain(int argc, char** argv);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_CLI_H_
