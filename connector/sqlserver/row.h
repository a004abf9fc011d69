// One row of a running query, decoded exactly into domain values (value.h),
// and the metadata of its columns. Rows are made only by Connection::Query
// (connection.h) and handed to its callback; they read DB-Library's buffer
// in place (dbdata/dbdatlen), so a Row is valid only inside that callback.
//
//   conn->Query(sql, [&](const Row& row) -> absl::Status {
//     EHI_ASSIGN_OR_RETURN(Value id, row.Get(0));        // exact, typed
//     EHI_ASSIGN_OR_RETURN(int64_t n, row.GetInt(1));    // catalog numbers
//     return absl::OkStatus();
//   });
//
// The byte layouts are decoded by the pure functions of decode.h; this file
// only fetches the bytes and picks the decoder by wire type.
//
// Thread-safety: a Row is used on the thread running the query.
#ifndef EHI_CONNECTOR_SQLSERVER_ROW_H_
#define EHI_CONNECTOR_SQLSERVER_ROW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connector/value.h"

namespace ehi::sqlserver {

// DB-Library wire type numbers (dbcoltype()) this layer decodes.
enum WireType : int {
  kWireImage = 34,
  kWireText = 35,
  kWireGuid = 36,
  kWireDate = 40,
  kWireTime = 41,
  kWireDateTime2 = 42,
  kWireDateTimeOffset = 43,
  kWireBinary = 45,
  kWireChar = 47,
  kWireInt1 = 48,
  kWireBit = 50,
  kWireInt2 = 52,
  kWireInt4 = 56,
  kWireDateTime4 = 58,
  kWireReal = 59,
  kWireMoney = 60,
  kWireDateTime = 61,
  kWireFloat8 = 62,
  kWireDecimal = 106,
  kWireNumeric = 108,
  kWireMoney4 = 122,
  kWireInt8 = 127,
};

// Metadata of one result column.
struct ResultColumn {
  std::string name;
  int wire_type = 0;
  // The domain type values of this column are delivered as (from the wire
  // type: SYBINT2 → kShort, SYBMSTIME → kString "HH:MM:SS.fffffff", ...).
  // xml arrives as text (SYBTEXT) and is reported as kString: callers that
  // know the column is xml (catalog MappedType) send the text as XML.
  DataType type = DataType::kUnspecified;
  int max_length = 0;  // dbcollen
};

// The domain type values of a column of `wire_type` are delivered as
// (ResultColumn::type): kWireInt2 → kShort, kWireMoney → kDecimal,
// kWireDateTimeOffset → kUtcDateTime, kWireImage → kBinary; anything without
// an exact domain type (char, text, xml, guid, time, unknown types) → kString.
DataType DomainTypeOfWire(int wire_type);

// The current row of a running query. Valid only inside the row callback.
class Row {
 public:
  int column_count() const { return static_cast<int>(columns_->size()); }
  const std::vector<ResultColumn>& columns() const { return *columns_; }
  bool IsNull(int index) const;
  // Value of column `index` (0-based), converted exactly (see value.h).
  absl::StatusOr<Value> Get(int index) const;
  // Convenience: column by name (first match, case-sensitive).
  absl::StatusOr<Value> Get(absl::string_view name) const;
  // Text forms for catalog code: integers, decimals, strings; NULL → "".
  absl::StatusOr<std::string> GetString(int index) const;
  absl::StatusOr<int64_t> GetInt(int index) const;  // NULL → error

 private:
  friend class Connection;
  Row(void* dbproc, const std::vector<ResultColumn>* columns)
      : dbproc_(dbproc), columns_(columns) {}
  void* dbproc_;
  const std::vector<ResultColumn>* columns_;
};

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_ROW_H_
