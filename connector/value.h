// The domain's value vocabulary, on the ground floor of the connector: the
// SDK data types, one column value, and timestamps. Every layer above (the
// FreeTDS driver in sqlserver/, SQL building, the sync engine, the gRPC
// adapter) speaks these; this file depends on nothing of the project but
// common/.
//
//   switch (v.type) {
//     case DataType::kDecimal: use(v.text);          // "-123.4500"
//     case DataType::kUtcDateTime: use(v.timestamp); // seconds + nanos, UTC
//     ...
//   }
//
// Representation per DataType (`type` says which member is meaningful):
//   kBoolean                  → boolean
//   kShort, kInt, kLong       → integer
//   kFloat                    → real (float)
//   kDouble                   → real (double)
//   kDecimal                  → text, plain decimal with the column's scale
//   kNaiveDate, kNaiveDateTime→ timestamp (the wall-clock value as if UTC)
//   kUtcDateTime              → timestamp (UTC instant)
//   kString                   → text, UTF-8 (time → "HH:MM:SS.fffffff",
//                               uniqueidentifier → "XXXXXXXX-XXXX-…" upper case)
//   kXml                      → text, UTF-8
//   kBinary                   → text holding the raw bytes
// `is_null` overrides everything.
//
// Thread-safe: plain values and pure functions.
#ifndef EHI_CONNECTOR_VALUE_H_
#define EHI_CONNECTOR_VALUE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace ehi {

// Mirrors fivetran_sdk.v2.DataType value for value (server/ converts).
enum class DataType {
  kUnspecified = 0,
  kBoolean = 1,
  kShort = 2,
  kInt = 3,
  kLong = 4,
  kDecimal = 5,
  kFloat = 6,
  kDouble = 7,
  kNaiveDate = 8,
  kNaiveDateTime = 9,
  kUtcDateTime = 10,
  kBinary = 11,
  kXml = 12,
  kString = 13,
  kJson = 14,
  kNaiveTime = 15,
};

absl::string_view DataTypeName(DataType type);  // "DECIMAL", "STRING", ...

// Seconds and nanoseconds since 1970-01-01T00:00:00 (proleptic Gregorian);
// the shape of google.protobuf.Timestamp without depending on it.
struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;  // 0..999,999,999
  bool operator==(const Timestamp& o) const { return seconds == o.seconds && nanos == o.nanos; }
};

struct Value {
  DataType type = DataType::kUnspecified;
  bool is_null = true;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  Timestamp timestamp;
  std::string text;

  static Value Null(DataType type) {
    Value v;
    v.type = type;
    return v;
  }
};

// ISO 8601 forms for logs, literals and tests.
//   FormatTimestamp({0, 5})            → "1970-01-01T00:00:00.0000000" (7 digits)
std::string FormatTimestamp(const Timestamp& ts);
std::string FormatDate(const Timestamp& ts);  // "YYYY-MM-DD"

}  // namespace ehi

#endif  // EHI_CONNECTOR_VALUE_H_
