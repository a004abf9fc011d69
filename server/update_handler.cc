#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/config.h"
#include "server/handlers.h"
#include "server/proto_convert.h"

namespace ehi::server {

absl::Status HandleUpdate(const fivetran_sdk::v2::UpdateRequest& request,
                          grpc::ServerContext* /*context*/,
                          grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* /*writer*/,
                          const std::atomic<bool>& /*stopping*/) {
  // Validate first so configuration errors read the same as for Schema.
  EHI_ASSIGN_OR_RETURN(Config config, ParseConfig(ToConfigMap(request.configuration())));
  for (const std::string& warning : config.warnings) LogWarning(warning);
  // Seam for the sync engine: adapt `writer` to an UpdateSink, watch
  // `context->IsCancelled()` and `stopping`, and run the sync here.
  return absl::UnimplementedError(
      "Update is not implemented yet in this build of ehi-connector (the sync engine is in "
      "progress); ConfigurationForm, Test and Schema are available.");
}

}  // namespace ehi::server
