#include "connector/sync/sql_source.h"

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "connector/sql.h"

namespace ehi::sync {
namespace {

absl::StatusOr<std::vector<std::string>> SelectList(const TableInfo& t) {
  std::vector<std::string> list;
  for (const ColumnInfo& c : t.columns) {
    EHI_ASSIGN_OR_RETURN(std::string e, sql::SelectExpression(c.name, c.sql_type));
    list.push_back(std::move(e));
  }
  return list;
}

absl::StatusOr<sql::KeyPart> Part(const ColumnInfo& c, const Value& v) {
  sql::KeyPart p;
  EHI_ASSIGN_OR_RETURN(p.quoted_column, sql::QuoteIdentifier(c.name));
  EHI_ASSIGN_OR_RETURN(p.literal, sql::TypedLiteral(v, c.sql_type));
  p.descending = c.descending;
  return p;
}

absl::StatusOr<std::string> Literal(const ColumnInfo& c, const std::optional<Value>& v) {
  if (!v.has_value()) return std::string();
  return sql::TypedLiteral(*v, c.sql_type);
}

}  // namespace

absl::Status SqlSource::Collect(const std::string& sql, std::vector<SourceRow>* out) {
  return conn_->Query(sql, [&](const sqlserver::Row& row) -> absl::Status {
    SourceRow r;
    r.reserve(row.column_count());
    for (int i = 0; i < row.column_count(); ++i) {
      EHI_ASSIGN_OR_RETURN(Value v, row.Get(i));
      r.push_back(std::move(v));
    }
    out->push_back(std::move(r));
    return absl::OkStatus();
  });
}

absl::StatusOr<Catalog> SqlSource::Discover(const NameFilter& filter) {
  CatalogOptions options;
  options.row_counts = true;
  return DiscoverCatalog(*conn_, filter, options);
}

absl::Status SqlSource::FetchKeysetPage(const TableInfo& t, int deleted_column,
                                        const KeyBounds& bounds, const std::vector<Value>& after,
                                        int limit, std::vector<SourceRow>* out) {
  sql::SelectPage page;
  EHI_ASSIGN_OR_RETURN(page.from, sql::QualifiedName(t.schema, t.name));
  EHI_ASSIGN_OR_RETURN(page.select_list, SelectList(t));
  const ColumnInfo& lead = t.columns[t.primary_key[0]];
  EHI_ASSIGN_OR_RETURN(std::string quoted_lead, sql::QuoteIdentifier(lead.name));
  EHI_ASSIGN_OR_RETURN(std::string lower, Literal(lead, bounds.lower));
  EHI_ASSIGN_OR_RETURN(std::string upper, Literal(lead, bounds.upper));
  page.where.push_back(sql::RangePredicate(quoted_lead, lower, upper));
  std::vector<sql::KeyPart> parts;
  for (size_t i = 0; i < t.primary_key.size(); ++i) {
    const ColumnInfo& c = t.columns[t.primary_key[i]];
    EHI_ASSIGN_OR_RETURN(sql::KeyPart p, Part(c, i < after.size() ? after[i] : Value()));
    page.order_by.push_back(sql::OrderByTerm(p.quoted_column, c.descending));
    parts.push_back(std::move(p));
  }
  if (!after.empty()) page.where.push_back(sql::KeysetPredicate(parts));
  if (deleted_column >= 0) {
    EHI_ASSIGN_OR_RETURN(std::string d, sql::QuoteIdentifier(t.columns[deleted_column].name));
    page.where.push_back(sql::NotSoftDeletedPredicate(d));
  }
  page.limit = limit;
  return Collect(sql::SelectPageQuery(page), out);
}

absl::Status SqlSource::ScanAll(const TableInfo& t, int deleted_column,
                                absl::FunctionRef<absl::Status(SourceRow)> on_row) {
  sql::SelectPage page;
  EHI_ASSIGN_OR_RETURN(page.from, sql::QualifiedName(t.schema, t.name));
  EHI_ASSIGN_OR_RETURN(page.select_list, SelectList(t));
  if (deleted_column >= 0) {
    EHI_ASSIGN_OR_RETURN(std::string d, sql::QuoteIdentifier(t.columns[deleted_column].name));
    page.where.push_back(sql::NotSoftDeletedPredicate(d));
  }
  return conn_->Query(sql::SelectPageQuery(page), [&](const sqlserver::Row& row) -> absl::Status {
    SourceRow r;
    for (int i = 0; i < row.column_count(); ++i) {
      EHI_ASSIGN_OR_RETURN(Value v, row.Get(i));
      r.push_back(std::move(v));
    }
    return on_row(std::move(r));
  });
}

absl::Status SqlSource::FetchChangesPage(const TableInfo& t, int instant_column, const Value& from,
                                         const std::vector<Value>& after, int limit,
                                         std::vector<SourceRow>* out) {
  sql::SelectPage page;
  EHI_ASSIGN_OR_RETURN(page.from, sql::QualifiedName(t.schema, t.name));
  EHI_ASSIGN_OR_RETURN(page.select_list, SelectList(t));
  const ColumnInfo& instant = t.columns[instant_column];
  EHI_ASSIGN_OR_RETURN(std::string quoted_instant, sql::QuoteIdentifier(instant.name));
  if (from.is_null) {
    page.where.push_back(absl::StrCat(quoted_instant, " IS NOT NULL"));
  } else {
    EHI_ASSIGN_OR_RETURN(std::string lit, sql::TypedLiteral(from, instant.sql_type));
    page.where.push_back(sql::RangePredicate(quoted_instant, lit, ""));
  }
  std::vector<sql::KeyPart> parts;
  EHI_ASSIGN_OR_RETURN(sql::KeyPart ip, Part(instant, after.empty() ? Value() : after[0]));
  ip.descending = false;
  page.order_by.push_back(ip.quoted_column);
  parts.push_back(std::move(ip));
  for (size_t i = 0; i < t.primary_key.size(); ++i) {
    const ColumnInfo& c = t.columns[t.primary_key[i]];
    EHI_ASSIGN_OR_RETURN(sql::KeyPart p, Part(c, i + 1 < after.size() ? after[i + 1] : Value()));
    page.order_by.push_back(sql::OrderByTerm(p.quoted_column, c.descending));
    parts.push_back(std::move(p));
  }
  if (!after.empty()) page.where.push_back(sql::KeysetPredicate(parts));
  page.limit = limit;
  return Collect(sql::SelectPageQuery(page), out);
}

absl::StatusOr<std::vector<Value>> SqlSource::SplitPoints(const TableInfo& t, int parts) {
  std::vector<Value> points;
  if (parts <= 1 || t.primary_key.empty()) return points;
  const ColumnInfo& lead = t.columns[t.primary_key[0]];
  EHI_ASSIGN_OR_RETURN(std::string table, sql::QualifiedName(t.schema, t.name));
  EHI_ASSIGN_OR_RETURN(std::string col, sql::QuoteIdentifier(lead.name));
  std::vector<SourceRow> rows;
  if (lead.mapped.family == SqlTypeFamily::kInteger) {
    EHI_RETURN_IF_ERROR(Collect(sql::MinMaxQuery(table, col), &rows));
    if (rows.size() != 1 || rows[0].size() != 2 || rows[0][0].is_null) return points;
    const Value lo = rows[0][0];
    // 128-bit so MAX - MIN of a bigint key cannot overflow.
    const absl::int128 span = absl::int128(rows[0][1].integer) - lo.integer;
    for (int i = 1; i < parts; ++i) {
      const absl::int128 b = lo.integer + span * i / parts;
      if (b <= lo.integer || (!points.empty() && b <= points.back().integer)) continue;
      Value v = lo;
      v.integer = static_cast<int64_t>(b);
      points.push_back(v);
    }
    return points;
  }
  EHI_RETURN_IF_ERROR(Collect(sql::QuantileBoundsQuery(table, col, parts), &rows));
  // The first tile's minimum is the table's minimum: not a split point.
  for (size_t i = 1; i < rows.size(); ++i) {
    if (!rows[i].empty() && !rows[i][0].is_null) points.push_back(rows[i][0]);
  }
  return points;
}

absl::StatusOr<Value> SqlSource::MaxValue(const TableInfo& t, int column) {
  EHI_ASSIGN_OR_RETURN(std::string table, sql::QualifiedName(t.schema, t.name));
  EHI_ASSIGN_OR_RETURN(std::string col, sql::QuoteIdentifier(t.columns[column].name));
  std::vector<SourceRow> rows;
  EHI_RETURN_IF_ERROR(Collect(sql::MaxQuery(table, col), &rows));
  if (rows.size() != 1 || rows[0].size() != 1) {
    return absl::InternalError("MAX query returned an unexpected shape");
  }
  Value v = rows[0][0];
  if (v.is_null) v.type = t.columns[column].mapped.type;
  return v;
}

absl::StatusOr<int64_t> SqlSource::CountLive(const TableInfo& t, int deleted_column) {
  EHI_ASSIGN_OR_RETURN(std::string table, sql::QualifiedName(t.schema, t.name));
  std::string deleted;
  if (deleted_column >= 0) {
    EHI_ASSIGN_OR_RETURN(deleted, sql::QuoteIdentifier(t.columns[deleted_column].name));
  }
  int64_t count = -1;
  EHI_RETURN_IF_ERROR(
      conn_->Query(sql::CountLiveQuery(table, deleted), [&](const sqlserver::Row& row) {
        absl::StatusOr<int64_t> n = row.GetInt(0);
        if (!n.ok()) return n.status();
        count = *n;
        return absl::OkStatus();
      }));
  if (count < 0) return absl::InternalError("COUNT_BIG returned no row");
  return count;
}

absl::StatusOr<std::unique_ptr<Source>> SqlSourceFactory::Open() {
  EHI_ASSIGN_OR_RETURN(std::unique_ptr<sqlserver::Connection> conn,
                       sqlserver::Connection::Open(settings_));
  return std::unique_ptr<Source>(new SqlSource(std::move(conn)));
}

}  // namespace ehi::sync
