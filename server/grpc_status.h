// The one place where domain statuses become gRPC statuses: codes map one to
// one, messages are cut at a UTF-8 character boundary to stay small.
//
//   return ToGrpcStatus(DoSomething());
//
// Thread-safe: pure functions.
#ifndef EHI_SERVER_GRPC_STATUS_H_
#define EHI_SERVER_GRPC_STATUS_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace ehi::server {

inline constexpr size_t kMaxStatusMessageBytes = 4096;

grpc::Status ToGrpcStatus(const absl::Status& status);

// At most `max_bytes` bytes of `text`, never splitting a UTF-8 sequence;
// "..." is appended when something was cut.
std::string Utf8SafeCut(absl::string_view text, size_t max_bytes);

}  // namespace ehi::server

#endif  // EHI_SERVER_GRPC_STATUS_H_
