#include "testing/emulator/engine/sql_error.h"

#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace emulator {
namespace {

constexpr char kPayloadUrl[] = "type.ehi/sqlserver-error";

// Words that SQL Server reports with error 156 ("near the keyword").
bool IsReservedKeyword(absl::string_view token) {
  static constexpr absl::string_view kWords[] = {
      "ADD",       "ALL",      "ALTER",  "AND",    "AS",     "ASC",        "BEGIN",   "BETWEEN",
      "BY",        "CASE",     "COMMIT", "CREATE", "CROSS",  "DECLARE",    "DEFAULT", "DELETE",
      "DESC",      "DISTINCT", "DROP",   "ELSE",   "END",    "EXCEPT",     "EXEC",    "EXECUTE",
      "EXISTS",    "FROM",     "FULL",   "GROUP",  "HAVING", "IN",         "INNER",   "INSERT",
      "INTERSECT", "INTO",     "IS",     "JOIN",   "KEY",    "LEFT",       "LIKE",    "NOT",
      "NULL",      "ON",       "OR",     "ORDER",  "OUTER",  "PRIMARY",    "RIGHT",   "ROLLBACK",
      "SELECT",    "SET",      "TABLE",  "THEN",   "TOP",    "TRUNCATE",   "UNION",   "UPDATE",
      "USE",       "VALUES",   "WHEN",   "WHERE",  "WITH",   "CONSTRAINT", "OFFSET",  "FETCH"};
  std::string upper = absl::AsciiStrToUpper(token);
  for (absl::string_view w : kWords) {
    if (upper == w) return true;
  }
  return false;
}

}  // namespace

absl::Status SqlError(int number, int severity, absl::string_view text) {
  absl::Status status(absl::StatusCode::kInvalidArgument, text);
  status.SetPayload(kPayloadUrl, absl::Cord(absl::StrCat(number, ":", severity)));
  return status;
}

bool ToServerMessage(const absl::Status& status, ServerMessage* out) {
  absl::optional<absl::Cord> payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return false;
  std::vector<std::string> parts = absl::StrSplit(std::string(*payload), ':');
  if (parts.size() != 2) return false;
  if (!absl::SimpleAtoi(parts[0], &out->number) || !absl::SimpleAtoi(parts[1], &out->severity)) {
    return false;
  }
  out->state = 1;
  out->text = std::string(status.message());
  return true;
}

std::string EncodeForSqlite(const absl::Status& status) {
  ServerMessage m;
  if (!ToServerMessage(status, &m)) {
    m.number = 50000;
    m.severity = 16;
    m.text = std::string(status.message());
  }
  return absl::StrCat("\x01", m.number, ":", m.severity, ":", m.text);
}

bool DecodeFromSqlite(absl::string_view message, ServerMessage* out) {
  if (message.empty() || message[0] != '\x01') return false;
  message.remove_prefix(1);
  size_t a = message.find(':');
  if (a == absl::string_view::npos) return false;
  size_t b = message.find(':', a + 1);
  if (b == absl::string_view::npos) return false;
  if (!absl::SimpleAtoi(message.substr(0, a), &out->number) ||
      !absl::SimpleAtoi(message.substr(a + 1, b - a - 1), &out->severity)) {
    return false;
  }
  out->state = 1;
  out->text = std::string(message.substr(b + 1));
  return true;
}

absl::Status SyntaxErrorNear(absl::string_view token) {
  if (IsReservedKeyword(token)) {
    return SqlError(156, 15, absl::StrCat("Incorrect syntax near the keyword '", token, "'."));
  }
  return SqlError(102, 15, absl::StrCat("Incorrect syntax near '", token, "'."));
}

absl::Status InvalidObject(absl::string_view name) {
  return SqlError(208, 16, absl::StrCat("Invalid object name '", name, "'."));
}

absl::Status InvalidColumn(absl::string_view name) {
  return SqlError(207, 16, absl::StrCat("Invalid column name '", name, "'."));
}

}  // namespace emulator
