#include "testing/tester/testkit/scripted_source.h"

#include <utility>

namespace tester::testkit {

ScriptedSource::ScriptedSource() = default;

ScriptedSource::~ScriptedSource() { Stop(); }

int ScriptedSource::Start() {
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(this);
  server_ = builder.BuildAndStart();
  return server_ != nullptr ? port : -1;
}

void ScriptedSource::Stop() {
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    server_->Wait();
    server_.reset();
  }
}

void ScriptedSource::Record(std::string call) {
  absl::MutexLock lock(&mu_);
  calls_.push_back(std::move(call));
}

std::vector<std::string> ScriptedSource::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

std::vector<v2::UpdateRequest> ScriptedSource::update_requests() const {
  absl::MutexLock lock(&mu_);
  return update_requests_;
}

grpc::Status ScriptedSource::ConfigurationForm(grpc::ServerContext*,
                                               const v2::ConfigurationFormRequest*,
                                               v2::ConfigurationFormResponse* response) {
  Record("ConfigurationForm");
  *response = form;
  return grpc::Status::OK;
}

grpc::Status ScriptedSource::Test(grpc::ServerContext*, const v2::TestRequest* request,
                                  v2::TestResponse* response) {
  Record("Test:" + request->name());
  auto it = test_failures.find(request->name());
  if (it != test_failures.end()) {
    response->set_failure(it->second);
  } else {
    response->set_success(true);
  }
  return grpc::Status::OK;
}

grpc::Status ScriptedSource::Schema(grpc::ServerContext*, const v2::SchemaRequest*,
                                    v2::SchemaResponse* response) {
  Record("Schema");
  *response = schema;
  return grpc::Status::OK;
}

grpc::Status ScriptedSource::Update(grpc::ServerContext*, const v2::UpdateRequest* request,
                                    UpdateWriter* writer) {
  Record("Update");
  {
    absl::MutexLock lock(&mu_);
    update_requests_.push_back(*request);
  }
  if (!update) return grpc::Status::OK;
  return update(*request, writer);
}

v2::ValueType Long(int64_t v) {
  v2::ValueType out;
  out.set_long_(v);
  return out;
}
v2::ValueType Int(int32_t v) {
  v2::ValueType out;
  out.set_int_(v);
  return out;
}
v2::ValueType Str(const std::string& v) {
  v2::ValueType out;
  out.set_string(v);
  return out;
}
v2::ValueType Dec(const std::string& v) {
  v2::ValueType out;
  out.set_decimal(v);
  return out;
}
v2::ValueType Bool(bool v) {
  v2::ValueType out;
  out.set_bool_(v);
  return out;
}
v2::ValueType Null() {
  v2::ValueType out;
  out.set_null(true);
  return out;
}
v2::ValueType UtcMicros(int64_t micros) {
  v2::ValueType out;
  out.mutable_utc_datetime()->set_seconds(micros / 1000000);
  out.mutable_utc_datetime()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return out;
}
v2::ValueType DateDays(int64_t days) {
  v2::ValueType out;
  out.mutable_naive_date()->set_seconds(days * 86400);
  return out;
}

v2::Column Col(const std::string& name, v2::DataType type, bool key) {
  v2::Column c;
  c.set_name(name);
  c.set_type(type);
  c.set_primary_key(key);
  return c;
}

v2::Column DecimalCol(const std::string& name, int precision, int scale) {
  v2::Column c = Col(name, v2::DECIMAL);
  c.mutable_params()->mutable_decimal()->set_precision(precision);
  c.mutable_params()->mutable_decimal()->set_scale(scale);
  return c;
}

v2::Table MakeTable(const std::string& name, std::vector<v2::Column> columns) {
  v2::Table t;
  t.set_name(name);
  for (v2::Column& c : columns) *t.add_columns() = std::move(c);
  return t;
}

v2::Record MakeRecord(const std::string& schema, const std::string& table, v2::RecordType type,
                      const std::map<std::string, v2::ValueType>& data) {
  v2::Record r;
  if (!schema.empty()) r.set_schema_name(schema);
  r.set_table_name(table);
  r.set_type(type);
  for (const auto& [k, v] : data) (*r.mutable_data())[k] = v;
  return r;
}

v2::UpdateResponse Single(v2::Record record) {
  v2::UpdateResponse out;
  *out.mutable_record() = std::move(record);
  return out;
}

v2::UpdateResponse Batch(std::vector<v2::Record> records) {
  v2::UpdateResponse out;
  for (v2::Record& r : records) {
    *out.mutable_records()->add_records() = std::move(r);
  }
  return out;
}

v2::UpdateResponse CheckpointResponse(const std::string& state_json) {
  v2::UpdateResponse out;
  out.mutable_checkpoint()->set_state_json(state_json);
  return out;
}

v2::UpdateResponse WarningResponse(const std::string& message) {
  v2::UpdateResponse out;
  out.mutable_warning()->set_message(message);
  return out;
}

v2::UpdateResponse TaskResponse(const std::string& message) {
  v2::UpdateResponse out;
  out.mutable_task()->set_message(message);
  return out;
}

v2::UpdateResponse SchemaChangeResponse(const std::string& schema, v2::Table table) {
  v2::UpdateResponse out;
  v2::Schema* s = out.mutable_schema_change()->mutable_with_schema()->add_schemas();
  s->set_name(schema);
  *s->add_tables() = std::move(table);
  return out;
}

v2::ConfigurationFormResponse MakeForm(
    const std::vector<std::string>& names,
    const std::vector<std::pair<std::string, std::string>>& tests) {
  v2::ConfigurationFormResponse form;
  form.set_schema_selection_supported(true);
  form.set_table_selection_supported(true);
  for (const std::string& name : names) {
    v2::FormField* f = form.add_fields();
    f->set_name(name);
    f->set_label(name + " label");
    f->set_required(true);
    f->set_text_field(v2::PlainText);
  }
  for (const auto& [name, label] : tests) {
    v2::ConfigurationTest* t = form.add_tests();
    t->set_name(name);
    t->set_label(label);
  }
  return form;
}

}  // namespace tester::testkit
