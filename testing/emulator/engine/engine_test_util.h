// Test helpers: an in-memory ResultSink and a fixture that runs batches.
#ifndef EHI_TESTING_EMULATOR_ENGINE_ENGINE_TEST_UTIL_H_
#define EHI_TESTING_EMULATOR_ENGINE_ENGINE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/emulator/engine/sqlite_engine.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

// One statement's results.
struct StatementResult {
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
  bool has_rows = false;
  bool has_count = false;
  int64_t count = 0;
  bool error = false;
};

class RecordingSink : public ResultSink {
 public:
  void BeginRows(const std::vector<Column>& columns) override;
  bool Row(const std::vector<Value>& values) override;
  void StatementDone(bool has_count, int64_t row_count, bool error) override;
  void Message(const ServerMessage& message) override { messages.push_back(message); }
  bool Cancelled() override { return cancelled; }

  // Errors (severity > 10) only.
  std::vector<ServerMessage> Errors() const;
  // The first error number, or 0.
  int FirstError() const;

  std::vector<StatementResult> statements;
  std::vector<ServerMessage> messages;
  bool cancelled = false;
  int64_t cancel_after_rows = -1;  // Row() returns false after this many rows
  int64_t rows_seen = 0;

 private:
  StatementResult current_;
};

// "NULL", digits, %.17g, the text, or 0x-hex for bytes.
std::string ValueText(const Value& v);

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void Open(const EngineOptions& options);
  // Runs a batch; fails the test on any error unless `allow_errors`.
  RecordingSink Exec(const std::string& sql, bool allow_errors = false);
  // Rows of the last result set, each value as ValueText, joined by '|'.
  std::vector<std::string> Rows(const std::string& sql);
  // The single value of a one-row, one-column query.
  std::string Scalar(const std::string& sql);
  // The first error number a batch produced (0 if none).
  int ErrorOf(const std::string& sql);

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_ENGINE_TEST_UTIL_H_
