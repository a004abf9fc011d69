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

}  // namespace ehi::server
