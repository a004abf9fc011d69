// Expressions: parsing, type inference and SQLite emission.
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/tsql_parser.h"

namespace emulator {
namespace {

bool IsStringFamily(const Expr& e) { return e.typed && FamilyOf(e.type.id) == TypeFamily::kString; }

bool IsSpecialFamily(TypeFamily f) {
  return f == TypeFamily::kGuid || f == TypeFamily::kDate || f == TypeFamily::kTime ||
         f == TypeFamily::kDateTime || f == TypeFamily::kDateTimeOffset;
}

// The type of a + b, a * b…: the operand of higher precedence.
Expr Arith(const Expr& a, const Expr& b, std::string sql) {
  Expr out;
  out.sql = std::move(sql);
  if (!a.typed || !b.typed) {
    const Expr& known = a.typed ? a : b;
    if (known.typed && !a.is_null && !b.is_null) {
      out.type = known.type;
      out.typed = FamilyOf(known.type.id) == TypeFamily::kInt ||
                  FamilyOf(known.type.id) == TypeFamily::kFloat;
    }
    return out;
  }
  const Expr& hi = TypePrecedence(a.type.id) >= TypePrecedence(b.type.id) ? a : b;
  out.type = hi.type;
  out.typed = true;
  if (FamilyOf(hi.type.id) == TypeFamily::kDecimal &&
      (hi.type.id == TypeId::kDecimal || hi.type.id == TypeId::kNumeric)) {
    out.type.precision = 38;
    out.type.scale = std::max(FamilyOf(a.type.id) == TypeFamily::kDecimal ? a.type.scale : 0,
                              FamilyOf(b.type.id) == TypeFamily::kDecimal ? b.type.scale : 0);
  }
  if (FamilyOf(hi.type.id) == TypeFamily::kInt && hi.type.id != TypeId::kBigInt) {
    out.type = SqlType::Of(TypeId::kInt);  // tinyint + tinyint is int in SQL Server
  }
  return out;
}

std::string Upper(absl::string_view s) { return absl::AsciiStrToUpper(s); }

constexpr char kVersion[] =
    "Microsoft SQL Server 2022 (RTM-CU16) (KB5048033) - 16.0.4165.4 (X64) \n\t"
    "Nov  6 2024 19:24:49 \n\tCopyright (C) 2022 Microsoft Corporation\n\t"
    "Developer Edition (64-bit) on Linux (Debian GNU/Linux 12 (bookworm)) <X64>";

}  // namespace

// ---- cursor -----------------------------------------------------------------

const Token& Parser::Peek(size_t k) const {
  size_t i = pos_ + k;
  if (i >= end_) {
    static const Token* end_token = new Token();
    return *end_token;
  }
  return tokens_[i];
}

const Token& Parser::Next() {
  const Token& t = Peek();
  if (pos_ < end_) ++pos_;
  return t;
}

bool Parser::AcceptWord(absl::string_view w) {
  if (Peek().Is(w)) {
    ++pos_;
    return true;
  }
  return false;
}

bool Parser::AcceptOp(absl::string_view op) {
  if (Peek().IsOp(op)) {
    ++pos_;
    return true;
  }
  return false;
}

absl::Status Parser::ExpectWord(absl::string_view w) {
  if (AcceptWord(w)) return absl::OkStatus();
  return ErrorHere();
}

absl::Status Parser::ExpectOp(absl::string_view op) {
  if (AcceptOp(op)) return absl::OkStatus();
  return ErrorHere();
}

absl::Status Parser::ErrorHere() const {
  if (AtEnd()) {
    // SQL Server names the last token it saw.
    size_t last = pos_ > 0 ? pos_ - 1 : 0;
    if (last < tokens_.size() && tokens_[last].kind != TokenKind::kEnd) {
      return SyntaxErrorNear(tokens_[last].text);
    }
    return SyntaxErrorNear("");
  }
  const Token& t = Peek();
  if (t.kind == TokenKind::kBinary) return SyntaxErrorNear(absl::StrCat("0x", t.text));
  if (t.quoted) return SqlError(102, 15, absl::StrCat("Incorrect syntax near '", t.text, "'."));
  return SyntaxErrorNear(t.text);
}

absl::StatusOr<std::string> Parser::Identifier() {
  if (Peek().kind != TokenKind::kIdent) return ErrorHere();
  return Next().text;
}

std::string Parser::Quote(absl::string_view ident) {
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Parser::Literal(absl::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

void Parser::NoteParam(const std::string& name) {
  for (const std::string& p : out_->params) {
    if (p == name) return;
  }
  out_->params.push_back(name);
}

void Parser::NoteObject(const TableInfo& t) {
  std::string key = absl::AsciiStrToLower(absl::StrCat(t.schema, ".", t.name));
  for (const std::string& o : out_->objects_read) {
    if (o == key) return;
  }
  out_->objects_read.push_back(key);
  if (t.is_system_view) {
    for (const TableInfo* v : out_->system_views) {
      if (v == &t) return;
    }
    out_->system_views.push_back(&t);
  }
}

// ---- types & conversion -----------------------------------------------------

absl::StatusOr<SqlType> Parser::ParseType(bool for_cast) {
  EHI_ASSIGN_OR_RETURN(std::string name, Identifier());
  // Two-word spellings.
  if (absl::EqualsIgnoreCase(name, "double") && AcceptWord("precision")) name = "float";
  if ((absl::EqualsIgnoreCase(name, "char") || absl::EqualsIgnoreCase(name, "character")) &&
      AcceptWord("varying")) {
    name = "varchar";
  }
  std::vector<std::string> args;
  if (AcceptOp("(")) {
    while (true) {
      const Token& t = Next();
      if (t.kind == TokenKind::kNumber || t.Is("max")) {
        args.push_back(t.text);
      } else {
        --pos_;
        return ErrorHere();
      }
      if (AcceptOp(")")) break;
      EHI_RETURN_IF_ERROR(ExpectOp(","));
    }
  }
  return MakeSqlType(name, args, for_cast);
}

Expr Parser::Convert(const Expr& e, const SqlType& to, int style) const {
  if (e.is_null) return Typed("NULL", to);
  std::string from = e.typed ? TypeToString(e.type) : "";
  return Typed(
      absl::StrCat("_ms_cvt(", e.sql, ", '", from, "', '", TypeToString(to), "', ", style, ")"),
      to);
}

std::string Parser::StoreSql(const Expr& e, const TableInfo& table, const ColumnInfo& col) const {
  if (e.is_null) return "NULL";
  std::string from = e.typed ? TypeToString(e.type) : "";
  std::string where = absl::StrCat(ctx_.db_name, ".", table.schema, ".", table.name);
  return absl::StrCat("_ms_store(", e.sql, ", '", from, "', '", TypeToString(col.type), "', ",
                      Literal(where), ", ", Literal(col.name), ")");
}

void Parser::CoerceForCompare(Expr* a, Expr* b) const {
  if (a->is_null || b->is_null) return;
  if (!a->typed || !b->typed) {
    if (a->typed && IsSpecialFamily(FamilyOf(a->type.id))) *b = Convert(*b, a->type);
    if (b->typed && IsSpecialFamily(FamilyOf(b->type.id))) *a = Convert(*a, b->type);
    return;
  }
  TypeFamily fa = FamilyOf(a->type.id), fb = FamilyOf(b->type.id);
  if (fa == fb) return;
  if (!IsSpecialFamily(fa) && !IsSpecialFamily(fb)) return;
  if (TypePrecedence(a->type.id) >= TypePrecedence(b->type.id)) {
    *b = Convert(*b, a->type.id == TypeId::kDateTime || a->type.id == TypeId::kSmallDateTime
                         ? a->type
                         : a->type);
  } else {
    *a = Convert(*a, b->type);
  }
}

// ---- expressions ------------------------------------------------------------

absl::StatusOr<Expr> Parser::ParseExpr(const Scope& scope) { return ParseOr(scope); }
absl::StatusOr<Expr> Parser::ParsePredicate(const Scope& scope) { return ParseOr(scope); }

absl::StatusOr<Expr> Parser::ParseOr(const Scope& scope) {
  EHI_ASSIGN_OR_RETURN(Expr left, ParseAnd(scope));
  while (AcceptWord("OR")) {
    EHI_ASSIGN_OR_RETURN(Expr right, ParseAnd(scope));
    left = Typed(absl::StrCat("(", left.sql, " OR ", right.sql, ")"), SqlType::Of(TypeId::kBit));
    left.typed = false;
  }
  return left;
}

absl::StatusOr<Expr> Parser::ParseAnd(const Scope& scope) {
  EHI_ASSIGN_OR_RETURN(Expr left, ParseNot(scope));
  while (AcceptWord("AND")) {
    EHI_ASSIGN_OR_RETURN(Expr right, ParseNot(scope));
    left = Typed(absl::StrCat("(", left.sql, " AND ", right.sql, ")"), SqlType::Of(TypeId::kBit));
    left.typed = false;
  }
  return left;
}

absl::StatusOr<Expr> Parser::ParseNot(const Scope& scope) {
  if (AcceptWord("NOT")) {
    EHI_ASSIGN_OR_RETURN(Expr inner, ParseNot(scope));
    Expr e;
    e.sql = absl::StrCat("(NOT ", inner.sql, ")");
    return e;
  }
  return ParseComparison(scope);
}

absl::StatusOr<Expr> Parser::ParseComparison(const Scope& scope) {
  EHI_ASSIGN_OR_RETURN(Expr left, ParseAdditive(scope));
  static constexpr absl::string_view kOps[] = {"=", "<>", "!=", "<", ">", "<=", ">=", "!<", "!>"};
  for (absl::string_view op : kOps) {
    if (Peek().IsOp(op)) {
      Next();
      EHI_ASSIGN_OR_RETURN(Expr right, ParseAdditive(scope));
      CoerceForCompare(&left, &right);
      std::string sqlop(op == "!<" ? ">=" : op == "!>" ? "<=" : op);
      Expr e;
      e.sql = absl::StrCat("(", left.sql, " ", sqlop, " ", right.sql, ")");
      return e;
    }
  }
  if (AcceptWord("IS")) {
    bool negate = AcceptWord("NOT");
    EHI_RETURN_IF_ERROR(ExpectWord("NULL"));
    Expr e;
    e.sql = absl::StrCat("(", left.sql, negate ? " IS NOT NULL)" : " IS NULL)");
    return e;
  }
  bool negate = false;
  if (Peek().Is("NOT") && (Peek(1).Is("BETWEEN") || Peek(1).Is("IN") || Peek(1).Is("LIKE"))) {
    Next();
    negate = true;
  }
  const char* nots = negate ? "NOT " : "";
  if (AcceptWord("BETWEEN")) {
    EHI_ASSIGN_OR_RETURN(Expr lo, ParseAdditive(scope));
    EHI_RETURN_IF_ERROR(ExpectWord("AND"));
    EHI_ASSIGN_OR_RETURN(Expr hi, ParseAdditive(scope));
    Expr l2 = left;
    CoerceForCompare(&left, &lo);
    CoerceForCompare(&l2, &hi);
    Expr e;
    e.sql = absl::StrCat("(", left.sql, " ", nots, "BETWEEN ", lo.sql, " AND ", hi.sql, ")");
    return e;
  }
  if (AcceptWord("IN")) {
    EHI_RETURN_IF_ERROR(ExpectOp("("));
    std::string inner;
    if (Peek().Is("SELECT") || Peek().Is("WITH")) {
      EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(&scope));
      inner = q.sql;
    } else {
      std::vector<std::string> items;
      while (true) {
        EHI_ASSIGN_OR_RETURN(Expr item, ParseExpr(scope));
        Expr l2 = left;
        CoerceForCompare(&l2, &item);
        items.push_back(item.sql);
        if (AcceptOp(")")) break;
        EHI_RETURN_IF_ERROR(ExpectOp(","));
      }
      --pos_;
      inner = absl::StrJoin(items, ", ");
    }
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    Expr e;
    e.sql = absl::StrCat("(", left.sql, " ", nots, "IN (", inner, "))");
    return e;
  }
  if (AcceptWord("LIKE")) {
    EHI_ASSIGN_OR_RETURN(Expr pattern, ParseAdditive(scope));
    std::string escape;
    if (AcceptWord("ESCAPE")) {
      EHI_ASSIGN_OR_RETURN(Expr esc, ParseAdditive(scope));
      escape = absl::StrCat(" ESCAPE ", esc.sql);
    }
    Expr e;
    e.sql = absl::StrCat("(", left.sql, " ", nots, "LIKE ", pattern.sql, escape, ")");
    return e;
  }
  if (negate) return ErrorHere();
  return left;
}

absl::StatusOr<Expr> Parser::ParseAdditive(const Scope& scope) {
  EHI_ASSIGN_OR_RETURN(Expr left, ParseMultiplicative(scope));
  while (true) {
    const Token& t = Peek();
    if (!(t.IsOp("+") || t.IsOp("-") || t.IsOp("&") || t.IsOp("|") || t.IsOp("^"))) break;
    std::string op = Next().text;
    EHI_ASSIGN_OR_RETURN(Expr right, ParseMultiplicative(scope));
    if (op == "+" && (IsStringFamily(left) || IsStringFamily(right))) {
      // String concatenation; the result is nvarchar if either side is.
      bool unicode =
          (left.typed && IsUnicode(left.type.id)) || (right.typed && IsUnicode(right.type.id));
      int la = left.typed ? left.type.length : SqlType::kMaxLength;
      int lb = right.typed ? right.type.length : SqlType::kMaxLength;
      int len =
          (la < 0 || lb < 0 || la + lb > (unicode ? 4000 : 8000)) ? SqlType::kMaxLength : la + lb;
      Expr l = IsStringFamily(left) ? left : Convert(left, SqlType::Of(TypeId::kVarChar, 30));
      Expr r = IsStringFamily(right) ? right : Convert(right, SqlType::Of(TypeId::kVarChar, 30));
      left = Typed(absl::StrCat("(", l.sql, " || ", r.sql, ")"),
                   SqlType::Of(unicode ? TypeId::kNVarChar : TypeId::kVarChar, len));
      continue;
    }
    if (op == "^") {
      left = Arith(left, right,
                   absl::StrCat("((", left.sql, " | ", right.sql, ") - (", left.sql, " & ",
                                right.sql, "))"));
      continue;
    }
    left = Arith(left, right, absl::StrCat("(", left.sql, " ", op, " ", right.sql, ")"));
  }
  return left;
}

absl::StatusOr<Expr> Parser::ParseMultiplicative(const Scope& scope) {
  EHI_ASSIGN_OR_RETURN(Expr left, ParseUnary(scope));
  while (Peek().IsOp("*") || Peek().IsOp("/") || Peek().IsOp("%")) {
    std::string op = Next().text;
    EHI_ASSIGN_OR_RETURN(Expr right, ParseUnary(scope));
    if (op == "*") {
      left = Arith(left, right, absl::StrCat("(", left.sql, " * ", right.sql, ")"));
    } else {
      // _ms_div/_ms_mod raise 8134 on a zero divisor, as SQL Server does.
      left =
          Arith(left, right,
                absl::StrCat(op == "/" ? "_ms_div(" : "_ms_mod(", left.sql, ", ", right.sql, ")"));
    }
  }
  return left;
}

absl::StatusOr<Expr> Parser::ParseUnary(const Scope& scope) {
  if (AcceptOp("-")) {
    if (Peek().kind == TokenKind::kNumber) {
      // Fold the sign so -2147483648 stays an int literal.
      Token t = Peek();
      std::vector<Token> tmp;
      EHI_ASSIGN_OR_RETURN(Expr e, ParsePrimary(scope));
      if (e.is_literal) {
        std::string digits = t.text;
        if (e.sql.size() >= 2 && e.sql.front() == '\'') {
          e.sql = absl::StrCat("'-", e.sql.substr(1));
        } else {
          e.sql = absl::StrCat("-", e.sql);
        }
        if (e.type.id == TypeId::kNumeric && e.type.scale == 0 &&
            digits.find_first_of(".eE") == std::string::npos) {
          int64_t v = 0;
          if (absl::SimpleAtoi(absl::StrCat("-", digits), &v) && v >= INT32_MIN) {
            e.type = SqlType::Of(TypeId::kInt);
          }
        }
      }
      return e;
    }
    EHI_ASSIGN_OR_RETURN(Expr e, ParseUnary(scope));
    e.sql = absl::StrCat("(- ", e.sql, ")");
    e.is_column = false;
    e.name.clear();
    return e;
  }
  if (AcceptOp("+")) return ParseUnary(scope);
  if (AcceptOp("~")) {
    EHI_ASSIGN_OR_RETURN(Expr e, ParseUnary(scope));
    e.sql = absl::StrCat("(~ ", e.sql, ")");
    e.is_column = false;
    return e;
  }
  EHI_ASSIGN_OR_RETURN(Expr e, ParsePrimary(scope));
  if (AcceptWord("COLLATE")) {
    EHI_ASSIGN_OR_RETURN(std::string coll, Identifier());
    bool binary = absl::StrContains(Upper(coll), "_BIN") || absl::StrContains(Upper(coll), "_CS");
    e.sql = absl::StrCat("(", e.sql, " COLLATE ", binary ? "BINARY" : "ms_ci", ")");
  }
  return e;
}

absl::StatusOr<Expr> Parser::ParsePrimary(const Scope& scope) {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kNumber: {
      Next();
      std::string s = t.text;
      Expr e;
      e.is_literal = true;
      e.typed = true;
      if (s.find_first_of("eE") != std::string::npos) {
        e.type = SqlType::Of(TypeId::kFloat);
        e.sql = s;
        return e;
      }
      size_t dot = s.find('.');
      std::string digits = s;
      if (dot != std::string::npos) digits.erase(dot, 1);
      size_t nz = digits.find_first_not_of('0');
      int precision = nz == std::string::npos ? 1 : static_cast<int>(digits.size() - nz);
      int scale = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
      precision = std::max(precision, scale);
      if (precision == 0) precision = 1;
      int64_t v = 0;
      if (dot == std::string::npos && absl::SimpleAtoi(s, &v) && v <= INT32_MAX) {
        e.type = SqlType::Of(TypeId::kInt);
        e.sql = s;
        return e;
      }
      e.type = SqlType::Of(TypeId::kNumeric, 0, std::min(precision, 38), scale);
      // Past 15 digits a double would lose precision: keep the literal exact
      // as text; SQLite still does arithmetic on it.
      e.sql = precision <= 15 ? s : Literal(s);
      return e;
    }
    case TokenKind::kString: {
      Next();
      int64_t len = t.national ? Utf16Length(t.text) : CharLength(t.text);
      Expr e =
          Typed(Literal(t.text),
                SqlType::Of(t.national ? TypeId::kNVarChar : TypeId::kVarChar,
                            static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(len, 8000)))));
      if (len > (t.national ? 4000 : 8000)) e.type.length = SqlType::kMaxLength;
      e.is_literal = true;
      return e;
    }
    case TokenKind::kBinary: {
      Next();
      Expr e = Typed(absl::StrCat("X'", t.text, "'"),
                     SqlType::Of(TypeId::kVarBinary,
                                 static_cast<int>(std::max<size_t>(1, t.text.size() / 2))));
      e.is_literal = true;
      return e;
    }
    case TokenKind::kParam: {
      Next();
      std::string name = absl::AsciiStrToLower(t.text);
      if (ctx_.variables != nullptr) {
        auto it = ctx_.variables->find(name);
        if (it != ctx_.variables->end()) {
          NoteParam(name);
          return Typed(name, it->second);
        }
      }
      return SqlError(137, 15, absl::StrCat("Must declare the scalar variable \"", t.text, "\"."));
    }
    case TokenKind::kSysVar:
      return ParseSysVar();
    case TokenKind::kOp:
      if (t.IsOp("(")) {
        Next();
        if (Peek().Is("SELECT") || Peek().Is("WITH")) {
          EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(&scope));
          EHI_RETURN_IF_ERROR(ExpectOp(")"));
          Expr e;
          e.sql = absl::StrCat("(", q.sql, ")");
          if (!q.columns.empty() && q.columns[0].typed) {
            e.type = q.columns[0].type;
            e.typed = true;
          }
          return e;
        }
        EHI_ASSIGN_OR_RETURN(Expr inner, ParseExpr(scope));
        EHI_RETURN_IF_ERROR(ExpectOp(")"));
        inner.sql = absl::StrCat("(", inner.sql, ")");
        inner.is_column = false;
        return inner;
      }
      return ErrorHere();
    case TokenKind::kIdent:
      break;
    default:
      return ErrorHere();
  }
  if (!t.quoted) {
    if (t.Is("NULL")) {
      Next();
      Expr e = Typed("NULL", SqlType::Of(TypeId::kInt));
      e.is_null = true;
      e.is_literal = true;
      return e;
    }
    if (t.Is("CASE")) {
      Next();
      std::string sql = "CASE";
      if (!Peek().Is("WHEN")) {
        EHI_ASSIGN_OR_RETURN(Expr operand, ParseExpr(scope));
        absl::StrAppend(&sql, " ", operand.sql);
      }
      Expr result;
      bool have_type = false;
      while (AcceptWord("WHEN")) {
        EHI_ASSIGN_OR_RETURN(Expr when, ParseExpr(scope));
        EHI_RETURN_IF_ERROR(ExpectWord("THEN"));
        EHI_ASSIGN_OR_RETURN(Expr then, ParseExpr(scope));
        absl::StrAppend(&sql, " WHEN ", when.sql, " THEN ", then.sql);
        if (!have_type && then.typed && !then.is_null) {
          result.type = then.type;
          result.typed = have_type = true;
        }
      }
      if (AcceptWord("ELSE")) {
        EHI_ASSIGN_OR_RETURN(Expr other, ParseExpr(scope));
        absl::StrAppend(&sql, " ELSE ", other.sql);
        if (!have_type && other.typed && !other.is_null) {
          result.type = other.type;
          result.typed = true;
        }
      }
      EHI_RETURN_IF_ERROR(ExpectWord("END"));
      result.sql = absl::StrCat("(", sql, " END)");
      return result;
    }
    if (t.Is("EXISTS")) {
      Next();
      EHI_RETURN_IF_ERROR(ExpectOp("("));
      EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(&scope));
      EHI_RETURN_IF_ERROR(ExpectOp(")"));
      Expr e;
      e.sql = absl::StrCat("EXISTS (", q.sql, ")");
      return e;
    }
    if (t.Is("CURRENT_TIMESTAMP")) {
      Next();
      return Typed("_ms_now('datetime')", SqlType::Of(TypeId::kDateTime));
    }
    if (t.Is("CURRENT_USER") || t.Is("SESSION_USER") || t.Is("SYSTEM_USER") || t.Is("USER")) {
      Next();
      return Typed("'dbo'", SqlType::Of(TypeId::kNVarChar, 128));
    }
    if (Peek(1).IsOp("(")) {
      std::string name = Next().text;
      return ParseFunction(name, scope);
    }
    // Keywords cannot start an expression.
    static constexpr absl::string_view kStop[] = {
        "FROM",     "WHERE",     "GROUP",    "ORDER", "HAVING",  "SELECT",  "UNION",    "AND",
        "OR",       "ON",        "JOIN",     "AS",    "THEN",    "WHEN",    "ELSE",     "END",
        "INSERT",   "UPDATE",    "DELETE",   "SET",   "VALUES",  "INTO",    "TABLE",    "BY",
        "EXCEPT",   "INTERSECT", "OFFSET",   "FETCH", "IS",      "IN",      "LIKE",     "BETWEEN",
        "INNER",    "LEFT",      "RIGHT",    "FULL",  "CROSS",   "OUTER",   "DISTINCT", "TOP",
        "CREATE",   "DROP",      "ALTER",    "EXEC",  "EXECUTE", "DECLARE", "BEGIN",    "COMMIT",
        "ROLLBACK", "USE",       "TRUNCATE", "WITH",  "OVER",    "ASC",     "DESC",     "NOT",
        "ALL",      "ANY"};
    for (absl::string_view w : kStop) {
      if (t.Is(w)) return ErrorHere();
    }
  }
  return ParseColumnRef(scope);
}

absl::StatusOr<Expr> Parser::ParseColumnRef(const Scope& scope) {
  std::vector<std::string> parts;
  EHI_ASSIGN_OR_RETURN(std::string first, Identifier());
  parts.push_back(first);
  while (Peek().IsOp(".") && Peek(1).kind == TokenKind::kIdent && parts.size() < 4) {
    Next();
    parts.push_back(Next().text);
  }
  std::string column = parts.back();
  std::vector<std::string> qual(parts.begin(), parts.end() - 1);
  if (qual.size() == 3) qual.erase(qual.begin());  // db.schema.table
  std::string written = absl::StrJoin(parts, ".");
  for (const Scope* s = &scope; s != nullptr; s = s->outer) {
    const Source* found = nullptr;
    int found_col = -1;
    for (const Source& src : s->sources) {
      if (qual.size() == 1 && !absl::EqualsIgnoreCase(src.alias, qual[0])) continue;
      if (qual.size() == 2 && !(absl::EqualsIgnoreCase(src.schema, qual[0]) &&
                                absl::EqualsIgnoreCase(src.table, qual[1]))) {
        continue;
      }
      for (size_t i = 0; i < src.columns.size(); ++i) {
        if (absl::EqualsIgnoreCase(src.columns[i].name, column)) {
          if (found != nullptr && found != &src) {
            return SqlError(209, 16, absl::StrCat("Ambiguous column name '", column, "'."));
          }
          found = &src;
          found_col = static_cast<int>(i);
          break;
        }
      }
    }
    if (found != nullptr) {
      const SourceColumn& c = found->columns[found_col];
      Expr e;
      e.sql = absl::StrCat(Quote(found->alias), ".", Quote(c.name));
      e.type = c.type;
      e.typed = c.typed;
      e.is_column = true;
      e.name = c.name;
      return e;
    }
    if (qual.empty()) {
      for (const auto& [alias, expr] : s->select_aliases) {
        if (absl::EqualsIgnoreCase(alias, column)) {
          Expr e = expr;
          e.sql = Quote(alias);
          return e;
        }
      }
    }
  }
  if (!qual.empty()) {
    return SqlError(
        4104, 16, absl::StrCat("The multi-part identifier \"", written, "\" could not be bound."));
  }
  return InvalidColumn(column);
}

absl::StatusOr<Expr> Parser::ParseSysVar() {
  std::string name = Upper(Next().text.substr(2));
  auto lit_int = [](int64_t v, TypeId id) {
    Expr e = Typed(absl::StrCat(v), SqlType::Of(id));
    e.is_literal = true;
    return e;
  };
  auto lit_text = [](absl::string_view v, int len) {
    Expr e = Typed(Literal(v), SqlType::Of(TypeId::kNVarChar, len));
    e.is_literal = true;
    return e;
  };
  if (name == "VERSION") return lit_text(kVersion, 300);
  if (name == "SPID") return lit_int(ctx_.spid, TypeId::kSmallInt);
  if (name == "ROWCOUNT") return lit_int(ctx_.rowcount, TypeId::kInt);
  if (name == "TRANCOUNT") return lit_int(ctx_.trancount, TypeId::kInt);
  if (name == "ERROR") return lit_int(0, TypeId::kInt);
  if (name == "SERVERNAME") return lit_text("EHI-EMULATOR", 128);
  if (name == "SERVICENAME") return lit_text("MSSQLSERVER", 128);
  if (name == "LANGUAGE") return lit_text("us_english", 128);
  if (name == "TEXTSIZE") {
    return lit_int(ctx_.text_size < 0 ? 2147483647 : ctx_.text_size, TypeId::kInt);
  }
  if (name == "MAX_PRECISION") return lit_int(38, TypeId::kTinyInt);
  if (name == "DATEFIRST") return lit_int(7, TypeId::kTinyInt);
  if (name == "LOCK_TIMEOUT") return lit_int(-1, TypeId::kInt);
  if (name == "MICROSOFTVERSION") return lit_int(0x10001045, TypeId::kInt);
  if (name == "IDENTITY") {
    Expr e = Typed("NULL", SqlType::Of(TypeId::kNumeric, 0, 38, 0));
    e.is_null = true;
    return e;
  }
  if (name == "DBTS") return Typed("_ms_dbts()", SqlType::Of(TypeId::kVarBinary, 8));
  return SqlError(137, 15, absl::StrCat("Must declare the scalar variable \"@@", name, "\"."));
}

absl::StatusOr<std::string> Parser::ParseOver(const Scope& scope) {
  EHI_RETURN_IF_ERROR(ExpectOp("("));
  std::string sql = " OVER (";
  if (AcceptWord("PARTITION")) {
    EHI_RETURN_IF_ERROR(ExpectWord("BY"));
    std::vector<std::string> parts;
    do {
      EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(scope));
      parts.push_back(e.sql);
    } while (AcceptOp(","));
    absl::StrAppend(&sql, "PARTITION BY ", absl::StrJoin(parts, ", "), " ");
  }
  if (AcceptWord("ORDER")) {
    EHI_RETURN_IF_ERROR(ExpectWord("BY"));
    std::vector<std::string> parts;
    do {
      EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(scope));
      std::string dir = AcceptWord("DESC") ? " DESC" : (AcceptWord("ASC"), "");
      parts.push_back(e.sql + dir);
    } while (AcceptOp(","));
    absl::StrAppend(&sql, "ORDER BY ", absl::StrJoin(parts, ", "), " ");
  }
  // A frame clause (ROWS/RANGE …) has the same spelling in SQLite.
  while (!AtEnd() && !Peek().IsOp(")")) {
    const Token& t = Next();
    if (t.kind != TokenKind::kIdent && t.kind != TokenKind::kNumber) return ErrorHere();
    absl::StrAppend(&sql, t.text, " ");
  }
  EHI_RETURN_IF_ERROR(ExpectOp(")"));
  sql.push_back(')');
  return sql;
}

}  // namespace emulator
