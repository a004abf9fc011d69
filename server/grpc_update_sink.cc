#include "server/grpc_update_sink.h"

#include "server/proto_convert.h"

namespace ehi::server {
namespace v2 = fivetran_sdk::v2;

absl::Status GrpcUpdateSink::Write(const v2::UpdateResponse& response) {
  if (broken_.load()) return absl::CancelledError("the Update stream is closed");
  if (!writer_->Write(response)) {
    broken_.store(true);
    return absl::CancelledError("the orchestrator closed the Update stream");
  }
  return absl::OkStatus();
}

absl::Status GrpcUpdateSink::SendRecords(absl::Span<const sync::Record> records) {
  if (records.empty()) return absl::OkStatus();
  if (batch_records_) {
    v2::UpdateResponse response;
    for (const sync::Record& r : records) {
      ToProtoRecord(r, response.mutable_records()->add_records());
    }
    return Write(response);
  }
  for (const sync::Record& r : records) {
    v2::UpdateResponse response;
    ToProtoRecord(r, response.mutable_record());
    if (absl::Status s = Write(response); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status GrpcUpdateSink::SendSchemaChange(const std::vector<TableInfo>& tables) {
  Catalog catalog;
  catalog.tables = tables;
  v2::UpdateResponse response;
  FillSchemaList(catalog, response.mutable_schema_change()->mutable_with_schema());
  return Write(response);
}

absl::Status GrpcUpdateSink::SendCheckpoint(const std::string& state_json) {
  v2::UpdateResponse response;
  response.mutable_checkpoint()->set_state_json(state_json);
  return Write(response);
}

absl::Status GrpcUpdateSink::SendWarning(const std::string& message) {
  v2::UpdateResponse response;
  response.mutable_warning()->set_message(message);
  return Write(response);
}

absl::Status GrpcUpdateSink::SendTask(const std::string& message) {
  v2::UpdateResponse response;
  response.mutable_task()->set_message(message);
  return Write(response);
}

bool GrpcUpdateSink::Cancelled() const {
  return broken_.load() || stopping_.load() || context_->IsCancelled();
}

}  // namespace ehi::server
