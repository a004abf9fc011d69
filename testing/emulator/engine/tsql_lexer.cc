#include "testing/emulator/engine/tsql_lexer.h"

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_error.h"

namespace emulator {
namespace {

bool IsIdentStart(unsigned char c) {
  return absl::ascii_isalpha(c) || c == '_' || c == '#' || c >= 0x80;
}
bool IsIdentPart(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '#' || c == '$' || c == '@' || c >= 0x80;
}

// Reads the body of a '…' string or a [..]/"…" identifier, *i just past the
// opening quote, up to `close`; a doubled `close` stands for one. Leaves *i
// past the closing quote and counts newlines into *line.
absl::StatusOr<std::string> ReadQuoted(absl::string_view sql, char close, size_t* i, int* line) {
  const size_t n = sql.size();
  std::string text;
  while (*i < n) {
    if (sql[*i] == close) {
      if (*i + 1 < n && sql[*i + 1] == close) {
        text.push_back(close);
        *i += 2;
        continue;
      }
      ++*i;
      return text;
    }
    if (sql[*i] == '\n') ++*line;
    text.push_back(sql[(*i)++]);
  }
  return SqlError(105, 15,
                  absl::StrCat("Unclosed quotation mark after the character string '", text, "'."));
}

}  // namespace

bool Token::Is(absl::string_view word) const {
  return kind == TokenKind::kIdent && !quoted && absl::EqualsIgnoreCase(text, word);
}

absl::Status LexTsql(absl::string_view sql, std::vector<Token>* tokens) {
  tokens->clear();
  size_t i = 0;
  int line = 1;
  const size_t n = sql.size();
  auto emit = [&](TokenKind kind, std::string text, size_t start) -> Token& {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    t.line = line;
    t.offset = start;
    tokens->push_back(std::move(t));
    return tokens->back();
  };
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(sql[i]);
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (absl::ascii_isspace(c) || c == 0) {
      ++i;
      continue;
    }
    size_t start = i;
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      while (i < n) {
        if (i + 1 < n && sql[i] == '/' && sql[i + 1] == '*') {
          ++depth;
          i += 2;
        } else if (i + 1 < n && sql[i] == '*' && sql[i + 1] == '/') {
          --depth;
          i += 2;
          if (depth == 0) break;
        } else {
          if (sql[i] == '\n') ++line;
          ++i;
        }
      }
      if (depth != 0) return SqlError(113, 15, "Missing end comment mark '*/'.");
      continue;
    }
    bool national = false;
    if ((c == 'N' || c == 'n') && i + 1 < n && sql[i + 1] == '\'') {
      national = true;
      ++i;
      c = '\'';
    }
    if (c == '\'') {
      ++i;
      absl::StatusOr<std::string> text = ReadQuoted(sql, '\'', &i, &line);
      if (!text.ok()) return text.status();
      emit(TokenKind::kString, *std::move(text), start).national = national;
      continue;
    }
    if (c == '[' || c == '"') {
      char close = c == '[' ? ']' : '"';
      ++i;
      absl::StatusOr<std::string> text = ReadQuoted(sql, close, &i, &line);
      if (!text.ok()) return text.status();
      emit(TokenKind::kIdent, *std::move(text), start).quoted = true;
      continue;
    }
    if (c == '0' && i + 1 < n && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
      i += 2;
      size_t h = i;
      while (i < n && absl::ascii_isxdigit(static_cast<unsigned char>(sql[i]))) ++i;
      std::string hex(sql.substr(h, i - h));
      // SQL Server pads an odd number of digits with a leading zero.
      if (hex.size() % 2 == 1) hex.insert(hex.begin(), '0');
      emit(TokenKind::kBinary, std::move(hex), start);
      continue;
    }
    if (absl::ascii_isdigit(c) || (c == '.' && i + 1 < n && absl::ascii_isdigit(sql[i + 1]))) {
      while (i < n && absl::ascii_isdigit(static_cast<unsigned char>(sql[i]))) ++i;
      if (i < n && sql[i] == '.') {
        ++i;
        while (i < n && absl::ascii_isdigit(static_cast<unsigned char>(sql[i]))) ++i;
      }
      if (i < n && (sql[i] == 'e' || sql[i] == 'E')) {
        size_t save = i++;
        if (i < n && (sql[i] == '+' || sql[i] == '-')) ++i;
        if (i < n && absl::ascii_isdigit(static_cast<unsigned char>(sql[i]))) {
          while (i < n && absl::ascii_isdigit(static_cast<unsigned char>(sql[i]))) ++i;
        } else {
          i = save;
        }
      }
      emit(TokenKind::kNumber, std::string(sql.substr(start, i - start)), start);
      continue;
    }
    if (c == '@') {
      bool sys = i + 1 < n && sql[i + 1] == '@';
      i += sys ? 2 : 1;
      while (i < n && IsIdentPart(static_cast<unsigned char>(sql[i]))) ++i;
      emit(sys ? TokenKind::kSysVar : TokenKind::kParam, std::string(sql.substr(start, i - start)),
           start);
      continue;
    }
    if (IsIdentStart(c)) {
      while (i < n && IsIdentPart(static_cast<unsigned char>(sql[i]))) ++i;
      emit(TokenKind::kIdent, std::string(sql.substr(start, i - start)), start);
      continue;
    }
    // Operators, longest first.
    static constexpr absl::string_view kTwo[] = {"<>", "!=", "<=", ">=", "!<", "!>", "+=", "-="};
    bool matched = false;
    if (i + 1 < n) {
      absl::string_view two = sql.substr(i, 2);
      for (absl::string_view op : kTwo) {
        if (two == op) {
          emit(TokenKind::kOp, std::string(op), start);
          i += 2;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    static constexpr absl::string_view kOne = "(),.;*+-/%=<>&|^~:{}";
    if (kOne.find(static_cast<char>(c)) != absl::string_view::npos) {
      emit(TokenKind::kOp, std::string(1, static_cast<char>(c)), start);
      ++i;
      continue;
    }
    // Anything else is a lone character SQL Server would reject.
    size_t len = 1;
    if (c >= 0x80) {
      while (start + len < n && (static_cast<unsigned char>(sql[start + len]) & 0xC0) == 0x80) {
        ++len;
      }
    }
    return SqlError(102, 15, absl::StrCat("Incorrect syntax near '", sql.substr(start, len), "'."));
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.line = line;
  end.offset = n;
  tokens->push_back(std::move(end));
  return absl::OkStatus();
}

}  // namespace emulator
