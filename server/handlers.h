// One function per RPC. Each that carries a configuration begins with
// BeginRequest (request_prologue.h: parse it once into a Config, apply
// `debug`, log warnings), calls the domain and converts the result; errors
// leave through ToGrpcStatus.
#ifndef EHI_SERVER_HANDLERS_H_
#define EHI_SERVER_HANDLERS_H_

#include <atomic>

#include "absl/status/status.h"
#include "connector_sdk.grpc.pb.h"

namespace ehi::server {

absl::Status HandleConfigurationForm(fivetran_sdk::v2::ConfigurationFormResponse* response);
absl::Status HandleTest(const fivetran_sdk::v2::TestRequest& request,
                        fivetran_sdk::v2::TestResponse* response);
absl::Status HandleSchema(const fivetran_sdk::v2::SchemaRequest& request,
                          fivetran_sdk::v2::SchemaResponse* response);
// Runs one sync (connector/sync/sync_engine.h) after validating the
// configuration. `stopping` turns true when the process shuts down;
// `context` is cancelled when the orchestrator goes away.
absl::Status HandleUpdate(const fivetran_sdk::v2::UpdateRequest& request,
                          grpc::ServerContext* context,
                          grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* writer,
                          const std::atomic<bool>& stopping);

}  // namespace ehi::server

#endif  // EHI_SERVER_HANDLERS_H_
