#include "server/request_prologue.h"

#include "common/logger.h"
#include "common/status_macros.h"
#include "server/proto_convert.h"

namespace ehi::server {

absl::StatusOr<Config> BeginRequest(
    const google::protobuf::Map<std::string, std::string>& configuration) {
  EHI_ASSIGN_OR_RETURN(Config config, ParseConfig(ToConfigMap(configuration)));
  SetDebugLogging(config.debug);
  for (const std::string& warning : config.warnings) LogWarning(warning);
  return config;
}

}  // namespace ehi::server
