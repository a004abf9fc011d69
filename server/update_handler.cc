#include <cstdlib>

#include "absl/strings/numbers.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/config.h"
#include "connector/sync/sql_source.h"
#include "connector/sync/sync_engine.h"
#include "server/grpc_update_sink.h"
#include "server/handlers.h"
#include "server/proto_convert.h"
#include "server/request_prologue.h"

namespace ehi::server {

absl::Status HandleUpdate(const fivetran_sdk::v2::UpdateRequest& request,
                          grpc::ServerContext* context,
                          grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* writer,
                          const std::atomic<bool>& stopping) {
  // Validate first so configuration errors read the same as for Schema.
  EHI_ASSIGN_OR_RETURN(Config config, BeginRequest(request.configuration()));
  sync::SyncRequest sync_request;
  sync_request.selection = FromProtoSelection(request);
  sync_request.state_json = request.state_json();
  sync::SyncOptions options;
  // Test hook for end-to-end tests on huge synthetic tables; never set in
  // production (the table's load is then left unfinished on purpose).
  if (const char* limit = std::getenv("EHI_SYNC_TEST_MAX_ROWS_PER_TABLE"); limit != nullptr) {
    int64_t n = 0;
    if (absl::SimpleAtoi(limit, &n) && n > 0) {
      options.max_rows_per_table = n;
      LogWarning("EHI_SYNC_TEST_MAX_ROWS_PER_TABLE is set: tables are read only partially");
    }
  }
  sync::SqlSourceFactory factory(config.ConnectionSettings());
  GrpcUpdateSink sink(context, writer, stopping, config.batch_records);
  return sync::RunSync(config, sync_request, factory, sink, options);
}

}  // namespace ehi::server
