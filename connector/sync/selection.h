// Which tables and columns a sync reads: the orchestrator's
// UpdateRequest.selection (as a domain struct; server/ converts the proto)
// applied to the discovered catalog.
//
//   Selection sel;                       // absent → everything
//   std::vector<SelectedTable> tables = ApplySelection(catalog.tables, sel);
//
// Rules. A schema, table or column that the selection does not mention is
// "new": it is included when the enclosing include_new_schemas /
// include_new_tables / include_new_columns flag says so, and is announced
// with a SchemaChange before its first record. Primary-key columns are always
// read and sent (the destination needs them); _LastUpdatedInstant and
// _IsDeleted are always read (the engine needs them) but sent only when
// selected. A selection of kind "without schema" matches table names in any
// schema.
//
// Thread-safety: pure functions.
#ifndef EHI_CONNECTOR_SYNC_SELECTION_H_
#define EHI_CONNECTOR_SYNC_SELECTION_H_

#include <map>
#include <string>
#include <vector>

#include "connector/catalog.h"

namespace ehi::sync {

struct TableSelection {
  bool included = true;
  std::string table;
  std::map<std::string, bool> columns;
  bool include_new_columns = true;
};

struct SchemaSelection {
  bool included = true;
  std::string schema;
  std::vector<TableSelection> tables;
  bool include_new_tables = true;
};

struct Selection {
  bool present = false;     // false: no selection → everything
  bool with_schema = true;  // false: `schemas` has one entry, any schema
  std::vector<SchemaSelection> schemas;
  bool include_new_schemas = true;
};

struct SelectedTable {
  TableInfo table;          // every column the engine reads (catalog order)
  std::vector<bool> emit;   // parallel to table.columns: sent in records
  int instant_column = -1;  // index of _LastUpdatedInstant, -1 if none
  int deleted_column = -1;  // index of _IsDeleted, -1 if none
  bool is_new = false;      // table not in the selection
  bool has_new_columns = false;
  // The table as announced to the destination: emitted columns only.
  TableInfo Announced() const;
};

// Finds Caboodle's change columns (case-insensitive).
int FindColumnIndex(const TableInfo& table, const char* name);

std::vector<SelectedTable> ApplySelection(const std::vector<TableInfo>& tables,
                                          const Selection& selection);

}  // namespace ehi::sync

#endif  // EHI_CONNECTOR_SYNC_SELECTION_H_
