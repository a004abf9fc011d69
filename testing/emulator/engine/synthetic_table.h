// Synthetic tables: a SQLite virtual table (module "ehi_synthetic") whose
// rows are computed from the key, so a table of 1,000,000,000 rows costs no
// disk and reads any key range directly.
//
//   EXEC emulator.create_synthetic_table 'dbo', 'FlowsheetValueFactHuge', 1000000000
//
// Shape (10 columns, key 1..N, clustered primary key on FlowsheetValueKey):
//   FlowsheetValueKey bigint, PatientDurableKey bigint, EncounterKey bigint,
//   FlowsheetRowKey int, Value nvarchar(50), NumericValue decimal(18,4),
//   TakenInstant datetime2(7), IsAbnormal bit, _LastUpdatedInstant
//   datetime2(7), _IsDeleted bit.
// Every value is a pure function of the key (see SyntheticRow), the catalog
// reports N rows, and `WHERE FlowsheetValueKey > x ORDER BY
// FlowsheetValueKey` starts at x+1 without scanning.
#ifndef EHI_TESTING_EMULATOR_ENGINE_SYNTHETIC_TABLE_H_
#define EHI_TESTING_EMULATOR_ENGINE_SYNTHETIC_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "testing/emulator/engine/catalog.h"

struct sqlite3;

namespace emulator {

int RegisterSyntheticModule(sqlite3* db);
std::vector<ColumnInfo> SyntheticColumns();
// CREATE VIRTUAL TABLE statement for `table` (its SqliteName and row count).
std::string SyntheticCreateSql(const TableInfo& table);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SYNTHETIC_TABLE_H_
