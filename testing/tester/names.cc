#include "testing/tester/names.h"

#include "absl/strings/str_cat.h"

namespace tester {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool IsWordChar(char c) { return IsUpper(c) || IsLower(c) || IsDigit(c) || IsNonAscii(c); }

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  size_t i = 0;
  // Leading underscores are part of the source's convention (_IsDeleted).
  while (i < name.size() && name[i] == '_') {
    out.push_back('_');
    ++i;
  }
  const size_t prefix = out.size();
  bool pending_break = false;  // a separator was seen since the last word char
  for (; i < name.size(); ++i) {
    char c = name[i];
    if (!IsWordChar(c)) {
      pending_break = true;
      continue;
    }
    bool at_start = out.size() == prefix;
    if (!at_start && IsUpper(c)) {
      char prev = name[i - 1];
      bool next_lower = i + 1 < name.size() && IsLower(name[i + 1]);
      if (IsLower(prev) || IsDigit(prev) || (IsUpper(prev) && next_lower)) {
        pending_break = true;
      }
    }
    if (pending_break && !at_start) out.push_back('_');
    pending_break = false;
    out.push_back(IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (out.empty()) return "_";
  if (out.size() > prefix && IsDigit(out[prefix]) && prefix == 0) {
    out.insert(out.begin(), '_');
  }
  return out;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string QualifiedName(std::string_view schema, std::string_view table) {
  return absl::StrCat(QuoteIdentifier(schema), ".", QuoteIdentifier(table));
}

}  // namespace tester
