// The sync engine's UpdateSink on a gRPC server stream: domain records →
// UpdateResponse. With Config::batch_records each SendRecords call becomes
// one `records` response (the engine keeps ≤ 100 records and a byte budget
// per call); without it, one `record` response per record, for
// orchestrators that predate batching. A failed Write means the client is
// gone: the call returns CANCELLED and Cancelled() turns true.
//
//   GrpcUpdateSink sink(context, writer, stopping, config.batch_records);
//   absl::Status s = sync::RunSync(config, request, factory, sink);
//
// Thread-safety: Send* from the handler thread only; Cancelled() from any
// thread (it reads the context's flag, the process flag and an atomic).
#ifndef EHI_SERVER_GRPC_UPDATE_SINK_H_
#define EHI_SERVER_GRPC_UPDATE_SINK_H_

#include <atomic>

#include "connector/sync/update_sink.h"
#include "connector_sdk.grpc.pb.h"

namespace ehi::server {

class GrpcUpdateSink : public sync::UpdateSink {
 public:
  GrpcUpdateSink(grpc::ServerContext* context,
                 grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* writer,
                 const std::atomic<bool>& stopping, bool batch_records)
      : context_(context), writer_(writer), stopping_(stopping), batch_records_(batch_records) {}

  absl::Status SendRecords(absl::Span<const sync::Record> records) override;
  absl::Status SendSchemaChange(const std::vector<TableInfo>& tables) override;
  absl::Status SendCheckpoint(const std::string& state_json) override;
  absl::Status SendWarning(const std::string& message) override;
  absl::Status SendTask(const std::string& message) override;
  bool Cancelled() const override;

 private:
  absl::Status Write(const fivetran_sdk::v2::UpdateResponse& response);
  grpc::ServerContext* context_;
  grpc::ServerWriter<fivetran_sdk::v2::UpdateResponse>* writer_;
  const std::atomic<bool>& stopping_;
  const bool batch_records_;
  std::atomic<bool> broken_{false};
};

}  // namespace ehi::server

#endif  // EHI_SERVER_GRPC_UPDATE_SINK_H_
