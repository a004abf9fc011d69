// The VALIDATION table: after each table the engine writes one UPSERT
// recording what it read, so users can compare the destination with the
// source. It lives in its own schema, `ehi_connector_meta`, reserved by
// this connector (a source schema of that name is reported with a warning
// and its tables are still synced; only a table named VALIDATION there
// would collide).
//
//   Columns (primary key: tablename, datetime — history is kept):
//     datetime           UTC_DATETIME  when the table finished (UTC)
//     tablename          STRING        "<schema>.<table>"
//     count              LONG          source COUNT_BIG of live rows
//     records_processed  LONG          records sent for the table this sync
//     category           STRING        small | medium | large
//     processing_order   INT           1-based position in the plan
//
// The Schema handler declares it with ValidationTableInfo().
//
// Thread-safety: pure functions.
#ifndef EHI_CONNECTOR_SYNC_VALIDATION_H_
#define EHI_CONNECTOR_SYNC_VALIDATION_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "connector/catalog.h"
#include "connector/config.h"
#include "connector/sync/update_sink.h"

namespace ehi::sync {

inline constexpr char kValidationSchema[] = "ehi_connector_meta";
inline constexpr char kValidationTable[] = "VALIDATION";

TableInfo ValidationTableInfo();

Record ValidationRecord(absl::Time when, const std::string& table_name, int64_t count,
                        int64_t records_processed, TableCategory category, int processing_order);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_VALIDATION_H_
