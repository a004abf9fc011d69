#include "connector/sql.h"

#include <cmath>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connector/sqlserver/decode.h"

namespace ehi::sql {
namespace {

// Counts UTF-16 code units of valid UTF-8; -1 if invalid.
int Utf16Length(absl::string_view s) {
  int units = 0;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return -1;
    }
    if (i + len > s.size()) return -1;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    }
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

// Quoted literal with ' doubled and NUL characters spliced in as calls.
std::string StringLiteral(absl::string_view text, absl::string_view prefix,
                          absl::string_view nul_call) {
  if (text.find('\0') == absl::string_view::npos) {
    std::string out = absl::StrCat(prefix, "'");
    for (char c : text) {
      if (c == '\'') out.push_back('\'');
      out.push_back(c);
    }
    out.push_back('\'');
    return out;
  }
  std::string out = "(";
  size_t start = 0;
  bool first = true;
  while (true) {
    const size_t nul = text.find('\0', start);
    const absl::string_view piece =
        text.substr(start, nul == absl::string_view::npos ? absl::string_view::npos : nul - start);
    if (!first) out += " + ";
    out += StringLiteral(piece, prefix, nul_call);
    first = false;
    if (nul == absl::string_view::npos) break;
    absl::StrAppend(&out, " + ", nul_call);
    start = nul + 1;
  }
  out += ")";
  return out;
}

std::string Cast(absl::string_view quoted, absl::string_view type) {
  return absl::StrCat("CAST(", quoted, " AS ", type, ")");
}

}  // namespace

absl::StatusOr<std::string> QuoteIdentifier(absl::string_view name) {
  if (name.empty()) return absl::InvalidArgumentError("empty SQL identifier");
  if (name.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError("SQL identifier contains a NUL character");
  }
  const int units = Utf16Length(name);
  if (units < 0) return absl::InvalidArgumentError("SQL identifier is not valid UTF-8");
  if (units > 128) {
    return absl::InvalidArgumentError(
        absl::StrCat("SQL identifier longer than 128 characters (", units, ")"));
  }
  std::string out = "[";
  for (char c : name) {
    out.push_back(c);
    if (c == ']') out.push_back(']');
  }
  out.push_back(']');
  return out;
}

absl::StatusOr<std::string> QualifiedName(absl::string_view schema, absl::string_view table) {
  absl::StatusOr<std::string> s = QuoteIdentifier(schema);
  if (!s.ok()) return s.status();
  absl::StatusOr<std::string> t = QuoteIdentifier(table);
  if (!t.ok()) return t.status();
  return absl::StrCat(*s, ".", *t);
}

std::string NVarCharLiteral(absl::string_view utf8) { return StringLiteral(utf8, "N", "NCHAR(0)"); }
std::string VarCharLiteral(absl::string_view text) { return StringLiteral(text, "", "CHAR(0)"); }

std::string BinaryLiteral(absl::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "0x";
  out.reserve(2 + bytes.size() * 2);
  for (char c : bytes) {
    const unsigned char b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

absl::StatusOr<std::string> TypedLiteral(const Value& value, const SqlColumnType& column) {
  if (value.is_null) return std::string("NULL");
  const MappedType mapped = MapSqlServerType(column);
  const std::string decl = SqlTypeDeclaration(column);
  const std::string name = absl::AsciiStrToLower(column.type_name);
  switch (mapped.family) {
    case SqlTypeFamily::kBit:
      return std::string(value.boolean || value.integer != 0 ? "1" : "0");
    case SqlTypeFamily::kInteger:
      if (name == "bigint") return Cast(absl::StrCat(value.integer), "bigint");
      return absl::StrCat(value.integer);
    case SqlTypeFamily::kExact: {
      // Only digits, sign and point may reach the SQL text.
      for (char c : value.text) {
        if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '.') {
          return absl::InvalidArgumentError("malformed decimal key value");
        }
      }
      if (value.text.empty()) return absl::InvalidArgumentError("empty decimal key value");
      return Cast(absl::StrCat("'", value.text, "'"), decl);
    }
    case SqlTypeFamily::kApprox: {
      if (!std::isfinite(value.real)) return absl::InvalidArgumentError("non-finite float key");
      char buf[40];
      std::snprintf(buf, sizeof(buf), "%.17g", value.real);
      return Cast(buf, name == "real" ? "real" : "float");
    }
    case SqlTypeFamily::kDate:
      return Cast(absl::StrCat("'", FormatDate(value.timestamp), "'"), "date");
    case SqlTypeFamily::kTime: {
      // Value text is "HH:MM:SS.fffffff"; accept only those characters.
      for (char c : value.text) {
        if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
          return absl::InvalidArgumentError("malformed time key value");
        }
      }
      return Cast(absl::StrCat("'", value.text, "'"), decl);
    }
    case SqlTypeFamily::kDateTime: {
      // yyyy-mm-ddThh:mm:ss.fff: 3 digits so the literal is a datetime value
      // itself (no exact datetime2 promotion, see sqlserver-semantics §2.4).
      std::string iso = FormatTimestamp(value.timestamp);
      if (name == "smalldatetime") {
        iso = iso.substr(0, 19);
      } else {
        iso = iso.substr(0, 23);
      }
      return Cast(absl::StrCat("'", iso, "'"), name);
    }
    case SqlTypeFamily::kDateTime2:
      return Cast(absl::StrCat("'", FormatTimestamp(value.timestamp), "'"), decl);
    case SqlTypeFamily::kDateTimeOffset:
      return Cast(absl::StrCat("'", FormatTimestamp(value.timestamp), "+00:00'"), decl);
    case SqlTypeFamily::kGuid: {
      for (char c : value.text) {
        if (!absl::ascii_isxdigit(static_cast<unsigned char>(c)) && c != '-') {
          return absl::InvalidArgumentError("malformed uniqueidentifier key value");
        }
      }
      return Cast(absl::StrCat("'", value.text, "'"), "uniqueidentifier");
    }
    case SqlTypeFamily::kAnsiString:
      if (name == "text") break;
      return VarCharLiteral(value.text);
    case SqlTypeFamily::kUnicodeString:
      if (name == "ntext") break;
      return NVarCharLiteral(value.text);
    case SqlTypeFamily::kBinary:
      if (name == "image") break;
      return BinaryLiteral(value.text);
    case SqlTypeFamily::kXml:
    case SqlTypeFamily::kFallback:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("a column of type ", column.type_name, " cannot be used as a key"));
}

std::string KeysetPredicate(const std::vector<KeyPart>& key) {
  if (key.empty()) return "1 = 1";
  // From the last column outwards: P(last) = k > v; P(i) = (k > v OR (k = v AND P(i+1))).
  std::string inner;
  for (size_t i = key.size(); i-- > 0;) {
    const KeyPart& k = key[i];
    const std::string strict =
        absl::StrCat(k.quoted_column, k.descending ? " < " : " > ", k.literal);
    if (inner.empty()) {
      inner = strict;
    } else {
      inner = absl::StrCat("(", strict, " OR (", k.quoted_column, " = ", k.literal, " AND ", inner,
                           "))");
    }
  }
  if (key.size() == 1) inner = absl::StrCat("(", inner, ")");
  return inner;
}

absl::StatusOr<std::string> SelectExpression(absl::string_view column_name,
                                             const SqlColumnType& type) {
  absl::StatusOr<std::string> quoted = QuoteIdentifier(column_name);
  if (!quoted.ok()) return quoted.status();
  const MappedType mapped = MapSqlServerType(type);
  if (!mapped.fallback) return *quoted;
  const std::string name = absl::AsciiStrToLower(type.type_name);
  if (name == "hierarchyid" || name == "geography" || name == "geometry") {
    return absl::StrCat(*quoted, ".ToString() AS ", *quoted);
  }
  return absl::StrCat("CONVERT(nvarchar(4000), ", *quoted, ") AS ", *quoted);
}

// Result: schema_name, table_name, object_id — user tables only.
absl::string_view CatalogTablesQuery() {
  return "SELECT s.name AS schema_name, t.name AS table_name, t.object_id AS object_id "
         "FROM sys.tables AS t "
         "JOIN sys.schemas AS s ON s.schema_id = t.schema_id "
         "WHERE t.is_ms_shipped = 0 "
         "ORDER BY s.name, t.name";
}

// Result: object_id, column_id, column_name, type_name (base type; the CLR
// type's own name for hierarchyid/geometry/geography), max_length,
// col_precision, col_scale, is_nullable — in column order per table.
absl::string_view CatalogColumnsQuery() {
  return "SELECT c.object_id AS object_id, c.column_id AS column_id, c.name AS column_name, "
         "COALESCE(bt.name, ut.name) AS type_name, c.max_length AS max_length, "
         "c.precision AS col_precision, c.scale AS col_scale, c.is_nullable AS is_nullable "
         "FROM sys.columns AS c "
         "JOIN sys.tables AS t ON t.object_id = c.object_id "
         "JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id "
         "LEFT JOIN sys.types AS bt ON bt.user_type_id = c.system_type_id "
         "WHERE t.is_ms_shipped = 0 "
         "ORDER BY c.object_id, c.column_id";
}

// Result: object_id, column_name, key_ordinal, is_descending_key.
absl::string_view CatalogPrimaryKeysQuery() {
  return "SELECT ic.object_id AS object_id, c.name AS column_name, "
         "ic.key_ordinal AS key_ordinal, ic.is_descending_key AS is_descending_key "
         "FROM sys.indexes AS i "
         "JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id "
         "JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id "
         "WHERE i.is_primary_key = 1 AND ic.key_ordinal > 0 "
         "ORDER BY ic.object_id, ic.key_ordinal";
}

// Result: object_id, row_count (approximate, heap or clustered index).
absl::string_view CatalogRowCountsQuery() {
  return "SELECT p.object_id AS object_id, SUM(p.rows) AS row_count "
         "FROM sys.partitions AS p "
         "WHERE p.index_id IN (0, 1) "
         "GROUP BY p.object_id";
}

absl::string_view ServerVersionQuery() { return "SELECT @@VERSION AS version"; }

absl::string_view InformationSchemaProbeQuery() {
  return "SELECT TOP (1) TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES";
}

absl::string_view PartitionsProbeQuery() {
  return "SELECT TOP (1) p.object_id FROM sys.partitions AS p";
}

absl::StatusOr<std::string> SelectOneRowQuery(absl::string_view schema, absl::string_view table) {
  absl::StatusOr<std::string> name = QualifiedName(schema, table);
  if (!name.ok()) return name.status();
  return absl::StrCat("SELECT TOP (1) * FROM ", *name);
}

std::string SelectPageQuery(const SelectPage& page) {
  std::string sql = "SELECT ";
  if (page.limit > 0) absl::StrAppend(&sql, "TOP (", page.limit, ") ");
  absl::StrAppend(&sql, absl::StrJoin(page.select_list, ", "), " FROM ", page.from);
  std::vector<std::string> where;
  for (const std::string& w : page.where) {
    if (!w.empty()) where.push_back(w);
  }
  if (!where.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
  if (!page.order_by.empty())
    absl::StrAppend(&sql, " ORDER BY ", absl::StrJoin(page.order_by, ", "));
  return sql;
}

std::string OrderByTerm(absl::string_view quoted_column, bool descending) {
  return descending ? absl::StrCat(quoted_column, " DESC") : std::string(quoted_column);
}

std::string RangePredicate(absl::string_view quoted_column, absl::string_view lower_literal,
                           absl::string_view upper_literal) {
  std::vector<std::string> parts;
  if (!lower_literal.empty()) parts.push_back(absl::StrCat(quoted_column, " >= ", lower_literal));
  if (!upper_literal.empty()) parts.push_back(absl::StrCat(quoted_column, " < ", upper_literal));
  return absl::StrJoin(parts, " AND ");
}

std::string NotSoftDeletedPredicate(absl::string_view quoted_column) {
  return absl::StrCat("ISNULL(", quoted_column, ", 0) = 0");
}

std::string MinMaxQuery(absl::string_view qualified_table, absl::string_view quoted_column) {
  return absl::StrCat("SELECT MIN(", quoted_column, "), MAX(", quoted_column, ") FROM ",
                      qualified_table);
}

std::string MaxQuery(absl::string_view qualified_table, absl::string_view quoted_column) {
  return absl::StrCat("SELECT MAX(", quoted_column, ") FROM ", qualified_table);
}

std::string QuantileBoundsQuery(absl::string_view qualified_table, absl::string_view quoted_column,
                                int tiles) {
  return absl::StrCat("SELECT MIN(q.", quoted_column, ") FROM (SELECT ", quoted_column, ", NTILE(",
                      tiles, ") OVER (ORDER BY ", quoted_column, ") AS [ehi_tile] FROM ",
                      qualified_table, ") AS q GROUP BY q.[ehi_tile] ORDER BY MIN(q.",
                      quoted_column, ")");
}

std::string CountLiveQuery(absl::string_view qualified_table,
                           absl::string_view quoted_deleted_column) {
  std::string sql = absl::StrCat("SELECT COUNT_BIG(*) FROM ", qualified_table);
  if (!quoted_deleted_column.empty()) {
    absl::StrAppend(&sql, " WHERE ", NotSoftDeletedPredicate(quoted_deleted_column));
  }
  return sql;
}

}  // namespace ehi::sql
