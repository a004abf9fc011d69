// The demo dataset (--seed demo --scale K): an Epic-Caboodle-like schema in
// dbo with deterministic rows (see README.md "Demo dataset").
#ifndef EHI_TESTING_EMULATOR_ENGINE_DEMO_SEED_H_
#define EHI_TESTING_EMULATOR_ENGINE_DEMO_SEED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace emulator {

class SqliteEngine;

// Row counts of the demo tables at `scale`, in creation order.
struct DemoTableCount {
  std::string name;
  int64_t rows;
};
std::vector<DemoTableCount> DemoTableCounts(int scale);

// Creates and fills the demo tables unless dbo.PatientDim already exists.
absl::Status SeedDemo(SqliteEngine& engine, int scale);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_DEMO_SEED_H_
