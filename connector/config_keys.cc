#include "connector/config_keys.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace ehi {
namespace {

using config_keys_internal::ParseDigits;

constexpr bool UniqueNames() {
  for (size_t i = 0; i < std::size(kConfigKeys); ++i) {
    for (size_t j = i + 1; j < std::size(kConfigKeys); ++j) {
      if (kConfigKeys[i].name == kConfigKeys[j].name) return false;
    }
  }
  return true;
}

// A key's own facts agree with each other: integer defaults are digits within
// the bounds, toggles default to true or false, a dropdown's default is one
// of its choices, required keys have no default.
constexpr bool Consistent(const ConfigKey& k) {
  if (k.name.empty() || k.label.empty() || k.description.empty()) return false;
  if (k.required && !k.default_value.empty()) return false;
  switch (k.kind) {
    case KeyKind::kInteger: {
      if (k.min > k.max) return false;
      if (!k.default_value.empty()) {
        const int64_t v = ParseDigits(k.name, k.default_value);
        if (v < k.min || v > k.max) return false;
      }
      for (int64_t v : k.by_category) {
        if (k.HasCategoryDefaults() && (v < k.min || v > k.max)) return false;
      }
      return k.choices.empty();
    }
    case KeyKind::kToggle:
      return k.default_value == "true" || k.default_value == "false";
    case KeyKind::kDropdown:
      for (absl::string_view choice : k.choices) {
        if (choice == k.default_value) return true;
      }
      return false;
    case KeyKind::kText:
    case KeyKind::kPassword:
      return k.default_value.empty() && k.choices.empty() && !k.HasCategoryDefaults();
  }
  return false;
}

constexpr bool AllConsistent() {
  for (const ConfigKey& k : kConfigKeys) {
    if (!Consistent(k)) return false;
  }
  return true;
}

static_assert(UniqueNames(), "kConfigKeys: a key name appears twice");
static_assert(AllConsistent(), "kConfigKeys: a key's default, bounds or choices disagree");

}  // namespace

bool IsKnownConfigKey(absl::string_view key) { return FindConfigKey(key) != nullptr; }

namespace config_keys_internal {
void BadKeyUse(absl::string_view name, absl::string_view what) {
  std::fprintf(stderr, "configuration key '%.*s' %.*s\n", static_cast<int>(name.size()),
               name.data(), static_cast<int>(what.size()), what.data());
  std::abort();
}
}  // namespace config_keys_internal

}  // namespace ehi
