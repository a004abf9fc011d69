#include "server/proto_convert.h"

namespace ehi::server {

namespace v2 = fivetran_sdk::v2;

std::map<std::string, std::string> ToConfigMap(
    const google::protobuf::Map<std::string, std::string>& configuration) {
  return std::map<std::string, std::string>(configuration.begin(), configuration.end());
}

void FillConfigurationForm(const FormSpec& form, v2::ConfigurationFormResponse* out) {
  out->set_schema_selection_supported(form.schema_selection_supported);
  out->set_table_selection_supported(form.table_selection_supported);
  for (const FormFieldSpec& f : form.fields) {
    v2::FormField* field = out->add_fields();
    field->set_name(f.name);
    field->set_label(f.label);
    field->set_required(f.required);
    if (!f.description.empty()) field->set_description(f.description);
    if (!f.default_value.empty()) field->set_default_value(f.default_value);
    if (!f.placeholder.empty()) field->set_placeholder(f.placeholder);
    switch (f.kind) {
      case FieldKind::kText:
        field->set_text_field(v2::PlainText);
        break;
      case FieldKind::kPassword:
        field->set_text_field(v2::Password);
        break;
      case FieldKind::kToggle:
        field->mutable_toggle_field();
        break;
      case FieldKind::kDropdown:
        for (const std::string& v : f.dropdown_values) {
          field->mutable_dropdown_field()->add_dropdown_field(v);
        }
        break;
    }
  }
  for (const FormTestSpec& t : form.tests) {
    v2::ConfigurationTest* test = out->add_tests();
    test->set_name(t.name);
    test->set_label(t.label);
  }
}

v2::DataType ToProtoDataType(DataType type) {
  // The domain enum mirrors the proto enum value for value.
  const int value = static_cast<int>(type);
  if (!v2::DataType_IsValid(value)) return v2::UNSPECIFIED;
  return static_cast<v2::DataType>(value);
}

void FillSchemaList(const Catalog& catalog, v2::SchemaList* out) {
  v2::Schema* schema = nullptr;
  for (const TableInfo& t : catalog.tables) {
    if (schema == nullptr || schema->name() != t.schema) {
      schema = out->add_schemas();
      schema->set_name(t.schema);
    }
    v2::Table* table = schema->add_tables();
    table->set_name(t.name);
    for (const ColumnInfo& c : t.columns) {
      v2::Column* column = table->add_columns();
      column->set_name(c.name);
      column->set_type(ToProtoDataType(c.mapped.type));
      column->set_primary_key(c.primary_key());
      if (c.mapped.decimal) {
        v2::DecimalParams* d = column->mutable_params()->mutable_decimal();
        d->set_precision(c.mapped.decimal->precision);
        d->set_scale(c.mapped.decimal->scale);
      } else if (c.mapped.string_byte_length) {
        column->mutable_params()->set_string_byte_length(*c.mapped.string_byte_length);
      }
    }
  }
}

namespace {

void SetTimestamp(const Timestamp& ts, google::protobuf::Timestamp* out) {
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

void ToProtoValue(const Value& v, v2::ValueType* out) {
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

}  // namespace ehi::server
