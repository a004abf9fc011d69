#include "connector/sqlserver/errors.h"

#include "gtest/gtest.h"

namespace ehi::sqlserver {
namespace {

TEST(ErrorsTest, Classification) {
  for (int n : {18456, 4060, 911, 229, 230, 297, 300, 20009, 20013, 20002}) {
    EXPECT_EQ(ClassifyErrorNumber(n), ErrorClass::kUserAction) << n;
  }
  for (int n : {1205, 1222, 1204, 40613, 40501, 20003, 20004, 20006, 20017, 20047}) {
    EXPECT_EQ(ClassifyErrorNumber(n), ErrorClass::kTransient) << n;
  }
  for (int n : {102, 207, 208, 2627, 8152, 0}) {
    EXPECT_EQ(ClassifyErrorNumber(n), ErrorClass::kOther) << n;
  }
}

TEST(ErrorsTest, PayloadRoundTripAndCodes) {
  absl::Status s = MakeSqlError(1205, "deadlock");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsTransient(s));
  EXPECT_FALSE(IsUserActionRequired(s));
  EXPECT_EQ(SqlErrorNumber(s), 1205);
  EXPECT_EQ(MakeSqlError(18456, "x").code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(MakeSqlError(4060, "x").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(MakeSqlError(229, "x").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(MakeSqlError(20003, "x").code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(MakeSqlError(20009, "x").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MakeSqlError(102, "x").code(), absl::StatusCode::kUnknown);
  EXPECT_TRUE(IsUserActionRequired(MakeSqlError(229, "x")));
  absl::Status plain = absl::InternalError("bug");
  EXPECT_EQ(ErrorClassOf(plain), ErrorClass::kOther);
  EXPECT_FALSE(SqlErrorNumber(plain).has_value());
  EXPECT_FALSE(IsTransient(absl::OkStatus()));
}

}  // namespace
}  // namespace ehi::sqlserver
