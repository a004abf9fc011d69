// The sync state carried in Checkpoint.state_json: a versioned JSON document
// that lets Update continue every table where it stopped.
//
//   {"version": 1,
//    "tables": {
//      "<schema>.<table>": {
//        "phase": "full_load",
//        "cursor": <value|null>,   // MAX(_LastUpdatedInstant) read before
//                                  // the load began (absent: no such column)
//        "ranges": [               // half-open ranges on the leading key
//          {"lower": <value|null>, "upper": <value|null>,
//           "last_key": [<value>, ...] | null,   // last key SENT
//           "done": false}, ...]},
//      "<schema>.<table>": {
//        "phase": "incremental",
//        "cursor": <value|null>,   // greatest _LastUpdatedInstant read
//        "position": [<instant>, <pk value>, ...]  // optional: mid-run
//      },
//      "<schema>.<table>": {"phase": "reload"}   // no change tracking: the
//    }}                                          // next sync re-reads it
//
// Values are typed by the column they belong to (the catalog's mapping):
// integers and booleans as JSON numbers/booleans, floats as numbers,
// decimals, strings, GUIDs, time and XML as strings, date/time types as ISO
// 8601 strings with 7 fractional digits ("2024-01-02T03:04:05.1234567"),
// binary as lower-case hex. They round-trip exactly.
//
// Errors (all INVALID_ARGUMENT, naming the problem; never a silent reset):
// not JSON, not an object, missing or unsupported "version", "tables" not an
// object, an unknown phase, a missing or ill-typed member, a key whose
// arity or value types do not match the table's primary key.
// Unknown tables: an entry whose table is not in the source catalog any more
// (dropped, or filtered out by the connection's include/exclude settings) is
// removed from the state with a warning. Tables present in the source but
// deselected in the orchestrator's selection keep their entry unchanged.
//
// Thread-safety: values; no shared state.
#ifndef EHI_CONNECTOR_SYNC_STATE_H_
#define EHI_CONNECTOR_SYNC_STATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connector/catalog.h"
#include "connector/value.h"

namespace ehi::sync {

inline constexpr int kStateVersion = 1;

enum class Phase { kFullLoad, kIncremental, kReload };

using Key = std::vector<Value>;

struct RangeState {
  std::optional<Value> lower;   // inclusive; absent → unbounded
  std::optional<Value> upper;   // exclusive; absent → unbounded
  std::optional<Key> last_key;  // last key sent; absent → none yet
  bool done = false;
};

struct TableState {
  Phase phase = Phase::kFullLoad;
  // full_load: the cursor snapshot (has_cursor false when the table has no
  // _LastUpdatedInstant); incremental: the cursor. A NULL value means "no
  // rows seen yet".
  bool has_cursor = false;
  Value cursor;
  std::vector<RangeState> ranges;  // full_load
  std::optional<Key> position;     // incremental: (instant, pk...) sent
};

struct SyncState {
  std::map<std::string, TableState> tables;  // by StateKey()
};

// "<schema>.<table>"
std::string StateKey(const TableInfo& table);

struct ParsedState {
  SyncState state;
  std::vector<std::string> warnings;  // dropped entries
};

// Parses `json` against the source catalog (every table the connection's
// filter lets through, selected or not). Empty text → empty state.
absl::StatusOr<ParsedState> ParseState(const std::string& json,
                                       const std::vector<TableInfo>& tables);

// INTERNAL only if a string value is not UTF-8 (cannot happen for values
// read through the sqlserver layer, which converts to UTF-8).
absl::StatusOr<std::string> SerializeState(const SyncState& state);

// Exact text forms used by the state (exposed for tests and the engine).
absl::StatusOr<Timestamp> ParseTimestamp(const std::string& iso);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_STATE_H_
