#include "connector/sync/testing/fake_source.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "connector/sqlserver/errors.h"

namespace ehi::sync {
namespace {

std::string Fold(const std::string& s) {
  std::string t = absl::AsciiStrToLower(s);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t;
}

std::string Name(const TableInfo& t) { return absl::StrCat(t.schema, ".", t.name); }

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  if (a.is_null || b.is_null) return a.is_null == b.is_null ? 0 : (a.is_null ? -1 : 1);
  switch (a.type) {
    case DataType::kBoolean:
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return a.integer < b.integer ? -1 : (a.integer > b.integer ? 1 : 0);
    case DataType::kNaiveDate:
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      if (a.timestamp.seconds != b.timestamp.seconds) {
        return a.timestamp.seconds < b.timestamp.seconds ? -1 : 1;
      }
      return a.timestamp.nanos < b.timestamp.nanos ? -1 : (a.timestamp.nanos > b.timestamp.nanos);
    default: {
      const int c = Fold(a.text).compare(Fold(b.text));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
}

class FakeSource : public Source {
 public:
  explicit FakeSource(FakeDatabase* db) : db_(db) {}

  absl::StatusOr<Catalog> Discover(const NameFilter& /*filter*/) override {
    absl::MutexLock lock(&db_->mu_);
    Catalog c;
    c.tables = db_->tables_;
    for (TableInfo& t : c.tables) t.row_count = static_cast<int64_t>(db_->rows_[Name(t)].size());
    c.warnings = db_->catalog_warnings_;
    return c;
  }

  absl::Status FetchKeysetPage(const TableInfo& t, int deleted, const KeyBounds& bounds,
                               const std::vector<Value>& after, int limit,
                               std::vector<SourceRow>* out) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    auto key_cmp = [&](const SourceRow& r, const std::vector<Value>& k) {
      for (size_t i = 0; i < t.primary_key.size(); ++i) {
        const ColumnInfo& c = t.columns[t.primary_key[i]];
        int x = CompareValues(r[t.primary_key[i]], k[i]);
        if (c.descending) x = -x;
        if (x != 0) return x;
      }
      return 0;
    };
    std::sort(rows.begin(), rows.end(), [&](const SourceRow& a, const SourceRow& b) {
      return key_cmp(a, KeyOfRow(t, b)) < 0;
    });
    const int lead = t.primary_key[0];
    for (const SourceRow& r : rows) {
      if (static_cast<int>(out->size()) >= limit) break;
      if (deleted >= 0 && !r[deleted].is_null && (r[deleted].boolean || r[deleted].integer))
        continue;
      if (bounds.lower && CompareValues(r[lead], *bounds.lower) < 0) continue;
      if (bounds.upper && CompareValues(r[lead], *bounds.upper) >= 0) continue;
      if (!after.empty() && key_cmp(r, after) <= 0) continue;
      out->push_back(Project(t, r));
    }
    return absl::OkStatus();
  }

  absl::Status ScanAll(const TableInfo& t, int deleted,
                       absl::FunctionRef<absl::Status(SourceRow)> on_row) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    for (SourceRow& r : rows) {
      if (deleted >= 0 && !r[deleted].is_null && (r[deleted].boolean || r[deleted].integer))
        continue;
      if (absl::Status s = on_row(Project(t, r)); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status FetchChangesPage(const TableInfo& t, int instant, const Value& from,
                                const std::vector<Value>& after, int limit,
                                std::vector<SourceRow>* out) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    auto key = [&](const SourceRow& r) {
      std::vector<Value> k = {r[instant]};
      for (int i : t.primary_key) k.push_back(r[i]);
      return k;
    };
    auto cmp = [&](const std::vector<Value>& a, const std::vector<Value>& b) {
      for (size_t i = 0; i < a.size(); ++i) {
        int x = CompareValues(a[i], b[i]);
        if (i > 0 && t.columns[t.primary_key[i - 1]].descending) x = -x;
        if (x != 0) return x;
      }
      return 0;
    };
    std::sort(rows.begin(), rows.end(),
              [&](const SourceRow& a, const SourceRow& b) { return cmp(key(a), key(b)) < 0; });
    for (const SourceRow& r : rows) {
      if (static_cast<int>(out->size()) >= limit) break;
      if (r[instant].is_null) continue;
      if (!from.is_null && CompareValues(r[instant], from) < 0) continue;
      if (!after.empty() && cmp(key(r), after) <= 0) continue;
      out->push_back(Project(t, r));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<Value>> SplitPoints(const TableInfo& t, int parts) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    const int lead = t.primary_key[0];
    std::sort(rows.begin(), rows.end(), [&](const SourceRow& a, const SourceRow& b) {
      return CompareValues(a[lead], b[lead]) < 0;
    });
    std::vector<Value> points;
    for (int i = 1; i < parts && !rows.empty(); ++i) {
      const Value& v = rows[rows.size() * i / parts][lead];
      if (points.empty() || CompareValues(points.back(), v) < 0) points.push_back(v);
    }
    return points;
  }

  absl::StatusOr<Value> MaxValue(const TableInfo& t, int column) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    Value best = Value::Null(t.columns[column].mapped.type);
    for (const SourceRow& r : rows) {
      const Value& v = r[Position(t, column)];
      if (!v.is_null && (best.is_null || CompareValues(v, best) > 0)) best = v;
    }
    return best;
  }

  absl::StatusOr<int64_t> CountLive(const TableInfo& t, int deleted) override {
    std::vector<SourceRow> rows;
    if (absl::Status s = Snapshot(t, &rows); !s.ok()) return s;
    int64_t n = 0;
    for (const SourceRow& r : rows) {
      if (deleted >= 0 && !r[deleted].is_null && (r[deleted].boolean || r[deleted].integer))
        continue;
      ++n;
    }
    return n;
  }

  void Cancel() override {}

 private:
  // Rows are stored with every column of the full table; `t` may be a
  // projection (selection). The fake maps by column name.
  absl::Status Snapshot(const TableInfo& t, std::vector<SourceRow>* rows) {
    absl::MutexLock lock(&db_->mu_);
    ++db_->fetches_;
    if (db_->fail_next_ > 0) {
      --db_->fail_next_;
      return sqlserver::MakeSqlError(1205, "Transaction was deadlocked (fake)");
    }
    const TableInfo* full = nullptr;
    for (const TableInfo& x : db_->tables_) {
      if (x.schema == t.schema && x.name == t.name) full = &x;
    }
    if (full == nullptr) return absl::NotFoundError("no such fake table");
    for (const SourceRow& r : db_->rows_[Name(t)]) {
      SourceRow p;
      for (const ColumnInfo& c : t.columns) {
        for (size_t i = 0; i < full->columns.size(); ++i) {
          if (full->columns[i].name == c.name) p.push_back(r[i]);
        }
      }
      rows->push_back(std::move(p));
    }
    return absl::OkStatus();
  }
  static int Position(const TableInfo& /*t*/, int column) { return column; }
  static SourceRow Project(const TableInfo& /*t*/, const SourceRow& r) { return r; }
  static std::vector<Value> KeyOfRow(const TableInfo& t, const SourceRow& r) {
    std::vector<Value> k;
    for (int i : t.primary_key) k.push_back(r[i]);
    return k;
  }
  FakeDatabase* db_;
};

void FakeDatabase::AddTable(TableInfo info, std::vector<SourceRow> rows) {
  absl::MutexLock lock(&mu_);
  rows_[Name(info)] = std::move(rows);
  tables_.push_back(std::move(info));
}

void FakeDatabase::SetRows(const std::string& schema, const std::string& table,
                           std::vector<SourceRow> rows) {
  absl::MutexLock lock(&mu_);
  rows_[absl::StrCat(schema, ".", table)] = std::move(rows);
}

void FakeDatabase::AddCatalogWarning(std::string warning) {
  absl::MutexLock lock(&mu_);
  catalog_warnings_.push_back(std::move(warning));
}

void FakeDatabase::FailNextFetches(int n) {
  absl::MutexLock lock(&mu_);
  fail_next_ = n;
}

int FakeDatabase::fetches() const {
  absl::MutexLock lock(&mu_);
  return fetches_;
}

int FakeDatabase::opens() const {
  absl::MutexLock lock(&mu_);
  return opens_;
}

absl::StatusOr<std::unique_ptr<Source>> FakeSourceFactory::Open() {
  {
    absl::MutexLock lock(&db_->mu_);
    ++db_->opens_;
  }
  return std::unique_ptr<Source>(new FakeSource(db_));
}

}  // namespace ehi::sync
