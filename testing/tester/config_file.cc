#include "testing/tester/config_file.h"

#include <termios.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "testing/tester/state_store.h"

namespace tester {

namespace v2 = ::fivetran_sdk::v2;

namespace {

bool ConditionHolds(const v2::VisibilityCondition& condition, const Configuration& config) {
  auto it = config.find(condition.condition_field());
  std::string value = it == config.end() ? "" : it->second;
  switch (condition.visible_when_case()) {
    case v2::VisibilityCondition::kBoolValue:
      return absl::AsciiStrToLower(value) == (condition.bool_value() ? "true" : "false");
    case v2::VisibilityCondition::kStringValue:
      return value == condition.string_value();
    case v2::VisibilityCondition::kEmptyValue:
      return value.empty() == condition.empty_value();
    default:
      return true;
  }
}

void CollectMissing(const google::protobuf::RepeatedPtrField<v2::FormField>& fields,
                    const Configuration& config, std::vector<std::string>& missing) {
  for (const v2::FormField& field : fields) {
    if (field.has_conditional_fields()) {
      const v2::ConditionalFields& cf = field.conditional_fields();
      if (ConditionHolds(cf.condition(), config)) {
        CollectMissing(cf.fields(), config, missing);
      }
      continue;
    }
    if (!field.required()) continue;
    auto it = config.find(field.name());
    if (it == config.end() || it->second.empty()) {
      missing.push_back(absl::StrCat(field.name(), " (", field.label(), ")"));
    }
  }
}

std::string ReadLine(std::FILE* in, bool secret) {
  termios saved{};
  bool hide = secret && ::isatty(::fileno(in)) && ::tcgetattr(::fileno(in), &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(::fileno(in), TCSANOW, &quiet);
  }
  std::string line;
  int c;
  while ((c = std::fgetc(in)) != EOF && c != '\n') {
    line.push_back(static_cast<char>(c));
  }
  if (hide) {
    ::tcsetattr(::fileno(in), TCSANOW, &saved);
    std::fputc('\n', stdout);
  }
  return line;
}

void PromptFields(const google::protobuf::RepeatedPtrField<v2::FormField>& fields, std::FILE* in,
                  std::FILE* out, Configuration& config) {
  for (const v2::FormField& field : fields) {
    if (field.has_conditional_fields()) {
      const v2::ConditionalFields& cf = field.conditional_fields();
      if (ConditionHolds(cf.condition(), config)) {
        PromptFields(cf.fields(), in, out, config);
      }
      continue;
    }
    std::string prompt = field.label().empty() ? field.name() : field.label();
    if (field.has_description()) {
      std::fprintf(out, "  (%s)\n", field.description().c_str());
    }
    std::vector<std::string> choices;
    if (field.has_dropdown_field()) {
      for (const std::string& v : field.dropdown_field().dropdown_field()) {
        choices.push_back(v);
      }
    } else if (field.has_descriptive_dropdown_fields()) {
      for (const auto& v : field.descriptive_dropdown_fields().descriptive_dropdown_field()) {
        choices.push_back(v.value());
      }
    } else if (field.has_toggle_field()) {
      choices = {"true", "false"};
    }
    if (!choices.empty()) {
      absl::StrAppend(&prompt, " [", absl::StrJoin(choices, "/"), "]");
    }
    if (field.has_default_value()) {
      absl::StrAppend(&prompt, " (default: ", field.default_value(), ")");
    }
    absl::StrAppend(&prompt, field.required() ? " *" : "", ": ");
    std::fputs(prompt.c_str(), out);
    std::fflush(out);
    bool secret = field.has_text_field() && field.text_field() == v2::Password;
    std::string value = ReadLine(in, secret);
    if (value.empty() && field.has_default_value()) {
      value = field.default_value();
    }
    if (!value.empty()) config[field.name()] = value;
  }
}

}  // namespace

absl::StatusOr<std::optional<Configuration>> ReadConfigurationFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (absl::IsNotFound(text.status())) return std::optional<Configuration>();
  if (!text.ok()) return text.status();
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is not valid JSON"));
  }
  if (!parsed.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " must hold one JSON object of \"field\": \"value\" pairs"));
  }
  Configuration config;
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_string()) {
      config[key] = value.get<std::string>();
    } else if (value.is_boolean() || value.is_number()) {
      config[key] = value.dump();
    } else if (value.is_null()) {
      continue;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(path, ": value of \"", key,
                                                     "\" must be a string, number or boolean, not ",
                                                     value.type_name()));
    }
  }
  return std::optional<Configuration>(std::move(config));
}

std::vector<std::string> MissingRequiredFields(const v2::ConfigurationFormResponse& form,
                                               const Configuration& config) {
  std::vector<std::string> missing;
  CollectMissing(form.fields(), config, missing);
  return missing;
}

absl::StatusOr<Configuration> PromptForConfiguration(const v2::ConfigurationFormResponse& form,
                                                     std::FILE* in, std::FILE* out) {
  Configuration config;
  std::fputs("No configuration.json yet: please fill in the form (* = required).\n", out);
  PromptFields(form.fields(), in, out, config);
  return config;
}

absl::Status WriteConfigurationFile(const std::string& path, const Configuration& config) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : config) json[key] = value;
  return WriteFileAtomically(path, json.dump(2) + "\n");
}

}  // namespace tester
