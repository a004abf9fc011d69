// The configuration form as a domain description: every configuration key
// with its label, description and widget, and the tests the form offers.
// server/ turns it into a ConfigurationFormResponse. The fields are built
// from the key table (config_keys.h), which the parser reads too, so the
// form and the parser can never drift apart.
//
//   for (const FormFieldSpec& f : ConnectorForm().fields) { ... }
//
// Thread-safe: the form is a constant built once.
#ifndef EHI_CONNECTOR_FORM_H_
#define EHI_CONNECTOR_FORM_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "connector/config_keys.h"  // IsKnownConfigKey

namespace ehi {

enum class FieldKind { kText, kPassword, kToggle, kDropdown };

struct FormFieldSpec {
  std::string name;  // the configuration key
  std::string label;
  std::string description;
  bool required = false;
  FieldKind kind = FieldKind::kText;
  std::string default_value;  // empty: none
  std::string placeholder;
  std::vector<std::string> dropdown_values;  // kDropdown only
};

struct FormTestSpec {
  std::string name;  // "connect", "permissions"
  std::string label;
};

struct FormSpec {
  bool schema_selection_supported = true;
  bool table_selection_supported = true;
  std::vector<FormFieldSpec> fields;
  std::vector<FormTestSpec> tests;
};

const FormSpec& ConnectorForm();

inline constexpr absl::string_view kTestConnect = "connect";
inline constexpr absl::string_view kTestPermissions = "permissions";

}  // namespace ehi

#endif  // EHI_CONNECTOR_FORM_H_
