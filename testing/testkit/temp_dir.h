// A fresh directory under $TMPDIR (or /tmp) for one test, removed with
// everything in it when the TempDir goes away.
//
//   TempDir dir("tsql-test");
//   std::ofstream(dir.File("freetds.conf")) << "[global]\n";
//   // ... dir.path() is "/tmp/tsql-test-Ab12Cd"
//
// A directory that cannot be created aborts the test program with the
// reason: every later step would fail less clearly. Keep() leaves the
// directory behind for a post-mortem (say, after a failed test).
#ifndef EHI_TESTING_TESTKIT_TEMP_DIR_H_
#define EHI_TESTING_TESTKIT_TEMP_DIR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace ehi::testkit {

class TempDir {
 public:
  explicit TempDir(absl::string_view prefix = "ehi-test");
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string File(absl::string_view name) const;
  // Do not remove the directory on destruction.
  void Keep() { keep_ = true; }

 private:
  void Remove();
  std::string path_;
  bool keep_ = false;
};

}  // namespace ehi::testkit

#endif  // EHI_TESTING_TESTKIT_TEMP_DIR_H_
