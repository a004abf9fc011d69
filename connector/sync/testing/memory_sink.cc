#include "connector/sync/testing/memory_sink.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace ehi::sync {

std::string ValueText(const Value& v) {
  if (v.is_null) return "NULL";
  switch (v.type) {
    case DataType::kBoolean:
      return v.boolean ? "true" : "false";
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return absl::StrCat(v.integer);
    case DataType::kFloat:
    case DataType::kDouble:
      return absl::StrCat(v.real);
    case DataType::kNaiveDate:
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      return FormatTimestamp(v.timestamp);
    case DataType::kBinary:
      return absl::StrCat("0x", absl::BytesToHexString(v.text));
    default:
      return v.text;
  }
}

absl::Status MemorySink::CheckOpen() const {
  if (fail_after_checkpoints_ >= 0 &&
      static_cast<int>(checkpoints_.size()) >= fail_after_checkpoints_) {
    return absl::CancelledError("memory sink: stream cut");
  }
  return absl::OkStatus();
}

std::string MemorySink::KeyOf(const Record& r) const {
  auto it = keys_.find(absl::StrCat(r.schema, ".", r.table));
  std::string key;
  for (const auto& [name, value] : r.data) {
    if (it != keys_.end()) {
      bool is_key = false;
      for (const std::string& k : it->second) is_key |= (k == name);
      if (!is_key) continue;
    }
    absl::StrAppend(&key, name, "=", ValueText(value), "\x1f");
  }
  return key;
}

absl::Status MemorySink::SendRecords(absl::Span<const Record> records) {
  if (absl::Status s = CheckOpen(); !s.ok()) return s;
  batch_sizes_.push_back(records.size());
  for (const Record& r : records) {
    log_.push_back(r);
    auto& table = tables_[absl::StrCat(r.schema, ".", r.table)];
    switch (r.type) {
      case RecordType::kTruncate:
        table.clear();
        break;
      case RecordType::kDelete:
        table.erase(KeyOf(r));
        break;
      case RecordType::kUpsert:
      case RecordType::kUpdate: {
        RowText& row = table[KeyOf(r)];
        if (r.type == RecordType::kUpsert) row.clear();
        for (const auto& [name, value] : r.data) row[name] = ValueText(value);
        break;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status MemorySink::SendSchemaChange(const std::vector<TableInfo>& tables) {
  if (absl::Status s = CheckOpen(); !s.ok()) return s;
  schema_changes_.push_back(tables);
  return absl::OkStatus();
}

absl::Status MemorySink::SendCheckpoint(const std::string& state_json) {
  if (absl::Status s = CheckOpen(); !s.ok()) return s;
  checkpoints_.push_back(state_json);
  return absl::OkStatus();
}

absl::Status MemorySink::SendWarning(const std::string& message) {
  if (absl::Status s = CheckOpen(); !s.ok()) return s;
  warnings_.push_back(message);
  return absl::OkStatus();
}

absl::Status MemorySink::SendTask(const std::string& message) {
  if (absl::Status s = CheckOpen(); !s.ok()) return s;
  tasks_.push_back(message);
  return absl::OkStatus();
}

void MemorySink::SetPrimaryKey(const std::string& schema, const std::string& table,
                               std::vector<std::string> columns) {
  keys_[absl::StrCat(schema, ".", table)] = std::move(columns);
}

const std::map<std::string, MemorySink::RowText>& MemorySink::Rows(const std::string& schema,
                                                                   const std::string& table) const {
  static const auto* const kEmpty = new std::map<std::string, RowText>();
  auto it = tables_.find(absl::StrCat(schema, ".", table));
  return it == tables_.end() ? *kEmpty : it->second;
}

}  // namespace ehi::sync
