#include "testing/testkit/temp_dir.h"

#include <sys/stat.h>

#include <string>

#include "gtest/gtest.h"
#include "testing/testkit/files.h"

namespace ehi::testkit {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

TEST(TempDirTest, RemovedRecursivelyOnDestruction) {
  std::string path;
  {
    TempDir dir("testkit-test");
    path = dir.path();
    EXPECT_NE(path.find("testkit-test-"), std::string::npos);
    ASSERT_TRUE(Exists(path));
    ASSERT_EQ(mkdir(dir.File("sub").c_str(), 0755), 0);
    ASSERT_TRUE(WriteFile(dir.File("sub/file.txt"), "x").ok());
    ASSERT_TRUE(WriteFile(dir.File("top.txt"), "y").ok());
    EXPECT_EQ(*ReadFile(dir.File("top.txt")), "y");
  }
  EXPECT_FALSE(Exists(path));
}

TEST(TempDirTest, KeepLeavesItAndMoveTransfersOwnership) {
  std::string kept;
  {
    TempDir dir;
    dir.Keep();
    kept = dir.path();
  }
  EXPECT_TRUE(Exists(kept));
  {
    TempDir owner;
    TempDir adopt = TempDir();
    adopt = std::move(owner);
    kept = adopt.path();
    EXPECT_TRUE(Exists(kept));
  }
  EXPECT_FALSE(Exists(kept));
}

TEST(FilesTest, ReadingAMissingFileIsNotFound) {
  TempDir dir;
  absl::StatusOr<std::string> missing = ReadFile(dir.File("nope"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.value_or("fallback"), "fallback");
}

}  // namespace
}  // namespace ehi::testkit
