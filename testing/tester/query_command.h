// `connector-tester query --data-dir DIR "SQL"`: runs one statement on
// DIR/warehouse.db (read-only) and prints the result as a text table, so
// users can look at the warehouse without DuckDB's own CLI.
#ifndef EHI_TESTING_TESTER_QUERY_COMMAND_H_
#define EHI_TESTING_TESTER_QUERY_COMMAND_H_

#include <cstdio>
#include <string>

#include "testing/tester/cli.h"
#include "testing/tester/database.h"

namespace tester {

// Renders a result as an aligned table followed by "(N rows)".
std::string FormatResultTable(const ResultTable& table);

// One line per row, values separated by tabs (tabs and newlines inside
// values become spaces), NULL as an empty field; no header.
std::string FormatResultTsv(const ResultTable& table);

// Returns the exit code (0 ok, 1 error).
int RunQueryCommand(const Options& options, std::FILE* out);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_QUERY_COMMAND_H_
