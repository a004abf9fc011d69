#include "testing/tester/selection_file.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "testing/tester/state_store.h"

namespace tester {

namespace v2 = ::fivetran_sdk::v2;

namespace {

constexpr char kHeader[] =
    "# connector-tester schema selection. Change [x] to [ ] to leave a schema,\n"
    "# table or column out of the next sync; entries new in the source start\n"
    "# as [x]. Primary key columns are always synced.\n";

// The schemas of a response as (name, tables); one unnamed schema for
// sources without schemas.
std::vector<std::pair<std::string, const google::protobuf::RepeatedPtrField<v2::Table>*>> SchemasOf(
    const v2::SchemaResponse& response) {
  std::vector<std::pair<std::string, const google::protobuf::RepeatedPtrField<v2::Table>*>> out;
  if (response.has_with_schema()) {
    for (const v2::Schema& s : response.with_schema().schemas()) {
      out.emplace_back(s.name(), &s.tables());
    }
  } else if (response.has_without_schema()) {
    out.emplace_back("", &response.without_schema().tables());
  }
  return out;
}

template <typename Map, typename Key>
bool Marked(const Map& map, const Key& key) {
  auto it = map.find(key);
  return it == map.end() || it->second;
}

const char* Box(bool on) { return on ? "[x]" : "[ ]"; }

}  // namespace

absl::StatusOr<SelectionMarks> ParseSelection(const std::string& text, const std::string& path) {
  SelectionMarks marks;
  std::optional<std::string> schema;
  std::optional<std::string> table;
  int line_number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    absl::string_view line = absl::StripLeadingAsciiWhitespace(raw);
    if (line.empty() || line[0] == '#') continue;
    auto error = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", line_number, ": ", why, " (got \"", raw,
                       "\"); expected \"[x] schema|table|column NAME\" or \"[ ] ...\""));
    };
    if (line.size() < 4 || line[0] != '[' || line[2] != ']' || line[3] != ' ') {
      return error("a line must start with [x] or [ ]");
    }
    bool on;
    if (line[1] == 'x' || line[1] == 'X') {
      on = true;
    } else if (line[1] == ' ') {
      on = false;
    } else {
      return error("the mark must be x or a space");
    }
    absl::string_view rest = line.substr(4);
    size_t space = rest.find(' ');
    if (space == absl::string_view::npos || space + 1 >= rest.size()) {
      return error("missing the kind or the name");
    }
    absl::string_view kind = rest.substr(0, space);
    std::string name(rest.substr(space + 1));
    if (kind == "schema") {
      schema = name;
      table.reset();
      marks.schemas[name] = on;
    } else if (kind == "table") {
      table = name;
      marks.tables[{schema.value_or(""), name}] = on;
    } else if (kind == "column") {
      if (!table.has_value()) return error("a column line needs a table line above it");
      marks.columns[{schema.value_or(""), *table, name}] = on;
    } else {
      return error("unknown kind");
    }
  }
  return marks;
}

absl::StatusOr<std::optional<SelectionMarks>> ReadSelectionFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (absl::IsNotFound(text.status())) return std::optional<SelectionMarks>();
  if (!text.ok()) return text.status();
  absl::StatusOr<SelectionMarks> marks = ParseSelection(*text, path);
  if (!marks.ok()) return marks.status();
  return std::optional<SelectionMarks>(std::move(*marks));
}

std::string RenderSelection(const v2::SchemaResponse& response, const SelectionMarks& marks,
                            std::vector<std::string>* notes) {
  std::string out = kHeader;
  for (const auto& [schema, tables] : SchemasOf(response)) {
    std::string indent;
    if (!schema.empty() || response.has_with_schema()) {
      absl::StrAppend(&out, Box(Marked(marks.schemas, schema)), " schema ", schema, "\n");
      indent = "    ";
    }
    for (const v2::Table& table : *tables) {
      absl::StrAppend(&out, indent, Box(Marked(marks.tables, std::make_pair(schema, table.name()))),
                      " table ", table.name(), "\n");
      for (const v2::Column& column : table.columns()) {
        bool on = Marked(marks.columns, std::make_tuple(schema, table.name(), column.name()));
        if (!on && column.primary_key()) {
          on = true;
          if (notes != nullptr) {
            notes->push_back(absl::StrCat("primary key column ", table.name(), ".", column.name(),
                                          " cannot be excluded; it stays selected"));
          }
        }
        absl::StrAppend(&out, indent, "    ", Box(on), " column ", column.name(), "\n");
      }
    }
  }
  return out;
}

v2::Selection BuildSelection(const v2::SchemaResponse& response, const SelectionMarks& marks) {
  v2::Selection selection;
  auto fill_table = [&](const std::string& schema, const v2::Table& table,
                        v2::TableSelection* out) {
    out->set_included(Marked(marks.tables, std::make_pair(schema, table.name())));
    out->set_table_name(table.name());
    out->set_include_new_columns(true);
    for (const v2::Column& column : table.columns()) {
      bool on = column.primary_key() ||
                Marked(marks.columns, std::make_tuple(schema, table.name(), column.name()));
      (*out->mutable_columns())[column.name()] = on;
    }
  };
  if (response.has_with_schema()) {
    v2::TablesWithSchema* with = selection.mutable_with_schema();
    with->set_include_new_schemas(true);
    for (const v2::Schema& schema : response.with_schema().schemas()) {
      v2::SchemaSelection* s = with->add_schemas();
      s->set_included(Marked(marks.schemas, schema.name()));
      s->set_schema_name(schema.name());
      s->set_include_new_tables(true);
      for (const v2::Table& table : schema.tables()) {
        fill_table(schema.name(), table, s->add_tables());
      }
    }
  } else {
    v2::TablesWithNoSchema* without = selection.mutable_without_schema();
    without->set_include_new_tables(true);
    for (const v2::Table& table : response.without_schema().tables()) {
      fill_table("", table, without->add_tables());
    }
  }
  return selection;
}

std::vector<std::pair<std::string, v2::Table>> SelectedTables(const v2::SchemaResponse& response,
                                                              const SelectionMarks& marks) {
  std::vector<std::pair<std::string, v2::Table>> out;
  for (const auto& [schema, tables] : SchemasOf(response)) {
    if (!Marked(marks.schemas, schema)) continue;
    for (const v2::Table& table : *tables) {
      if (!Marked(marks.tables, std::make_pair(schema, table.name()))) continue;
      v2::Table kept;
      kept.set_name(table.name());
      for (const v2::Column& column : table.columns()) {
        if (column.primary_key() ||
            Marked(marks.columns, std::make_tuple(schema, table.name(), column.name()))) {
          *kept.add_columns() = column;
        }
      }
      out.emplace_back(schema, std::move(kept));
    }
  }
  return out;
}

}  // namespace tester
