#include "connector/value.h"

#include <cstdio>

#include "common/civil_date.h"

namespace ehi {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

}  // namespace

absl::string_view DataTypeName(DataType type) {
  switch (type) {
    case DataType::kUnspecified:
      return "UNSPECIFIED";
    case DataType::kBoolean:
      return "BOOLEAN";
    case DataType::kShort:
      return "SHORT";
    case DataType::kInt:
      return "INT";
    case DataType::kLong:
      return "LONG";
    case DataType::kDecimal:
      return "DECIMAL";
    case DataType::kFloat:
      return "FLOAT";
    case DataType::kDouble:
      return "DOUBLE";
    case DataType::kNaiveDate:
      return "NAIVE_DATE";
    case DataType::kNaiveDateTime:
      return "NAIVE_DATETIME";
    case DataType::kUtcDateTime:
      return "UTC_DATETIME";
    case DataType::kBinary:
      return "BINARY";
    case DataType::kXml:
      return "XML";
    case DataType::kString:
      return "STRING";
    case DataType::kJson:
      return "JSON";
    case DataType::kNaiveTime:
      return "NAIVE_TIME";
  }
  return "UNSPECIFIED";
}

std::string FormatTimestamp(const Timestamp& ts) {
  int64_t days = ts.seconds / kSecondsPerDay;
  int64_t rem = ts.seconds % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  const CivilDate c = CivilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%07d",
                static_cast<long long>(c.year), c.month, c.day, static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60),
                ts.nanos / 100);
  return buf;
}

std::string FormatDate(const Timestamp& ts) {
  int64_t days = ts.seconds / kSecondsPerDay;
  if (ts.seconds % kSecondsPerDay < 0) --days;
  const CivilDate c = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

}  // namespace ehi
