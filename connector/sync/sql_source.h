// Source over SQL Server: one sqlserver::Connection, SQL from connector/sql.h.
//
//   SqlSourceFactory factory(config.ConnectionSettings());
//   EHI_ASSIGN_OR_RETURN(std::unique_ptr<Source> src, factory.Open());
//
// Range splitting: an integer leading key is split into equal-width ranges
// between MIN and MAX (two index seeks); any other leading key into NTILE
// quantiles computed by the server (one ordered scan of the key column).
//
// Thread-safety: as Source (one thread; Cancel() from any thread).
#ifndef EHI_CONNECTOR_SYNC_SQL_SOURCE_H_
#define EHI_CONNECTOR_SYNC_SQL_SOURCE_H_

#include <memory>

#include "connector/sqlserver/connection.h"
#include "connector/sqlserver/connection_settings.h"
#include "connector/sync/source.h"

namespace ehi::sync {

class SqlSource : public Source {
 public:
  explicit SqlSource(std::unique_ptr<sqlserver::Connection> conn) : conn_(std::move(conn)) {}

  absl::StatusOr<Catalog> Discover(const NameFilter& filter) override;
  absl::Status FetchKeysetPage(const TableInfo& table, int deleted_column, const KeyBounds& bounds,
                               const std::vector<Value>& after, int limit,
                               std::vector<SourceRow>* out) override;
  absl::Status ScanAll(const TableInfo& table, int deleted_column,
                       absl::FunctionRef<absl::Status(SourceRow)> on_row) override;
  absl::Status FetchChangesPage(const TableInfo& table, int instant_column, const Value& from,
                                const std::vector<Value>& after, int limit,
                                std::vector<SourceRow>* out) override;
  absl::StatusOr<std::vector<Value>> SplitPoints(const TableInfo& table, int parts) override;
  absl::StatusOr<Value> MaxValue(const TableInfo& table, int column) override;
  absl::StatusOr<int64_t> CountLive(const TableInfo& table, int deleted_column) override;
  void Cancel() override { conn_->RequestCancel(); }

 private:
  absl::Status Collect(const std::string& sql, std::vector<SourceRow>* out);
  std::unique_ptr<sqlserver::Connection> conn_;
};

class SqlSourceFactory : public SourceFactory {
 public:
  explicit SqlSourceFactory(sqlserver::ConnectionSettings settings)
      : settings_(std::move(settings)) {}
  absl::StatusOr<std::unique_ptr<Source>> Open() override;

 private:
  sqlserver::ConnectionSettings settings_;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_SQL_SOURCE_H_
