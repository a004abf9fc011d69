#include "testing/emulator/engine/engine_test_util.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace emulator {

void RecordingSink::BeginRows(const std::vector<Column>& columns) {
  current_.columns = columns;
  current_.has_rows = true;
}

bool RecordingSink::Row(const std::vector<Value>& values) {
  if (cancel_after_rows >= 0 && rows_seen >= cancel_after_rows) {
    cancelled = true;
    return false;
  }
  ++rows_seen;
  current_.rows.push_back(values);
  return true;
}

void RecordingSink::StatementDone(bool has_count, int64_t row_count, bool error) {
  current_.has_count = has_count;
  current_.count = row_count;
  current_.error = error;
  statements.push_back(std::move(current_));
  current_ = StatementResult();
}

std::vector<ServerMessage> RecordingSink::Errors() const {
  std::vector<ServerMessage> out;
  for (const ServerMessage& m : messages) {
    if (m.severity > 10) out.push_back(m);
  }
  return out;
}

int RecordingSink::FirstError() const {
  std::vector<ServerMessage> errors = Errors();
  return errors.empty() ? 0 : errors[0].number;
}

std::string ValueText(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "NULL";
    case Value::Kind::kInt:
      return absl::StrCat(v.int_value);
    case Value::Kind::kDouble: {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.17g", v.double_value);
      return buf;
    }
    case Value::Kind::kText:
      return v.bytes;
    case Value::Kind::kBytes: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string out = "0x";
      for (unsigned char c : v.bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      return out;
    }
  }
  return "?";
}

void EngineTest::SetUp() { Open(EngineOptions{":memory:", "TestDb", "", "", 1}); }

void EngineTest::Open(const EngineOptions& options) {
  session_.reset();
  engine_.reset();
  auto engine = CreateSqliteEngine(options);
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = *std::move(engine);
  auto session = engine_->OpenSession();
  ASSERT_TRUE(session.ok()) << session.status();
  session_ = *std::move(session);
}

RecordingSink EngineTest::Exec(const std::string& sql, bool allow_errors) {
  RecordingSink sink;
  session_->ExecuteBatch(sql, sink);
  if (!allow_errors) {
    for (const ServerMessage& m : sink.Errors()) {
      ADD_FAILURE() << "error " << m.number << ": " << m.text << "\n  in: " << sql;
    }
  }
  return sink;
}

std::vector<std::string> EngineTest::Rows(const std::string& sql) {
  RecordingSink sink = Exec(sql);
  std::vector<std::string> out;
  for (auto it = sink.statements.rbegin(); it != sink.statements.rend(); ++it) {
    if (!it->has_rows) continue;
    for (const auto& row : it->rows) {
      std::vector<std::string> cells;
      for (const Value& v : row) cells.push_back(ValueText(v));
      out.push_back(absl::StrJoin(cells, "|"));
    }
    break;
  }
  return out;
}

std::string EngineTest::Scalar(const std::string& sql) {
  std::vector<std::string> rows = Rows(sql);
  if (rows.size() != 1) {
    ADD_FAILURE() << "expected one row from " << sql << ", got " << rows.size();
    return "";
  }
  return rows[0];
}

int EngineTest::ErrorOf(const std::string& sql) { return Exec(sql, true).FirstError(); }

}  // namespace emulator
