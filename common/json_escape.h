// JSON string escaping for log lines and hand-built JSON documents.
#ifndef EHI_COMMON_JSON_ESCAPE_H_
#define EHI_COMMON_JSON_ESCAPE_H_

#include <string>
#include <string_view>

namespace ehi {

// Appends `text` to `out` as the body of a JSON string (without the quotes):
// quotes, backslashes and every control character are escaped, and bytes
// that are not valid UTF-8 are replaced by U+FFFD so the result always parses.
void AppendJsonEscaped(std::string_view text, std::string& out);

// Returns `text` as a complete JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace ehi

#endif  // EHI_COMMON_JSON_ESCAPE_H_
