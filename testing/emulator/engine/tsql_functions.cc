// Built-in function calls: which T-SQL functions exist, what SQLite (or
// emulator _ms_*) function implements each, and the SQL Server result type.
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

Expr Untyped(std::string sql) {
  Expr e;
  e.sql = std::move(sql);
  return e;
}

std::string TypeArg(const Expr& e) {
  return absl::StrCat("'", e.typed ? TypeToString(e.type) : "", "'");
}

absl::Status WrongArgs(absl::string_view name, size_t n) {
  return SqlError(
      174, 15,
      absl::StrCat("The ", absl::AsciiStrToLower(name), " function requires ", n, " argument(s)."));
}

bool IsDatePart(absl::string_view p) {
  static constexpr absl::string_view kParts[] = {
      "year",        "yy",     "yyyy",        "quarter", "qq",         "q",   "month",
      "mm",          "m",      "dayofyear",   "dy",      "y",          "day", "dd",
      "d",           "week",   "wk",          "ww",      "weekday",    "dw",  "hour",
      "hh",          "minute", "mi",          "n",       "second",     "ss",  "s",
      "millisecond", "ms",     "microsecond", "mcs",     "nanosecond", "ns"};
  for (absl::string_view k : kParts) {
    if (absl::EqualsIgnoreCase(k, p)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Expr> Parser::ParseFunction(const std::string& raw_name, const Scope& scope) {
  const std::string name = absl::AsciiStrToUpper(raw_name);
  EHI_RETURN_IF_ERROR(ExpectOp("("));

  // Forms whose arguments are not plain expressions.
  if (name == "CAST" || name == "TRY_CAST") {
    EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(scope));
    EHI_RETURN_IF_ERROR(ExpectWord("AS"));
    EHI_ASSIGN_OR_RETURN(SqlType to, ParseType(/*for_cast=*/true));
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    Expr out = Convert(e, to);
    if (name == "TRY_CAST" && !e.is_null) {
      out.sql = absl::StrCat("_ms_try", out.sql.substr(3));
    }
    return out;
  }
  if (name == "CONVERT" || name == "TRY_CONVERT") {
    EHI_ASSIGN_OR_RETURN(SqlType to, ParseType(/*for_cast=*/true));
    EHI_RETURN_IF_ERROR(ExpectOp(","));
    EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(scope));
    int style = 0;
    if (AcceptOp(",")) {
      const Token& s = Next();
      if (s.kind != TokenKind::kNumber || !absl::SimpleAtoi(s.text, &style)) {
        --pos_;
        return ErrorHere();
      }
    }
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    Expr out = Convert(e, to, style);
    if (name == "TRY_CONVERT" && !e.is_null) {
      out.sql = absl::StrCat("_ms_try", out.sql.substr(3));
    }
    return out;
  }
  if (name == "DATEADD" || name == "DATEDIFF" || name == "DATEDIFF_BIG" || name == "DATEPART" ||
      name == "DATENAME") {
    EHI_ASSIGN_OR_RETURN(std::string part, Identifier());
    if (!IsDatePart(part)) {
      return SqlError(155, 15,
                      absl::StrCat("'", part, "' is not a recognized ", absl::AsciiStrToLower(name),
                                   " option."));
    }
    std::vector<Expr> args;
    while (AcceptOp(",")) {
      EHI_ASSIGN_OR_RETURN(Expr a, ParseExpr(scope));
      args.push_back(std::move(a));
    }
    EHI_RETURN_IF_ERROR(ExpectOp(")"));
    std::string p = Literal(absl::AsciiStrToLower(part));
    if (name == "DATEADD") {
      if (args.size() != 2) return WrongArgs(name, 3);
      SqlType rt = args[1].typed ? args[1].type : SqlType::Of(TypeId::kDateTime);
      if (FamilyOf(rt.id) == TypeFamily::kString) rt = SqlType::Of(TypeId::kDateTime);
      return Typed(absl::StrCat("_ms_dateadd(", p, ", ", args[0].sql, ", ", args[1].sql, ", ",
                                TypeArg(args[1]), ", '", TypeToString(rt), "')"),
                   rt);
    }
    if (name == "DATEDIFF" || name == "DATEDIFF_BIG") {
      if (args.size() != 2) return WrongArgs(name, 3);
      return Typed(absl::StrCat("_ms_datediff(", p, ", ", args[0].sql, ", ", TypeArg(args[0]), ", ",
                                args[1].sql, ", ", TypeArg(args[1]), ")"),
                   SqlType::Of(name == "DATEDIFF" ? TypeId::kInt : TypeId::kBigInt));
    }
    if (args.size() != 1) return WrongArgs(name, 2);
    if (name == "DATENAME") {
      return Typed(absl::StrCat("CAST(_ms_datepart(", p, ", ", args[0].sql, ", ", TypeArg(args[0]),
                                ") AS TEXT)"),
                   SqlType::Of(TypeId::kNVarChar, 30));
    }
    return Typed(absl::StrCat("_ms_datepart(", p, ", ", args[0].sql, ", ", TypeArg(args[0]), ")"),
                 SqlType::Of(TypeId::kInt));
  }

  bool distinct = false;
  bool star = false;
  std::vector<Expr> args;
  if (AcceptOp("*")) {
    star = true;
  } else if (!Peek().IsOp(")")) {
    distinct = AcceptWord("DISTINCT");
    if (!distinct) AcceptWord("ALL");
    do {
      EHI_ASSIGN_OR_RETURN(Expr a, ParseExpr(scope));
      args.push_back(std::move(a));
    } while (AcceptOp(","));
  }
  EHI_RETURN_IF_ERROR(ExpectOp(")"));
  auto need = [&](size_t lo, size_t hi) -> absl::Status {
    if (star || args.size() < lo || args.size() > hi) return WrongArgs(name, lo);
    return absl::OkStatus();
  };
  auto joined = [&]() {
    std::vector<std::string> parts;
    for (const Expr& a : args) parts.push_back(a.sql);
    return absl::StrJoin(parts, ", ");
  };
  const std::string dist = distinct ? "DISTINCT " : "";

  // Aggregates and window functions.
  Expr out;
  bool windowable = false;
  if (name == "COUNT" || name == "COUNT_BIG") {
    if (!star) EHI_RETURN_IF_ERROR(need(1, 1));
    out = Typed(absl::StrCat("count(", dist, star ? "*" : args[0].sql, ")"),
                SqlType::Of(name == "COUNT" ? TypeId::kInt : TypeId::kBigInt));
    windowable = true;
  } else if (name == "MIN" || name == "MAX") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    out = args[0];
    out.sql = absl::StrCat(absl::AsciiStrToLower(name), "(", dist, args[0].sql, ")");
    out.is_column = false;
    out.is_literal = false;
    windowable = true;
  } else if (name == "SUM" || name == "AVG") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    out = Untyped(absl::StrCat(name == "SUM" ? "sum(" : "avg(", dist, args[0].sql, ")"));
    if (args[0].typed) {
      out.typed = true;
      out.type = args[0].type;
      switch (args[0].type.id) {
        case TypeId::kBit:
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
          out.type = SqlType::Of(TypeId::kInt);
          break;
        case TypeId::kDecimal:
        case TypeId::kNumeric:
          out.type = SqlType::Of(TypeId::kDecimal, 0, 38, args[0].type.scale);
          break;
        case TypeId::kSmallMoney:
          out.type = SqlType::Of(TypeId::kMoney, 0, 19, 4);
          break;
        case TypeId::kReal:
          out.type = SqlType::Of(TypeId::kFloat);
          break;
        default:
          break;
      }
      if (name == "AVG" && FamilyOf(out.type.id) == TypeFamily::kInt) {
        out.sql = absl::StrCat("CAST(", out.sql, " AS INTEGER)");
      }
    }
    windowable = true;
  } else if (name == "STRING_AGG") {
    EHI_RETURN_IF_ERROR(need(2, 2));
    out = Typed(absl::StrCat("group_concat(", args[0].sql, ", ", args[1].sql, ")"),
                SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength));
  } else if (name == "ROW_NUMBER" || name == "RANK" || name == "DENSE_RANK") {
    EHI_RETURN_IF_ERROR(need(0, 0));
    out = Typed(absl::StrCat(absl::AsciiStrToLower(name), "()"), SqlType::Of(TypeId::kBigInt));
    windowable = true;
  } else if (name == "NTILE") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    out = Typed(absl::StrCat("ntile(", args[0].sql, ")"), SqlType::Of(TypeId::kBigInt));
    windowable = true;
  } else if (name == "LAG" || name == "LEAD" || name == "FIRST_VALUE" || name == "LAST_VALUE") {
    EHI_RETURN_IF_ERROR(need(1, 3));
    out = args[0];
    out.sql = absl::StrCat(absl::AsciiStrToLower(name), "(", joined(), ")");
    out.is_column = false;
    windowable = true;
  }
  if (!out.sql.empty()) {
    if (Peek().Is("OVER")) {
      if (!windowable) return ErrorHere();
      Next();
      EHI_ASSIGN_OR_RETURN(std::string over, ParseOver(scope));
      out.sql += over;
    } else if (name == "ROW_NUMBER" || name == "RANK" || name == "DENSE_RANK" || name == "NTILE" ||
               name == "LAG" || name == "LEAD" || name == "FIRST_VALUE" || name == "LAST_VALUE") {
      return SqlError(10753, 15,
                      absl::StrCat("The function '", absl::AsciiStrToLower(name),
                                   "' must have an OVER clause."));
    }
    return out;
  }
  if (star || distinct) return ErrorHere();

  // Scalar functions.
  const SqlType nv128 = SqlType::Of(TypeId::kNVarChar, 128);
  auto same_as = [&](size_t i, std::string sql) {
    Expr e = args[i];
    e.sql = std::move(sql);
    e.is_column = false;
    e.is_literal = false;
    return e;
  };
  if (name == "ISNULL") {
    EHI_RETURN_IF_ERROR(need(2, 2));
    Expr second = args[1];
    if (args[0].typed && !args[0].is_null && FamilyOf(args[0].type.id) != TypeFamily::kString &&
        second.typed && FamilyOf(second.type.id) != FamilyOf(args[0].type.id)) {
      second = Convert(second, args[0].type);
    }
    Expr e = same_as(0, absl::StrCat("ifnull(", args[0].sql, ", ", second.sql, ")"));
    if (args[0].is_null) e = same_as(1, e.sql);
    return e;
  }
  if (name == "COALESCE") {
    EHI_RETURN_IF_ERROR(need(2, 1000));
    size_t typed = 0;
    while (typed + 1 < args.size() && (args[typed].is_null || !args[typed].typed)) ++typed;
    return same_as(typed, absl::StrCat("coalesce(", joined(), ")"));
  }
  if (name == "NULLIF") {
    EHI_RETURN_IF_ERROR(need(2, 2));
    return same_as(0, absl::StrCat("nullif(", joined(), ")"));
  }
  if (name == "IIF") {
    EHI_RETURN_IF_ERROR(need(3, 3));
    return same_as(1, absl::StrCat("iif(", joined(), ")"));
  }
  if (name == "LEN") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_len(", args[0].sql, ")"), SqlType::Of(TypeId::kInt));
  }
  if (name == "DATALENGTH") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_datalength(", args[0].sql, ", ", TypeArg(args[0]), ")"),
                 SqlType::Of(TypeId::kInt));
  }
  if (name == "UPPER" || name == "LOWER" || name == "LTRIM" || name == "RTRIM" || name == "TRIM" ||
      name == "REVERSE") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    std::string fn = name == "UPPER"     ? "_ms_upper("
                     : name == "LOWER"   ? "_ms_lower("
                     : name == "REVERSE" ? "_ms_reverse("
                                         : absl::StrCat(absl::AsciiStrToLower(name), "(");
    std::string tail = (name == "LTRIM" || name == "RTRIM" || name == "TRIM") ? ", ' ')" : ")";
    Expr e = same_as(0, absl::StrCat(fn, args[0].sql, tail));
    if (!e.typed || FamilyOf(e.type.id) != TypeFamily::kString) {
      e.type = SqlType::Of(TypeId::kVarChar, 8000);
      e.typed = true;
    }
    return e;
  }
  if (name == "SUBSTRING" || name == "LEFT" || name == "RIGHT") {
    EHI_RETURN_IF_ERROR(need(name == "SUBSTRING" ? 3 : 2, name == "SUBSTRING" ? 3 : 2));
    std::string sql = name == "SUBSTRING" ? absl::StrCat("_ms_substring(", joined(), ")")
                      : name == "LEFT"
                          ? absl::StrCat("_ms_substring(", args[0].sql, ", 1, ", args[1].sql, ")")
                          : absl::StrCat("_ms_right(", joined(), ")");
    Expr e = same_as(0, sql);
    if (!e.typed || FamilyOf(e.type.id) != TypeFamily::kString) {
      e.type = SqlType::Of(TypeId::kVarChar, 8000);
      e.typed = true;
    }
    if (e.type.id == TypeId::kChar) e.type.id = TypeId::kVarChar;
    if (e.type.id == TypeId::kNChar) e.type.id = TypeId::kNVarChar;
    return e;
  }
  if (name == "REPLACE" || name == "REPLICATE" || name == "CONCAT" || name == "CHARINDEX" ||
      name == "QUOTENAME" || name == "SPACE" || name == "STR" || name == "FORMAT") {
    if (name == "REPLACE") {
      EHI_RETURN_IF_ERROR(need(3, 3));
      Expr e = same_as(0, absl::StrCat("replace(", joined(), ")"));
      if (e.typed && FamilyOf(e.type.id) == TypeFamily::kString) {
        e.type.length = IsUnicode(e.type.id) ? 4000 : 8000;
        if (args[0].type.length == SqlType::kMaxLength) e.type.length = SqlType::kMaxLength;
        if (e.type.id == TypeId::kChar) e.type.id = TypeId::kVarChar;
        if (e.type.id == TypeId::kNChar) e.type.id = TypeId::kNVarChar;
      } else {
        e.type = SqlType::Of(TypeId::kVarChar, 8000);
        e.typed = true;
      }
      return e;
    }
    if (name == "REPLICATE") {
      EHI_RETURN_IF_ERROR(need(2, 2));
      return Typed(absl::StrCat("_ms_replicate(", joined(), ")"),
                   SqlType::Of(args[0].typed && IsUnicode(args[0].type.id) ? TypeId::kNVarChar
                                                                           : TypeId::kVarChar,
                               SqlType::kMaxLength));
    }
    if (name == "SPACE") {
      EHI_RETURN_IF_ERROR(need(1, 1));
      return Typed(absl::StrCat("_ms_replicate(' ', ", args[0].sql, ")"),
                   SqlType::Of(TypeId::kVarChar, 8000));
    }
    if (name == "CONCAT") {
      EHI_RETURN_IF_ERROR(need(2, 254));
      bool unicode = false;
      for (const Expr& a : args) unicode |= a.typed && IsUnicode(a.type.id);
      std::vector<std::string> parts;
      for (const Expr& a : args) {
        Expr text = a.typed && FamilyOf(a.type.id) == TypeFamily::kString
                        ? a
                        : Convert(a, SqlType::Of(TypeId::kNVarChar, SqlType::kMaxLength));
        parts.push_back(absl::StrCat("ifnull(", text.sql, ", '')"));
      }
      return Typed(
          absl::StrCat("(", absl::StrJoin(parts, " || "), ")"),
          SqlType::Of(unicode ? TypeId::kNVarChar : TypeId::kVarChar, SqlType::kMaxLength));
    }
    if (name == "CHARINDEX") {
      EHI_RETURN_IF_ERROR(need(2, 3));
      return Typed(absl::StrCat("_ms_charindex(", joined(), ")"), SqlType::Of(TypeId::kInt));
    }
    if (name == "QUOTENAME") {
      EHI_RETURN_IF_ERROR(need(1, 2));
      return Typed(absl::StrCat("_ms_quotename(", joined(), ")"),
                   SqlType::Of(TypeId::kNVarChar, 258));
    }
    return SqlError(195, 15,
                    absl::StrCat("'", raw_name,
                                 "' is not a recognized built-in function "
                                 "name."));
  }
  if (name == "ABS" || name == "ROUND" || name == "FLOOR" || name == "CEILING" || name == "SIGN") {
    EHI_RETURN_IF_ERROR(need(1, name == "ROUND" ? 3 : 1));
    if (name == "ROUND" && args.size() < 2) return WrongArgs(name, 2);
    std::string fn =
        name == "ABS" ? "abs(" : absl::StrCat("_ms_", absl::AsciiStrToLower(name), "(");
    Expr e = same_as(0, absl::StrCat(fn, joined(), ")"));
    return e;
  }
  if (name == "POWER" || name == "SQRT" || name == "EXP" || name == "LOG" || name == "LOG10") {
    EHI_RETURN_IF_ERROR(need(1, 2));
    return Typed(absl::StrCat("_ms_math('", absl::AsciiStrToLower(name), "', ", joined(), ")"),
                 SqlType::Of(TypeId::kFloat));
  }
  if (name == "NEWID" || name == "NEWSEQUENTIALID") {
    EHI_RETURN_IF_ERROR(need(0, 0));
    return Typed("_ms_newid()", SqlType::Of(TypeId::kUniqueIdentifier));
  }
  if (name == "GETDATE" || name == "GETUTCDATE") {
    EHI_RETURN_IF_ERROR(need(0, 0));
    return Typed(name == "GETDATE" ? "_ms_now('local')" : "_ms_now('utc')",
                 SqlType::Of(TypeId::kDateTime));
  }
  if (name == "SYSDATETIME" || name == "SYSUTCDATETIME") {
    EHI_RETURN_IF_ERROR(need(0, 0));
    return Typed(name == "SYSDATETIME" ? "_ms_now('local')" : "_ms_now('utc')",
                 SqlType::Of(TypeId::kDateTime2, 0, 0, 7));
  }
  if (name == "SYSDATETIMEOFFSET") {
    EHI_RETURN_IF_ERROR(need(0, 0));
    return Typed("_ms_now('offset')", SqlType::Of(TypeId::kDateTimeOffset, 0, 0, 7));
  }
  if (name == "YEAR" || name == "MONTH" || name == "DAY") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_datepart('", absl::AsciiStrToLower(name), "', ", args[0].sql,
                              ", ", TypeArg(args[0]), ")"),
                 SqlType::Of(TypeId::kInt));
  }
  if (name == "ISDATE" || name == "ISNUMERIC") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_", absl::AsciiStrToLower(name), "(", args[0].sql, ")"),
                 SqlType::Of(TypeId::kInt));
  }
  if (name == "DB_NAME") {
    EHI_RETURN_IF_ERROR(need(0, 1));
    if (args.empty()) return Typed(Literal(ctx_.db_name), nv128);
    return Typed(absl::StrCat("_ms_db_name(", args[0].sql, ")"), nv128);
  }
  if (name == "DB_ID") {
    EHI_RETURN_IF_ERROR(need(0, 1));
    return Typed(args.empty() ? "_ms_db_id(NULL)" : absl::StrCat("_ms_db_id(", args[0].sql, ")"),
                 SqlType::Of(TypeId::kSmallInt));
  }
  if (name == "OBJECT_ID") {
    EHI_RETURN_IF_ERROR(need(1, 2));
    return Typed(absl::StrCat("_ms_object_id(", args[0].sql, ")"), SqlType::Of(TypeId::kInt));
  }
  if (name == "OBJECT_NAME" || name == "OBJECT_SCHEMA_NAME") {
    EHI_RETURN_IF_ERROR(need(1, 2));
    return Typed(
        absl::StrCat(name == "OBJECT_NAME" ? "_ms_object_name(" : "_ms_object_schema_name(",
                     args[0].sql, ")"),
        nv128);
  }
  if (name == "SCHEMA_NAME") {
    EHI_RETURN_IF_ERROR(need(0, 1));
    return Typed(absl::StrCat("_ms_schema_name(", args.empty() ? "1" : args[0].sql, ")"), nv128);
  }
  if (name == "SCHEMA_ID") {
    EHI_RETURN_IF_ERROR(need(0, 1));
    return Typed(absl::StrCat("_ms_schema_id(", args.empty() ? "'dbo'" : args[0].sql, ")"),
                 SqlType::Of(TypeId::kInt));
  }
  if (name == "TYPE_NAME") {
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_type_name(", args[0].sql, ")"), nv128);
  }
  if (name == "USER_NAME" || name == "SUSER_NAME" || name == "SUSER_SNAME" ||
      name == "ORIGINAL_LOGIN") {
    return Typed("'dbo'", nv128);
  }
  if (name == "HOST_NAME" || name == "APP_NAME") return Typed("''", nv128);
  if (name == "SERVERPROPERTY") {
    // sql_variant in SQL Server; typed here by its base type (nvarchar),
    // which is what CAST(... AS nvarchar(128)) yields as well.
    EHI_RETURN_IF_ERROR(need(1, 1));
    return Typed(absl::StrCat("_ms_serverproperty(", args[0].sql, ")"), nv128);
  }
  if (name == "HAS_PERMS_BY_NAME") {
    return Typed("1", SqlType::Of(TypeId::kInt));
  }
  if (name == "CHECKSUM" || name == "BINARY_CHECKSUM") {
    return Typed(absl::StrCat("_ms_checksum(", joined(), ")"), SqlType::Of(TypeId::kInt));
  }
  return SqlError(195, 15,
                  absl::StrCat("'", raw_name,
                               "' is not a recognized built-in function "
                               "name."));
}

}  // namespace emulator
