// Whole-file reads and writes for tests.
//
//   ASSERT_TRUE(WriteFile(dir.File("config.json"), "{}").ok());
//   std::string state = ReadFile(dir.File("state.json")).value_or("");
#ifndef EHI_TESTING_TESTKIT_FILES_H_
#define EHI_TESTING_TESTKIT_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ehi::testkit {

// The file's bytes; NOT_FOUND (or another error) naming the path.
absl::StatusOr<std::string> ReadFile(const std::string& path);

// Creates or truncates `path` and writes `contents`.
absl::Status WriteFile(const std::string& path, absl::string_view contents);

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_FILES_H_
