// Early-return helpers for absl::Status and absl::StatusOr, the way Arrow's
// ARROW_RETURN_NOT_OK / ARROW_ASSIGN_OR_RAISE read. Abseil 20220623 ships none.
//
//   absl::StatusOr<Table> LoadTable(Connection& c) {
//     EHI_RETURN_IF_ERROR(c.Execute("SET NOCOUNT ON"));
//     EHI_ASSIGN_OR_RETURN(Rows rows, c.Query(sql));
//     return Table(std::move(rows));
//   }
#ifndef EHI_COMMON_STATUS_MACROS_H_
#define EHI_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define EHI_STATUS_CONCAT_INNER_(a, b) a##b
#define EHI_STATUS_CONCAT_(a, b) EHI_STATUS_CONCAT_INNER_(a, b)

// The local's name carries the line number so that nested uses (a lambda
// inside a function that also returns early) do not shadow each other.
#define EHI_RETURN_IF_ERROR(expr) \
  EHI_RETURN_IF_ERROR_IMPL_(EHI_STATUS_CONCAT_(ehi_status_, __LINE__), expr)

#define EHI_RETURN_IF_ERROR_IMPL_(status, expr) \
  do {                                          \
    ::absl::Status status = (expr);             \
    if (!status.ok()) return status;            \
  } while (false)

#define EHI_ASSIGN_OR_RETURN(lhs, expr) \
  EHI_ASSIGN_OR_RETURN_IMPL_(EHI_STATUS_CONCAT_(ehi_statusor_, __LINE__), lhs, expr)

#define EHI_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                               \
  if (!statusor.ok()) return statusor.status();         \
  lhs = std::move(statusor).value()

#endif  // EHI_COMMON_STATUS_MACROS_H_
