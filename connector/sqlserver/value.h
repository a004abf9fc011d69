// One column value read from SQL Server, converted exactly into the domain:
// the representation the SDK needs, never through a lossy detour.
//
//   switch (v.type) {
//     case DataType::kDecimal: use(v.text);        // "-123.4500"
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
#ifndef EHI_CONNECTOR_SQLSERVER_VALUE_H_
#define EHI_CONNECTOR_SQLSERVER_VALUE_H_

#include <cstdint>
#include <string>

#include "connector/type_mapping.h"

namespace ehi::sqlserver {

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
//   FormatTimestamp({0, 5})            → "1970-01-01T00:00:00.0000001" (7 digits)
std::string FormatTimestamp(const Timestamp& ts);
std::string FormatDate(const Timestamp& ts);  // "YYYY-MM-DD"

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_VALUE_H_
