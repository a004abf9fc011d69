#include "connector/sync/selection.h"

#include "absl/strings/match.h"

namespace ehi::sync {
namespace {

const SchemaSelection* FindSchema(const Selection& s, const std::string& name) {
  if (!s.with_schema) return s.schemas.empty() ? nullptr : &s.schemas[0];
  for (const SchemaSelection& x : s.schemas) {
    if (x.schema == name) return &x;
  }
  return nullptr;
}

const TableSelection* FindTable(const SchemaSelection& s, const std::string& name) {
  for (const TableSelection& t : s.tables) {
    if (t.table == name) return &t;
  }
  return nullptr;
}

}  // namespace

int FindColumnIndex(const TableInfo& table, const char* name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (absl::EqualsIgnoreCase(table.columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

TableInfo SelectedTable::Announced() const {
  TableInfo out = table;
  out.columns.clear();
  out.primary_key.clear();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (emit[i]) out.columns.push_back(table.columns[i]);
  }
  for (int k : table.primary_key) {
    for (size_t i = 0; i < out.columns.size(); ++i) {
      if (out.columns[i].name == table.columns[k].name)
        out.primary_key.push_back(static_cast<int>(i));
    }
  }
  return out;
}

std::vector<SelectedTable> ApplySelection(const std::vector<TableInfo>& tables,
                                          const Selection& selection) {
  std::vector<SelectedTable> out;
  for (const TableInfo& t : tables) {
    const TableSelection* ts = nullptr;
    bool is_new = false;
    if (selection.present) {
      const SchemaSelection* ss = FindSchema(selection, t.schema);
      if (ss == nullptr) {
        if (!selection.include_new_schemas) continue;
        is_new = true;
      } else {
        if (!ss->included) continue;
        ts = FindTable(*ss, t.name);
        if (ts == nullptr) {
          if (!ss->include_new_tables) continue;
          is_new = true;
        } else if (!ts->included) {
          continue;
        }
      }
    }
    SelectedTable st;
    st.is_new = is_new;
    st.instant_column = FindColumnIndex(t, "_LastUpdatedInstant");
    st.deleted_column = FindColumnIndex(t, "_IsDeleted");
    // Keep read columns; renumber primary key and special indexes.
    TableInfo read = t;
    read.columns.clear();
    read.primary_key.clear();
    std::vector<int> new_index(t.columns.size(), -1);
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const ColumnInfo& c = t.columns[i];
      bool emit = true;
      if (ts != nullptr) {
        auto it = ts->columns.find(c.name);
        if (it == ts->columns.end()) {
          emit = ts->include_new_columns;
          if (emit) st.has_new_columns = true;
        } else {
          emit = it->second;
        }
      }
      if (c.primary_key()) emit = true;
      const bool needed = emit || static_cast<int>(i) == st.instant_column ||
                          static_cast<int>(i) == st.deleted_column;
      if (!needed) continue;
      new_index[i] = static_cast<int>(read.columns.size());
      read.columns.push_back(c);
      st.emit.push_back(emit);
    }
    for (int k : t.primary_key) read.primary_key.push_back(new_index[k]);
    if (st.instant_column >= 0) st.instant_column = new_index[st.instant_column];
    if (st.deleted_column >= 0) st.deleted_column = new_index[st.deleted_column];
    st.table = std::move(read);
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace ehi::sync
