#include "server/grpc_status.h"

namespace ehi::server {

std::string Utf8SafeCut(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  const size_t budget = max_bytes > 3 ? max_bytes - 3 : 0;
  size_t end = budget;
  // Step back over continuation bytes (10xxxxxx) to a sequence start.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl::StatusCode and grpc::StatusCode share their numbering (0..16).
  const auto code = static_cast<grpc::StatusCode>(static_cast<int>(status.code()));
  return grpc::Status(code, Utf8SafeCut(status.message(), kMaxStatusMessageBytes));
}

}  // namespace ehi::server
