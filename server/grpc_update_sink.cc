#include "server/grpc_update_sink.h"

#include "server/proto_convert.h"

namespace ehi::server {
namespace v2 = fivetran_sdk::v2;

namespace {

void SetTimestamp(const sqlserver::Timestamp& ts, google::protobuf::Timestamp* out) {
  out->set_seconds(ts.seconds);
  out->set_nanos(ts.nanos);
}

v2::RecordType ToProtoRecordType(sync::RecordType t) {
  switch (t) {
    case sync::RecordType::kUpsert:
      return v2::UPSERT;
    case sync::RecordType::kUpdate:
      return v2::UPDATE;
    case sync::RecordType::kDelete:
      return v2::DELETE;
    case sync::RecordType::kTruncate:
      return v2::TRUNCATE;
  }
  return v2::UPSERT;
}

sync::TableSelection FromProtoTable(const v2::TableSelection& t) {
  sync::TableSelection out;
  out.included = t.included();
  out.table = t.table_name();
  for (const auto& [name, included] : t.columns()) out.columns[name] = included;
  out.include_new_columns = t.include_new_columns();
  return out;
}

}  // namespace

void ToProtoValue(const sqlserver::Value& v, v2::ValueType* out) {
  if (v.is_null) {
    out->set_null(true);
    return;
  }
  switch (v.type) {
    case DataType::kBoolean:
      out->set_bool_(v.boolean);
      return;
    case DataType::kShort:
      out->set_short_(static_cast<int32_t>(v.integer));
      return;
    case DataType::kInt:
      out->set_int_(static_cast<int32_t>(v.integer));
      return;
    case DataType::kLong:
      out->set_long_(v.integer);
      return;
    case DataType::kFloat:
      out->set_float_(static_cast<float>(v.real));
      return;
    case DataType::kDouble:
      out->set_double_(v.real);
      return;
    case DataType::kDecimal:
      out->set_decimal(v.text);
      return;
    case DataType::kNaiveDate:
      SetTimestamp(v.timestamp, out->mutable_naive_date());
      return;
    case DataType::kNaiveDateTime:
      SetTimestamp(v.timestamp, out->mutable_naive_datetime());
      return;
    case DataType::kUtcDateTime:
      SetTimestamp(v.timestamp, out->mutable_utc_datetime());
      return;
    case DataType::kBinary:
      out->set_binary(v.text);
      return;
    case DataType::kXml:
      out->set_xml(v.text);
      return;
    case DataType::kJson:
      out->set_json(v.text);
      return;
    default:
      out->set_string(v.text);
      return;
  }
}

void ToProtoRecord(const sync::Record& r, v2::Record* out) {
  out->set_schema_name(r.schema);
  out->set_table_name(r.table);
  out->set_type(ToProtoRecordType(r.type));
  auto* data = out->mutable_data();
  for (const auto& [name, value] : r.data) ToProtoValue(value, &(*data)[name]);
}

sync::Selection FromProtoSelection(const v2::UpdateRequest& request) {
  sync::Selection out;
  if (!request.has_selection()) return out;
  const v2::Selection& s = request.selection();
  out.present = true;
  if (s.has_with_schema()) {
    out.include_new_schemas = s.with_schema().include_new_schemas();
    for (const v2::SchemaSelection& ss : s.with_schema().schemas()) {
      sync::SchemaSelection d;
      d.included = ss.included();
      d.schema = ss.schema_name();
      d.include_new_tables = ss.include_new_tables();
      for (const v2::TableSelection& t : ss.tables()) d.tables.push_back(FromProtoTable(t));
      out.schemas.push_back(std::move(d));
    }
  } else if (s.has_without_schema()) {
    out.with_schema = false;
    sync::SchemaSelection d;
    d.include_new_tables = s.without_schema().include_new_tables();
    for (const v2::TableSelection& t : s.without_schema().tables()) {
      d.tables.push_back(FromProtoTable(t));
    }
    out.schemas.push_back(std::move(d));
  } else {
    out.present = false;  // an empty oneof selects nothing in particular
  }
  return out;
}

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
