// The sync, driven the way Fivetran's orchestrator drives a source:
//
//   ConfigurationForm -> DIR/configuration.json (or prompts) -> every Test
//   -> DIR/state.json -> Schema -> DIR/schema_selection.txt -> Update, whose
//   operations are applied to DIR/warehouse.db as they arrive.
//
// On each Checkpoint the operations received before it are committed to
// warehouse.db first, and only then is state.json replaced (atomically), so
// the state never claims more than the warehouse holds. When the sync fails
// (a Task, a bad record, a broken stream) everything after the last
// checkpoint is rolled back: warehouse.db and state.json stay consistent and
// the next run resumes from that checkpoint.
#ifndef EHI_TESTING_TESTER_ORCHESTRATOR_H_
#define EHI_TESTING_TESTER_ORCHESTRATOR_H_

#include <cstdio>

#include "testing/tester/cli.h"

namespace tester {

// Runs one sync and prints its outcome on `out`; returns the exit code:
// 0 after "Sync SUCCEEDED", 1 after "Sync FAILED: <reason>".
int RunSync(const Options& options, std::FILE* out);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_ORCHESTRATOR_H_
