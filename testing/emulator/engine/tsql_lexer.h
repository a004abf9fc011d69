// T-SQL tokenizer.
//
//   std::vector<Token> tokens;
//   absl::Status s = LexTsql("SELECT [a]]b] FROM t -- x", &tokens);
//
// Identifiers keep their unescaped text ([a]]b] → a]b, "x""y" → x"y) and
// remember whether they were quoted (a quoted word is never a keyword).
// Strings are unescaped ('it''s' → it's) and flagged national for N'…'.
// Comments (-- and nested /* */) are dropped. Errors: 105 for an unclosed
// string or bracket, 113 for an unclosed comment.
#ifndef EHI_TESTING_EMULATOR_ENGINE_TSQL_LEXER_H_
#define EHI_TESTING_EMULATOR_ENGINE_TSQL_LEXER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace emulator {

enum class TokenKind {
  kIdent,   // plain or quoted identifier (see `quoted`)
  kString,  // '…' or N'…' (see `national`)
  kNumber,  // 12, 1.5, .5, 1e3
  kBinary,  // 0x0A0B: text holds the hex digits only
  kParam,   // @name: text holds "@name"
  kSysVar,  // @@name: text holds "@@name"
  kOp,      // punctuation and operators: ( ) , . ; * + - / % = <> != < > <= >= !< !> & | ^ ~
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  bool quoted = false;    // kIdent: [..] or ".."
  bool national = false;  // kString: N'..'
  int line = 1;
  size_t offset = 0;  // byte offset in the batch
  // True when this token is an unquoted identifier equal (ignoring case) to
  // `word`.
  bool Is(absl::string_view word) const;
  bool IsOp(absl::string_view op) const { return kind == TokenKind::kOp && text == op; }
};

// Tokenizes a batch; the result always ends with a kEnd token.
absl::Status LexTsql(absl::string_view sql, std::vector<Token>* tokens);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_TSQL_LEXER_H_
