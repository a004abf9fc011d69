// Factory for the emulator's SQL engine: T-SQL translated onto SQLite.
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

struct EngineOptions {
  std::string data_path = ":memory:";  // SQLite file, created when missing
  std::string database_name = "master";
  std::string sql_log_path;  // when set, every batch is appended, one per line
  std::string seed;          // "" or "demo"
  int scale = 1;             // row-count multiplier for the demo seed
};

absl::StatusOr<std::unique_ptr<Engine>> CreateSqliteEngine(const EngineOptions& options);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQLITE_ENGINE_H_
