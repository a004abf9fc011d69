#include "server/grpc_status.h"

#include "gtest/gtest.h"

namespace ehi::server {
namespace {

TEST(GrpcStatusTest, CodesMapOneToOne) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ToGrpcStatus(absl::UnauthenticatedError("x")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ToGrpcStatus(absl::PermissionDeniedError("x")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ToGrpcStatus(absl::UnimplementedError("x")).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(ToGrpcStatus(absl::CancelledError("x")).error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("msg")).error_message(), "msg");
}

TEST(GrpcStatusTest, CutsAtUtf8Boundary) {
  EXPECT_EQ(Utf8SafeCut("short", 10), "short");
  // "é" is 2 bytes; a cut inside it steps back.
  EXPECT_EQ(Utf8SafeCut("aaé", 6), "aaé");
  EXPECT_EQ(Utf8SafeCut("aaaéé", 6), "aaa...");
  EXPECT_EQ(Utf8SafeCut("aaaaéé", 7), "aaaa...");
  const std::string long_text(10000, 'x');
  const grpc::Status s = ToGrpcStatus(absl::InternalError(long_text));
  EXPECT_EQ(s.error_message().size(), kMaxStatusMessageBytes);
}

}  // namespace
}  // namespace ehi::server
