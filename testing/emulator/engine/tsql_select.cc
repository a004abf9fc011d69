// Queries: SELECT cores, set operators, CTEs, FROM/JOIN, ORDER BY, TOP and
// OFFSET/FETCH (both become LIMIT/OFFSET).
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/tsql_parser.h"

namespace emulator {
namespace {

// Words that end a select list or cannot be an alias.
bool IsClauseWord(const Token& t) {
  static constexpr absl::string_view kWords[] = {
      "FROM",      "WHERE",    "GROUP",  "HAVING",   "ORDER",   "UNION",   "EXCEPT",
      "INTERSECT", "OPTION",   "INTO",   "OFFSET",   "FOR",     "JOIN",    "ON",
      "INNER",     "LEFT",     "RIGHT",  "FULL",     "CROSS",   "OUTER",   "WITH",
      "FETCH",     "SELECT",   "INSERT", "UPDATE",   "DELETE",  "SET",     "VALUES",
      "CREATE",    "DROP",     "ALTER",  "EXEC",     "EXECUTE", "DECLARE", "BEGIN",
      "COMMIT",    "ROLLBACK", "USE",    "TRUNCATE", "WHEN",    "THEN",    "ELSE",
      "END",       "AND",      "OR",     "NOT",      "AS",      "ORDER",   "APPLY"};
  if (t.kind != TokenKind::kIdent || t.quoted) return false;
  for (absl::string_view w : kWords) {
    if (t.Is(w)) return true;
  }
  return false;
}

struct Core {
  std::string sql;
  std::vector<SourceColumn> columns;
  Scope scope;
  std::string top;  // LIMIT expression, if TOP was given
};

}  // namespace

absl::StatusOr<Parser::ObjectName> Parser::ParseObjectName() {
  std::vector<std::string> parts;
  std::vector<std::string> written;
  EHI_ASSIGN_OR_RETURN(std::string first, Identifier());
  parts.push_back(first);
  written.push_back(first);
  while (Peek().IsOp(".")) {
    Next();
    if (Peek().IsOp(".")) {  // db..table
      parts.push_back("dbo");
      written.emplace_back("");
      continue;
    }
    EHI_ASSIGN_OR_RETURN(std::string part, Identifier());
    parts.push_back(part);
    written.push_back(part);
    if (parts.size() > 4) return ErrorHere();
  }
  ObjectName name;
  name.written = absl::StrJoin(written, ".");
  name.name = parts.back();
  name.schema = parts.size() >= 2 ? parts[parts.size() - 2] : "dbo";
  if (parts.size() >= 3) {
    const std::string& db = parts[parts.size() - 3];
    bool system = absl::EqualsIgnoreCase(name.schema, "sys") ||
                  absl::EqualsIgnoreCase(name.schema, "INFORMATION_SCHEMA");
    if (!absl::EqualsIgnoreCase(db, ctx_.db_name) &&
        !(system && absl::EqualsIgnoreCase(db, "master"))) {
      return InvalidObject(name.written);
    }
  }
  return name;
}

absl::StatusOr<const TableInfo*> Parser::ResolveUserTable(const ObjectName& name) {
  const TableInfo* t = ctx_.catalog->Find(name.schema, name.name);
  if (t == nullptr) return InvalidObject(name.written);
  return t;
}

Source TableSource(const TableInfo& t) {
  Source s;
  s.alias = t.name;
  s.schema = t.schema;
  s.table = t.name;
  for (const ColumnInfo& c : t.columns) {
    s.columns.push_back(SourceColumn{c.name, c.type, true, c.nullable});
  }
  return s;
}

absl::StatusOr<Source> Parser::ResolveTable(std::string* sql, bool allow_system_view) {
  // A CTE name shadows tables.
  if (Peek().kind == TokenKind::kIdent && !Peek(1).IsOp(".")) {
    for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
      if (absl::EqualsIgnoreCase(it->name, Peek().text)) {
        Next();
        Source s;
        s.alias = it->name;
        s.table = it->name;
        s.columns = it->columns;
        *sql = Quote(it->name);
        return s;
      }
    }
  }
  EHI_ASSIGN_OR_RETURN(ObjectName name, ParseObjectName());
  EHI_ASSIGN_OR_RETURN(const TableInfo* t, ResolveUserTable(name));
  if (t->is_system_view && !allow_system_view) return InvalidObject(name.written);
  NoteObject(*t);
  *sql = absl::StrCat(t->is_system_view ? "temp." : "main.", Quote(t->SqliteName()));
  return TableSource(*t);
}

absl::Status Parser::ParseFromClause(Scope* scope, std::string* sql) {
  auto item = [&]() -> absl::Status {
    std::string item_sql;
    Source src;
    if (AcceptOp("(")) {
      if (!(Peek().Is("SELECT") || Peek().Is("WITH"))) return ErrorHere();
      EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(scope->outer));
      EHI_RETURN_IF_ERROR(ExpectOp(")"));
      item_sql = absl::StrCat("(", q.sql, ")");
      src.columns = q.columns;
      AcceptWord("AS");
      if (Peek().kind != TokenKind::kIdent || IsClauseWord(Peek())) {
        return SqlError(102, 15, absl::StrCat("Incorrect syntax near ')'."));
      }
      src.alias = Next().text;
      if (AcceptOp("(")) {
        for (size_t i = 0;; ++i) {
          EHI_ASSIGN_OR_RETURN(std::string cname, Identifier());
          if (i < src.columns.size()) src.columns[i].name = cname;
          if (AcceptOp(")")) break;
          EHI_RETURN_IF_ERROR(ExpectOp(","));
        }
      }
    } else {
      EHI_ASSIGN_OR_RETURN(src, ResolveTable(&item_sql, /*allow_system_view=*/true));
      bool as = AcceptWord("AS");
      if (Peek().kind == TokenKind::kIdent && !IsClauseWord(Peek())) {
        src.alias = Next().text;
      } else if (as) {
        return ErrorHere();
      }
      // Table hints have no meaning here: WITH (NOLOCK), (NOLOCK).
      if ((Peek().Is("WITH") && Peek(1).IsOp("(")) ||
          (Peek().IsOp("(") && Peek(1).kind == TokenKind::kIdent && !IsClauseWord(Peek(1)))) {
        if (Peek().Is("WITH")) Next();
        Next();
        while (!AtEnd() && !Peek().IsOp(")")) Next();
        EHI_RETURN_IF_ERROR(ExpectOp(")"));
      }
    }
    for (const Source& existing : scope->sources) {
      if (absl::EqualsIgnoreCase(existing.alias, src.alias)) {
        return SqlError(1013, 16,
                        absl::StrCat("The objects \"", src.alias, "\" and \"", existing.alias,
                                     "\" in the FROM clause have the same exposed names. Use "
                                     "correlation names to distinguish them."));
      }
    }
    absl::StrAppend(sql, item_sql, " AS ", Quote(src.alias));
    scope->sources.push_back(std::move(src));
    return absl::OkStatus();
  };
  EHI_RETURN_IF_ERROR(item());
  while (true) {
    if (AcceptOp(",")) {
      sql->append(", ");
      EHI_RETURN_IF_ERROR(item());
      continue;
    }
    std::string join;
    bool needs_on = true;
    if (Peek().Is("JOIN")) {
      join = " JOIN ";
    } else if (Peek().Is("INNER") && Peek(1).Is("JOIN")) {
      Next();
      join = " JOIN ";
    } else if ((Peek().Is("LEFT") || Peek().Is("RIGHT") || Peek().Is("FULL")) &&
               (Peek(1).Is("JOIN") || (Peek(1).Is("OUTER") && Peek(2).Is("JOIN")))) {
      join = absl::StrCat(" ", absl::AsciiStrToUpper(Next().text), " JOIN ");
      AcceptWord("OUTER");
    } else if (Peek().Is("CROSS") && Peek(1).Is("JOIN")) {
      Next();
      join = " CROSS JOIN ";
      needs_on = false;
    } else {
      break;
    }
    EHI_RETURN_IF_ERROR(ExpectWord("JOIN"));
    sql->append(join);
    EHI_RETURN_IF_ERROR(item());
    if (needs_on) {
      EHI_RETURN_IF_ERROR(ExpectWord("ON"));
      EHI_ASSIGN_OR_RETURN(Expr on, ParsePredicate(*scope));
      absl::StrAppend(sql, " ON ", on.sql);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<QueryResult> Parser::ParseQuery(const Scope* outer) {
  const size_t saved_ctes = ctes_.size();
  std::string with_sql;
  if (AcceptWord("WITH")) {
    std::vector<std::string> defs;
    do {
      EHI_ASSIGN_OR_RETURN(std::string name, Identifier());
      std::vector<std::string> names;
      if (AcceptOp("(")) {
        do {
          EHI_ASSIGN_OR_RETURN(std::string c, Identifier());
          names.push_back(c);
        } while (AcceptOp(","));
        EHI_RETURN_IF_ERROR(ExpectOp(")"));
      }
      EHI_RETURN_IF_ERROR(ExpectWord("AS"));
      EHI_RETURN_IF_ERROR(ExpectOp("("));
      EHI_ASSIGN_OR_RETURN(QueryResult q, ParseQuery(outer));
      EHI_RETURN_IF_ERROR(ExpectOp(")"));
      Cte cte{name, q.columns};
      for (size_t i = 0; i < names.size() && i < cte.columns.size(); ++i) {
        cte.columns[i].name = names[i];
      }
      std::vector<std::string> quoted;
      for (const SourceColumn& c : cte.columns) quoted.push_back(Quote(c.name));
      defs.push_back(
          absl::StrCat(Quote(name), "(", absl::StrJoin(quoted, ", "), ") AS (", q.sql, ")"));
      ctes_.push_back(std::move(cte));
    } while (AcceptOp(","));
    with_sql = absl::StrCat("WITH ", absl::StrJoin(defs, ", "), " ");
  }

  auto parse_core = [&](Core* core) -> absl::Status {
    EHI_RETURN_IF_ERROR(ExpectWord("SELECT"));
    std::string head = "SELECT ";
    if (AcceptWord("DISTINCT")) {
      head += "DISTINCT ";
    } else {
      AcceptWord("ALL");
    }
    core->scope.outer = outer;
    if (AcceptWord("TOP")) {
      if (AcceptOp("(")) {
        EHI_ASSIGN_OR_RETURN(Expr n, ParseExpr(core->scope));
        EHI_RETURN_IF_ERROR(ExpectOp(")"));
        core->top = n.sql;
      } else if (Peek().kind == TokenKind::kNumber || Peek().kind == TokenKind::kParam) {
        EHI_ASSIGN_OR_RETURN(Expr n, ParsePrimary(core->scope));
        core->top = n.sql;
      } else {
        return ErrorHere();
      }
      if (Peek().Is("PERCENT")) return ErrorHere();
      if (Peek().Is("WITH") && Peek(1).Is("TIES")) {
        Next();
        Next();
      }
    }
    // The select list is parsed after FROM, which defines its names.
    const size_t list_start = pos_;
    int depth = 0;
    while (!AtEnd()) {
      const Token& t = Peek();
      if (t.IsOp("(")) ++depth;
      if (t.IsOp(")")) {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 &&
          (IsClauseWord(t) && !t.Is("AS") && !t.Is("AND") && !t.Is("OR") && !t.Is("NOT") &&
           !t.Is("WHEN") && !t.Is("THEN") && !t.Is("ELSE") && !t.Is("END") && !t.Is("ON") &&
           !t.Is("JOIN") && !t.Is("INNER") && !t.Is("LEFT") && !t.Is("RIGHT") && !t.Is("FULL") &&
           !t.Is("CROSS") && !t.Is("OUTER"))) {
        break;
      }
      Next();
    }
    const size_t list_end = pos_;
    std::string from_sql;
    if (AcceptWord("FROM")) {
      EHI_RETURN_IF_ERROR(ParseFromClause(&core->scope, &from_sql));
    }
    const size_t after_from = pos_;
    pos_ = list_start;
    std::vector<std::string> items;
    if (pos_ == list_end) return ErrorHere();
    do {
      // * and alias.*
      if (Peek().IsOp("*") ||
          (Peek().kind == TokenKind::kIdent && Peek(1).IsOp(".") && Peek(2).IsOp("*"))) {
        std::string qual;
        if (!Peek().IsOp("*")) {
          qual = Next().text;
          Next();
        }
        Next();
        bool any = false;
        for (const Source& s : core->scope.sources) {
          if (!qual.empty() && !absl::EqualsIgnoreCase(s.alias, qual)) continue;
          any = true;
          for (const SourceColumn& c : s.columns) {
            items.push_back(
                absl::StrCat(Quote(s.alias), ".", Quote(c.name), " AS ", Quote(c.name)));
            core->columns.push_back(c);
          }
        }
        if (!any) {
          if (qual.empty()) {
            return SqlError(263, 16, "Must specify table to select from.");
          }
          return SqlError(
              4104, 16,
              absl::StrCat("The multi-part identifier \"", qual, "\" could not be bound."));
        }
        continue;
      }
      std::string alias;
      if (Peek().kind == TokenKind::kIdent && Peek(1).IsOp("=") && !IsClauseWord(Peek())) {
        alias = Next().text;
        Next();
      } else if (Peek().kind == TokenKind::kParam && Peek(1).IsOp("=")) {
        return SqlError(141, 15,
                        "A SELECT statement that assigns a value to a variable must not "
                        "be combined with data-retrieval operations.");
      }
      EHI_ASSIGN_OR_RETURN(Expr e, ParseExpr(core->scope));
      if (alias.empty()) {
        if (AcceptWord("AS")) {
          if (Peek().kind == TokenKind::kIdent || Peek().kind == TokenKind::kString) {
            alias = Next().text;
          } else {
            return ErrorHere();
          }
        } else if ((Peek().kind == TokenKind::kIdent && !IsClauseWord(Peek())) ||
                   Peek().kind == TokenKind::kString) {
          alias = Next().text;
        }
      }
      std::string name = alias.empty() ? (e.is_column ? e.name : "") : alias;
      items.push_back(name.empty() ? e.sql : absl::StrCat(e.sql, " AS ", Quote(name)));
      SourceColumn c;
      c.name = name;
      c.type = e.type;
      c.typed = e.typed;
      core->columns.push_back(c);
      if (!alias.empty()) core->scope.select_aliases.emplace_back(alias, e);
    } while (pos_ < list_end && AcceptOp(","));
    if (pos_ != list_end) return ErrorHere();
    pos_ = after_from;
    core->sql = head + absl::StrJoin(items, ", ");
    if (!from_sql.empty()) absl::StrAppend(&core->sql, " FROM ", from_sql);
    if (AcceptWord("WHERE")) {
      EHI_ASSIGN_OR_RETURN(Expr w, ParsePredicate(core->scope));
      absl::StrAppend(&core->sql, " WHERE ", w.sql);
    }
    if (AcceptWord("GROUP")) {
      EHI_RETURN_IF_ERROR(ExpectWord("BY"));
      std::vector<std::string> parts;
      do {
        EHI_ASSIGN_OR_RETURN(Expr g, ParseExpr(core->scope));
        parts.push_back(g.sql);
      } while (AcceptOp(","));
      absl::StrAppend(&core->sql, " GROUP BY ", absl::StrJoin(parts, ", "));
    }
    if (AcceptWord("HAVING")) {
      EHI_ASSIGN_OR_RETURN(Expr h, ParsePredicate(core->scope));
      absl::StrAppend(&core->sql, " HAVING ", h.sql);
    }
    return absl::OkStatus();
  };

  Core first;
  EHI_RETURN_IF_ERROR(parse_core(&first));
  std::string sql = first.sql;
  bool compound = false;
  while (Peek().Is("UNION") || Peek().Is("EXCEPT") || Peek().Is("INTERSECT")) {
    std::string op = absl::AsciiStrToUpper(Next().text);
    if (op == "UNION" && AcceptWord("ALL")) op = "UNION ALL";
    Core next;
    EHI_RETURN_IF_ERROR(parse_core(&next));
    if (next.columns.size() != first.columns.size()) {
      return SqlError(205, 16,
                      "All queries combined using a UNION, INTERSECT or EXCEPT operator "
                      "must have an equal number of expressions in their target lists.");
    }
    if (!next.top.empty()) return ErrorHere();
    absl::StrAppend(&sql, " ", op, " ", next.sql);
    compound = true;
  }
  bool ordered = false;
  if (AcceptWord("ORDER")) {
    EHI_RETURN_IF_ERROR(ExpectWord("BY"));
    std::vector<std::string> parts;
    do {
      std::string item;
      if (compound) {
        // Compound queries order by result columns only.
        EHI_ASSIGN_OR_RETURN(std::string name, Identifier());
        item = Quote(name);
      } else {
        EHI_ASSIGN_OR_RETURN(Expr o, ParseExpr(first.scope));
        item = o.sql;
      }
      if (AcceptWord("DESC")) {
        item += " DESC";
      } else {
        AcceptWord("ASC");
      }
      parts.push_back(item);
    } while (AcceptOp(","));
    absl::StrAppend(&sql, " ORDER BY ", absl::StrJoin(parts, ", "));
    ordered = true;
  }
  std::string offset, fetch;
  if (Peek().Is("OFFSET")) {
    if (!ordered) return ErrorHere();
    Next();
    EHI_ASSIGN_OR_RETURN(Expr o, ParseAdditive(first.scope));
    offset = o.sql;
    if (!AcceptWord("ROWS")) EHI_RETURN_IF_ERROR(ExpectWord("ROW"));
    if (AcceptWord("FETCH")) {
      if (!AcceptWord("NEXT")) EHI_RETURN_IF_ERROR(ExpectWord("FIRST"));
      EHI_ASSIGN_OR_RETURN(Expr f, ParseAdditive(first.scope));
      fetch = f.sql;
      if (!AcceptWord("ROWS")) EHI_RETURN_IF_ERROR(ExpectWord("ROW"));
      EHI_RETURN_IF_ERROR(ExpectWord("ONLY"));
    }
    if (!first.top.empty()) {
      return SqlError(10741, 15,
                      "A TOP can not be used in the same query or sub-query as a "
                      "OFFSET.");
    }
  } else if (Peek().Is("FETCH")) {
    return SqlError(153, 15, "Invalid usage of the option NEXT in the FETCH statement.");
  }
  if (!offset.empty()) {
    absl::StrAppend(&sql, " LIMIT ", fetch.empty() ? "-1" : absl::StrCat("_ms_fetch(", fetch, ")"),
                    " OFFSET _ms_offset(", offset, ")");
  } else if (!first.top.empty()) {
    absl::StrAppend(&sql, " LIMIT _ms_top(", first.top, ")");
  }
  ctes_.resize(saved_ctes);
  QueryResult result;
  result.sql = with_sql + sql;
  result.columns = std::move(first.columns);
  return result;
}

}  // namespace emulator
