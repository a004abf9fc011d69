// An in-memory Source for engine unit tests: tables of rows, keyset paging
// done in C++ with the same ordering rules (integers, case-insensitive
// strings ignoring trailing spaces, timestamps; descending key columns).
// Tables are shared by every Source the factory opens, so tests can change
// rows between syncs and inject transient errors.
//
//   FakeDatabase db;
//   db.AddTable(info, rows);
//   FakeSourceFactory factory(&db);
//
// Thread-safety: FakeDatabase is guarded by a mutex; sources may be used
// from several reader threads at once.
#ifndef EHI_CONNECTOR_SYNC_TESTING_FAKE_SOURCE_H_
#define EHI_CONNECTOR_SYNC_TESTING_FAKE_SOURCE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "connector/sync/source.h"

namespace ehi::sync {

class FakeDatabase {
 public:
  // `rows` carry every column of `info` in order.
  void AddTable(TableInfo info, std::vector<SourceRow> rows);
  void SetRows(const std::string& schema, const std::string& table, std::vector<SourceRow> rows);
  // A recoverable oddity Discover reports (e.g. a fallback-mapped type).
  void AddCatalogWarning(std::string warning);
  // The next `n` page fetches fail with a transient error (deadlock 1205).
  void FailNextFetches(int n);
  int fetches() const;
  int opens() const;

 private:
  friend class FakeSource;
  friend class FakeSourceFactory;
  mutable absl::Mutex mu_;
  std::vector<TableInfo> tables_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<SourceRow>> rows_ ABSL_GUARDED_BY(mu_);  // by "s.t"
  std::vector<std::string> catalog_warnings_ ABSL_GUARDED_BY(mu_);
  int fail_next_ ABSL_GUARDED_BY(mu_) = 0;
  int fetches_ ABSL_GUARDED_BY(mu_) = 0;
  int opens_ ABSL_GUARDED_BY(mu_) = 0;
};

class FakeSourceFactory : public SourceFactory {
 public:
  explicit FakeSourceFactory(FakeDatabase* db) : db_(db) {}
  absl::StatusOr<std::unique_ptr<Source>> Open() override;

 private:
  FakeDatabase* db_;
};

// Three-way comparison of key values with SQL Server-like rules.
int CompareValues(const Value& a, const Value& b);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_TESTING_FAKE_SOURCE_H_
