#include "connector/form.h"

#include <string>

#include "connector/config_keys.h"

namespace ehi {
namespace {

FieldKind WidgetFor(KeyKind kind) {
  switch (kind) {
    case KeyKind::kPassword:
      return FieldKind::kPassword;
    case KeyKind::kToggle:
      return FieldKind::kToggle;
    case KeyKind::kDropdown:
      return FieldKind::kDropdown;
    case KeyKind::kText:
    case KeyKind::kInteger:
      return FieldKind::kText;
  }
  return FieldKind::kText;
}

FormFieldSpec FieldFor(const ConfigKey& key) {
  FormFieldSpec f;
  f.name = std::string(key.name);
  f.label = std::string(key.label);
  f.description = std::string(key.description);
  f.required = key.required;
  f.kind = WidgetFor(key.kind);
  f.default_value = std::string(key.default_value);
  f.placeholder = std::string(key.placeholder);
  for (absl::string_view choice : key.choices) f.dropdown_values.emplace_back(choice);
  return f;
}

FormSpec BuildForm() {
  FormSpec form;
  for (const ConfigKey& key : kConfigKeys) form.fields.push_back(FieldFor(key));
  form.tests = {{std::string(kTestConnect), "Connect to SQL Server"},
                {std::string(kTestPermissions), "Check read permissions"}};
  return form;
}

}  // namespace

const FormSpec& ConnectorForm() {
  static const FormSpec* const form = new FormSpec(BuildForm());
  return *form;
}

}  // namespace ehi
