// fivetran_sdk.v2.SourceConnector: proto in, domain call, proto out. One
// small handler per RPC (handlers.h); this class only dispatches and keeps
// the process-wide "stopping" flag that long-running RPCs watch.
//
// Thread-safe: gRPC calls the handlers concurrently; they share nothing but
// the atomic flag.
#ifndef EHI_SERVER_SOURCE_CONNECTOR_SERVICE_H_
#define EHI_SERVER_SOURCE_CONNECTOR_SERVICE_H_

#include <atomic>

#include "connector_sdk.grpc.pb.h"

namespace ehi::server {

class SourceConnectorService final : public fivetran_sdk::v2::SourceConnector::Service {
 public:
  grpc::Status ConfigurationForm(grpc::ServerContext* context,
                                 const fivetran_sdk::v2::ConfigurationFormRequest* request,
                                 fivetran_sdk::v2::ConfigurationFormResponse* response) override;
  grpc::Status Test(grpc::ServerContext* context, const fivetran_sdk::v2::TestRequest* request,
                    fivetran_sdk::v2::TestResponse* response) override;
  grpc::Status Schema(grpc::ServerContext* context, const fivetran_sdk::v2::SchemaRequest* request,
                      fivetran_sdk::v2::SchemaResponse* response) override;
  grpc::Status Update(grpc::ServerContext* context, const fivetran_sdk::v2::UpdateRequest* request,
                      grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* writer) override;

  // Called on SIGTERM/SIGINT before the server shuts down: streams should
  // end promptly with a status.
  void BeginShutdown() { stopping_.store(true); }
  bool stopping() const { return stopping_.load(); }

 private:
  std::atomic<bool> stopping_{false};
};

}  // namespace ehi::server

#endif  // EHI_SERVER_SOURCE_CONNECTOR_SERVICE_H_
