#include "testing/tester/query_command.h"

#include <unistd.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tester {
namespace {

constexpr size_t kMaxWidth = 60;

// Display width in code points (good enough for a terminal table).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Cell(const std::optional<std::string>& value) {
  if (!value.has_value()) return "NULL";
  std::string s = *value;
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (Width(s) > kMaxWidth) {
    size_t bytes = 0, points = 0;
    while (bytes < s.size() && points < kMaxWidth - 3) {
      ++bytes;
      while (bytes < s.size() && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) {
        ++bytes;
      }
      ++points;
    }
    s = s.substr(0, bytes) + "...";
  }
  return s;
}

std::string Pad(const std::string& s, size_t width) {
  return s + std::string(width - std::min(width, Width(s)), ' ');
}

}  // namespace

std::string FormatResultTable(const ResultTable& table) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  for (const std::string& c : table.columns) widths.push_back(Width(c));
  for (const auto& row : table.rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < row.size(); ++i) {
      line.push_back(Cell(row[i]));
      widths[i] = std::max(widths[i], Width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& line) {
    for (size_t i = 0; i < line.size(); ++i) {
      absl::StrAppend(&out, i ? " | " : "", Pad(line[i], widths[i]));
    }
    out += "\n";
  };
  emit(table.columns);
  for (size_t i = 0; i < widths.size(); ++i) {
    absl::StrAppend(&out, i ? "-+-" : "", std::string(widths[i], '-'));
  }
  out += "\n";
  for (const auto& line : cells) emit(line);
  absl::StrAppend(&out, "(", table.rows.size(), table.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

std::string FormatResultTsv(const ResultTable& table) {
  std::string out;
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += '\t';
      if (!row[i].has_value()) continue;
      for (char c : *row[i]) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    out += '\n';
  }
  return out;
}

int RunQueryCommand(const Options& options, std::FILE* out) {
  const std::string path = absl::StrCat(options.data_dir, "/warehouse.db");
  if (::access(path.c_str(), F_OK) != 0) {
    std::fprintf(stderr, "connector-tester: %s does not exist (run a sync first)\n", path.c_str());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, /*read_only=*/true);
  if (!db.ok()) {
    std::fprintf(stderr, "connector-tester: %s\n", std::string(db.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<ResultTable> result = (*db)->Query(options.sql);
  if (!result.ok()) {
    std::fprintf(stderr, "connector-tester: query failed: %s\n",
                 std::string(result.status().message()).c_str());
    return 1;
  }
  std::fputs((options.tsv ? FormatResultTsv(*result) : FormatResultTable(*result)).c_str(), out);
  return 0;
}

}  // namespace tester
