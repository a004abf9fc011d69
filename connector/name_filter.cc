#include "connector/name_filter.h"

#include <cctype>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ehi {
namespace {

absl::StatusOr<std::vector<std::string>> SplitPatterns(absl::string_view key,
                                                       absl::string_view list) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(list, ',')) {
    part = absl::StripAsciiWhitespace(part);
    if (part.empty()) continue;
    if (part.size() > 300) {
      return absl::InvalidArgumentError(
          absl::StrCat("Configuration key '", key, "': a pattern is longer than 300 characters"));
    }
    out.emplace_back(part);
  }
  return out;
}

bool AnyMatch(const std::vector<std::string>& patterns, absl::string_view text) {
  for (const std::string& p : patterns) {
    if (NameFilter::GlobMatch(p, text)) return true;
  }
  return false;
}

bool TableMatches(const std::vector<std::string>& patterns, absl::string_view schema,
                  absl::string_view table) {
  const std::string qualified = absl::StrCat(schema, ".", table);
  for (const std::string& p : patterns) {
    const bool qualified_pattern = p.find('.') != std::string::npos;
    if (NameFilter::GlobMatch(p, qualified_pattern ? absl::string_view(qualified) : table)) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<NameFilter> NameFilter::Create(absl::string_view include_schemas,
                                              absl::string_view exclude_schemas,
                                              absl::string_view include_tables,
                                              absl::string_view exclude_tables) {
  NameFilter f;
  auto is = SplitPatterns("include_schemas", include_schemas);
  if (!is.ok()) return is.status();
  auto es = SplitPatterns("exclude_schemas", exclude_schemas);
  if (!es.ok()) return es.status();
  auto it = SplitPatterns("include_tables", include_tables);
  if (!it.ok()) return it.status();
  auto et = SplitPatterns("exclude_tables", exclude_tables);
  if (!et.ok()) return et.status();
  f.include_schemas_ = *std::move(is);
  f.exclude_schemas_ = *std::move(es);
  f.include_tables_ = *std::move(it);
  f.exclude_tables_ = *std::move(et);
  return f;
}

bool NameFilter::empty() const {
  return include_schemas_.empty() && exclude_schemas_.empty() && include_tables_.empty() &&
         exclude_tables_.empty();
}

bool NameFilter::IncludesSchema(absl::string_view schema) const {
  if (AnyMatch(exclude_schemas_, schema)) return false;
  return include_schemas_.empty() || AnyMatch(include_schemas_, schema);
}

bool NameFilter::Includes(absl::string_view schema, absl::string_view table) const {
  if (!IncludesSchema(schema)) return false;
  if (TableMatches(exclude_tables_, schema, table)) return false;
  return include_tables_.empty() || TableMatches(include_tables_, schema, table);
}

bool NameFilter::GlobMatch(absl::string_view pattern, absl::string_view text) {
  // Iterative matcher with single-star backtracking: linear in practice.
  size_t p = 0, t = 0, star = absl::string_view::npos, mark = 0;
  auto eq = [](char a, char b) {
    return absl::ascii_tolower(static_cast<unsigned char>(a)) ==
           absl::ascii_tolower(static_cast<unsigned char>(b));
  };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || eq(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != absl::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace ehi
