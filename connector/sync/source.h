// The engine's reads from the source database, behind a small interface so
// the engine can be unit-tested against an in-memory fake (testing/fake_source.h)
// while production reads SQL Server through SqlSource (sql_source.h).
//
//   EHI_ASSIGN_OR_RETURN(std::unique_ptr<Source> src, factory.Open());
//   std::vector<SourceRow> rows;
//   EHI_RETURN_IF_ERROR(src->FetchKeysetPage(table, range, after, 1000, &rows));
//
// Rows carry the values of `table.columns` in that order (the engine passes
// a TableInfo whose columns are exactly the ones it reads).
//
// Thread-safety: one Source per thread (each owns one connection), except
// Cancel(), which any thread may call at any time; it is sticky.
#ifndef EHI_CONNECTOR_SYNC_SOURCE_H_
#define EHI_CONNECTOR_SYNC_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "connector/catalog.h"
#include "connector/name_filter.h"
#include "connector/value.h"

namespace ehi::sync {

using SourceRow = std::vector<Value>;

// Half-open range on the leading primary-key column: lower ≤ k < upper.
struct KeyBounds {
  std::optional<Value> lower;
  std::optional<Value> upper;
};

class Source {
 public:
  virtual ~Source() = default;

  virtual absl::StatusOr<Catalog> Discover(const NameFilter& filter) = 0;

  // Up to `limit` rows in primary-key order with the leading key in
  // `bounds`, strictly after `after` (empty: from the start of the range),
  // skipping soft-deleted rows (`deleted_column` ≥ 0).
  virtual absl::Status FetchKeysetPage(const TableInfo& table, int deleted_column,
                                       const KeyBounds& bounds, const std::vector<Value>& after,
                                       int limit, std::vector<SourceRow>* out) = 0;

  // Every live row of a table without primary key, streamed in any order.
  virtual absl::Status ScanAll(const TableInfo& table, int deleted_column,
                               absl::FunctionRef<absl::Status(SourceRow)> on_row) = 0;

  // Up to `limit` rows with instant ≥ `from` (NULL `from`: every row with an
  // instant) in (instant, pk) order strictly after `after` (empty: from the
  // start), soft-deleted rows included.
  virtual absl::Status FetchChangesPage(const TableInfo& table, int instant_column,
                                        const Value& from, const std::vector<Value>& after,
                                        int limit, std::vector<SourceRow>* out) = 0;

  // At most parts-1 ascending boundaries splitting the leading key column
  // into ranges of similar size (fewer when the table is small).
  virtual absl::StatusOr<std::vector<Value>> SplitPoints(const TableInfo& table, int parts) = 0;

  // MAX(column) (NULL when no row has a value).
  virtual absl::StatusOr<Value> MaxValue(const TableInfo& table, int column) = 0;

  // COUNT_BIG of live rows.
  virtual absl::StatusOr<int64_t> CountLive(const TableInfo& table, int deleted_column) = 0;

  virtual void Cancel() = 0;
};

class SourceFactory {
 public:
  virtual ~SourceFactory() = default;
  virtual absl::StatusOr<std::unique_ptr<Source>> Open() = 0;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_SOURCE_H_
