#include "server/source_connector_service.h"

#include "server/grpc_status.h"
#include "server/handlers.h"

namespace ehi::server {

namespace v2 = fivetran_sdk::v2;

grpc::Status SourceConnectorService::ConfigurationForm(grpc::ServerContext*,
                                                       const v2::ConfigurationFormRequest*,
                                                       v2::ConfigurationFormResponse* response) {
  return ToGrpcStatus(HandleConfigurationForm(response));
}

grpc::Status SourceConnectorService::Test(grpc::ServerContext*, const v2::TestRequest* request,
                                          v2::TestResponse* response) {
  return ToGrpcStatus(HandleTest(*request, response));
}

grpc::Status SourceConnectorService::Schema(grpc::ServerContext*, const v2::SchemaRequest* request,
                                            v2::SchemaResponse* response) {
  return ToGrpcStatus(HandleSchema(*request, response));
}

grpc::Status SourceConnectorService::Update(grpc::ServerContext* context,
                                            const v2::UpdateRequest* request,
                                            grpc::ServerWriter<v2::UpdateResponse>* writer) {
  return ToGrpcStatus(HandleUpdate(*request, context, writer, stopping_));
}

}  // namespace ehi::server
