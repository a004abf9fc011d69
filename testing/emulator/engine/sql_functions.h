// The _ms_* SQLite functions the translator emits (conversions, string and
// date functions with SQL Server semantics, metadata functions).
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQL_FUNCTIONS_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQL_FUNCTIONS_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "testing/emulator/engine/catalog.h"

struct sqlite3;

namespace emulator {

// Engine-wide state the functions read. Owned by the engine; outlives every
// connection it is registered on.
struct FunctionEnv {
  std::string db_name;
  // The current catalog (thread-safe getter).
  std::function<std::shared_ptr<const CatalogSnapshot>()> catalog;
  // Database-wide rowversion counter (last value handed out).
  std::atomic<int64_t> rowversion{0};
};

int RegisterSqlFunctions(sqlite3* db, FunctionEnv* env);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQL_FUNCTIONS_H_
