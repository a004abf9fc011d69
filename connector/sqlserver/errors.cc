#include "connector/sqlserver/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ehi::sqlserver {
namespace {

constexpr char kPayloadUrl[] = "type.ehi-connector/sqlserver.error";

absl::StatusCode DefaultCode(int number, ErrorClass c) {
  switch (number) {
    case 18456:
    case 18452:
    case 18470:
    case 18486:
    case 18487:
    case 18488:
      return absl::StatusCode::kUnauthenticated;
    case 4060:
    case 911:
      return absl::StatusCode::kNotFound;
    case 229:
    case 230:
    case 262:
    case 297:
    case 300:
    case 916:
      return absl::StatusCode::kPermissionDenied;
    case 20003:  // SYBETIME
      return absl::StatusCode::kDeadlineExceeded;
    default:
      break;
  }
  if (c == ErrorClass::kTransient) return absl::StatusCode::kUnavailable;
  if (c == ErrorClass::kUserAction) return absl::StatusCode::kFailedPrecondition;
  return absl::StatusCode::kUnknown;
}

}  // namespace

absl::string_view ErrorClassName(ErrorClass c) {
  switch (c) {
    case ErrorClass::kUserAction:
      return "user_action";
    case ErrorClass::kTransient:
      return "transient";
    case ErrorClass::kOther:
      return "other";
  }
  return "other";
}

ErrorClass ClassifyErrorNumber(int number) {
  switch (number) {
    // Login, database, permissions.
    case 18456:
    case 18452:
    case 18470:
    case 18486:
    case 18487:
    case 18488:
    case 4060:
    case 911:
    case 229:
    case 230:
    case 262:
    case 297:
    case 300:
    case 916:
    // FreeTDS: unknown host, connection refused/unreachable, failed
    // connection (TLS handshake, server closed during login).
    case 20002:  // SYBEFCON
    case 20009:  // SYBECONN
    case 20012:  // SYBEINTF
    case 20013:  // SYBEUHST
    case 20014:  // SYBEPWD
      return ErrorClass::kUserAction;
    // Server-side transient errors (SqlClient / EF Core lists).
    case 1204:
    case 1205:
    case 1222:
    case 3960:
    case 40613:
    case 40501:
    case 40197:
    case 10928:
    case 10929:
    case 49918:
    case 49919:
    case 49920:
    case 41301:
    case 41302:
    case 41305:
    case 41325:
    case 233:
    case 10053:
    case 10054:
    case 10060:
    // FreeTDS: timeouts and dropped connections.
    case 20003:  // SYBETIME
    case 20004:  // SYBEREAD
    case 20006:  // SYBEWRIT
    case 20017:  // SYBESEOF
    case 20047:  // SYBEDDNE
    case 20056:  // SYBECLOS
      return ErrorClass::kTransient;
    default:
      return ErrorClass::kOther;
  }
}

absl::Status MakeSqlError(int number, absl::string_view message) {
  const ErrorClass c = ClassifyErrorNumber(number);
  return MakeSqlError(number, c, DefaultCode(number, c), message);
}

absl::Status MakeSqlError(int number, ErrorClass error_class, absl::StatusCode code,
                          absl::string_view message) {
  absl::Status status(code, message);
  status.SetPayload(kPayloadUrl,
                    absl::Cord(absl::StrCat(number, ";", ErrorClassName(error_class))));
  return status;
}

ErrorClass ErrorClassOf(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);
  if (!payload) return ErrorClass::kOther;
  const std::string text(*payload);
  std::vector<absl::string_view> parts = absl::StrSplit(text, ';');
  if (parts.size() != 2) return ErrorClass::kOther;
  if (parts[1] == "user_action") return ErrorClass::kUserAction;
  if (parts[1] == "transient") return ErrorClass::kTransient;
  return ErrorClass::kOther;
}

std::optional<int> SqlErrorNumber(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);
  if (!payload) return std::nullopt;
  const std::string text(*payload);
  int number = 0;
  if (!absl::SimpleAtoi(text.substr(0, text.find(';')), &number)) return std::nullopt;
  return number;
}

}  // namespace ehi::sqlserver
