#include "testing/tester/state_store.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace tester {
namespace {

class StateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/state-test-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    path_ = dir_ + "/state.json";
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  int FilesInDir() {
    int n = 0;
    DIR* d = ::opendir(dir_.c_str());
    while (dirent* e = ::readdir(d)) n += e->d_name[0] != '.';
    ::closedir(d);
    return n;
  }
  std::string dir_, path_;
};

TEST_F(StateStoreTest, MissingFileIsEmptyState) {
  auto state = ReadStateFile(path_);
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->has_value());
}

TEST_F(StateStoreTest, WriteThenReadRoundTripsAndLeavesNoTempFile) {
  ASSERT_TRUE(WriteStateFile(path_, R"({"cursor":1})").ok());
  ASSERT_TRUE(WriteStateFile(path_, R"({"cursor":2})").ok());
  auto state = ReadStateFile(path_);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->value(), R"({"cursor":2})");
  EXPECT_EQ(FilesInDir(), 1);
}

TEST_F(StateStoreTest, InvalidCheckpointNeverReplacesGoodState) {
  ASSERT_TRUE(WriteStateFile(path_, R"({"ok":true})").ok());
  absl::Status s = WriteStateFile(path_, "{not json");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(ReadStateFile(path_)->value(), R"({"ok":true})");
}

TEST_F(StateStoreTest, MalformedFileIsAnErrorNamingIt) {
  std::ofstream(path_) << "{\"truncated\": ";
  auto state = ReadStateFile(path_);
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.status().message().find(path_), std::string::npos);
  EXPECT_NE(state.status().message().find("not valid JSON"), std::string::npos);
}

TEST_F(StateStoreTest, UnwritableFolderIsAnError) {
  absl::Status s = WriteFileAtomically("/nonexistent-dir/x/state.json", "{}");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent-dir/x/state.json"), std::string::npos);
}

}  // namespace
}  // namespace tester
