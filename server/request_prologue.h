// The first step of every RPC that carries a configuration (Test, Schema,
// Update): parse it into a Config, apply its `debug` key to the logger and
// log its warnings (unknown keys), so every handler honours the same keys in
// the same way.
//
//   EHI_ASSIGN_OR_RETURN(Config config, BeginRequest(request.configuration()));
//
// Thread-safety: SetDebugLogging is process-wide; the last request wins, as
// it always has for Test and Schema.
#ifndef EHI_SERVER_REQUEST_PROLOGUE_H_
#define EHI_SERVER_REQUEST_PROLOGUE_H_

#include <string>

#include "absl/status/statusor.h"
#include "connector/config.h"
#include "google/protobuf/map.h"

namespace ehi::server {

// INVALID_ARGUMENT from ParseConfig when the configuration is malformed; the
// logger is left as it was then.
absl::StatusOr<Config> BeginRequest(
    const google::protobuf::Map<std::string, std::string>& configuration);

}  // namespace ehi::server

#endif  // EHI_SERVER_REQUEST_PROLOGUE_H_
