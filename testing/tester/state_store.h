// DIR/state.json: the connector's opaque state between syncs.
//
// WriteStateFile replaces the file atomically and durably: write a temporary
// file beside it, fsync it, rename it over state.json, fsync the folder. A
// crash at any point leaves either the old or the new state, never a torn
// file. The orchestrator calls it only after the operations that preceded a
// Checkpoint are committed to warehouse.db.
#ifndef EHI_TESTING_TESTER_STATE_STORE_H_
#define EHI_TESTING_TESTER_STATE_STORE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace tester {

// The state's JSON text, std::nullopt when the file does not exist. A file
// that is not valid JSON is an error naming the file and the problem.
absl::StatusOr<std::optional<std::string>> ReadStateFile(const std::string& path);

// Rejects text that is not JSON (so a bad checkpoint never replaces a good
// state), then replaces `path` atomically.
absl::Status WriteStateFile(const std::string& path, const std::string& json);

// Replaces `path` with `contents` atomically and durably (no JSON check).
absl::Status WriteFileAtomically(const std::string& path, const std::string& contents);

// The whole file; NotFound when missing.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_STATE_STORE_H_
