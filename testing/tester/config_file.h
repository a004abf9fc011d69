// DIR/configuration.json: the connector's configuration, one JSON object
// whose values are strings (numbers and booleans are accepted and passed on
// as their text, the way the orchestrator's form sends them).
//
// When the file is missing the tester asks for each form field on a
// terminal (and saves the answers), or fails listing the required fields.
#ifndef EHI_TESTING_TESTER_CONFIG_FILE_H_
#define EHI_TESTING_TESTER_CONFIG_FILE_H_

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common.pb.h"

namespace tester {

using Configuration = std::map<std::string, std::string>;

// std::nullopt when the file does not exist; an error naming the file and
// the problem when it is not a JSON object of scalar values.
absl::StatusOr<std::optional<Configuration>> ReadConfigurationFile(const std::string& path);

// The required fields of the form that apply to `config` (conditional
// fields count when their condition holds), as "name (label)".
std::vector<std::string> MissingRequiredFields(
    const fivetran_sdk::v2::ConfigurationFormResponse& form, const Configuration& config);

// Asks for every field on `in`/`out` (a terminal), offering defaults and
// choices. Password fields are read without echo when `in` is a terminal.
absl::StatusOr<Configuration> PromptForConfiguration(
    const fivetran_sdk::v2::ConfigurationFormResponse& form, std::FILE* in, std::FILE* out);

// Writes `config` as pretty JSON (atomically).
absl::Status WriteConfigurationFile(const std::string& path, const Configuration& config);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_CONFIG_FILE_H_
