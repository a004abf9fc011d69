// The sync engine's output stream, as an interface. The engine writes domain
// records, schema changes, checkpoints, warnings and tasks to an UpdateSink;
// server/ adapts it to the gRPC ServerWriter (grpc_update_sink.h), unit tests
// use MemorySink (testing/memory_sink.h).
//
//   class MySink : public UpdateSink { ... };
//   MySink sink;
//   absl::Status s = RunSync(config, request, factory, sink);
//
// Contract:
//   - A non-OK status from any Send* means the stream is gone (the client went
//     away or the write failed): the engine stops promptly and returns it.
//   - SendRecords receives at most kMaxRecordsPerSend records (the engine's
//     RecordBatcher also keeps a byte budget, see batcher.h).
//   - Send* are called from one thread (the engine's writer) only.
//   - Cancelled() may be called from any thread (the engine's watchdog polls
//     it) and must be cheap.
#ifndef EHI_CONNECTOR_SYNC_UPDATE_SINK_H_
#define EHI_CONNECTOR_SYNC_UPDATE_SINK_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "connector/catalog.h"
#include "connector/value.h"

namespace ehi::sync {

enum class RecordType { kUpsert = 0, kUpdate = 1, kDelete = 2, kTruncate = 3 };

// One change to one destination row (or, for kTruncate, to a whole table:
// `data` is empty).
struct Record {
  std::string schema;
  std::string table;
  RecordType type = RecordType::kUpsert;
  std::vector<std::pair<std::string, Value>> data;
};

inline constexpr size_t kMaxRecordsPerSend = 100;

class UpdateSink {
 public:
  virtual ~UpdateSink() = default;
  virtual absl::Status SendRecords(absl::Span<const Record> records) = 0;
  // Announces tables (new tables, or tables with new columns) before their
  // first record. Each TableInfo lists the columns the records will carry.
  virtual absl::Status SendSchemaChange(const std::vector<TableInfo>& tables) = 0;
  virtual absl::Status SendCheckpoint(const std::string& state_json) = 0;
  virtual absl::Status SendWarning(const std::string& message) = 0;
  virtual absl::Status SendTask(const std::string& message) = 0;
  // True once the orchestrator went away or the process is stopping.
  virtual bool Cancelled() const = 0;
};

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_UPDATE_SINK_H_
