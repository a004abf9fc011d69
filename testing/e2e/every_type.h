// A table with a column of every SQL Server type the connector maps, its
// expected SDK declaration, and a row of edge values with their expected
// domain values. Shared by the emulator integration test and the live SQL
// Server test so both check exactly the same things.
#ifndef EHI_TESTING_E2E_EVERY_TYPE_H_
#define EHI_TESTING_E2E_EVERY_TYPE_H_

#include <string>
#include <vector>

#include "connector/sqlserver/connection.h"
#include "connector/type_mapping.h"

namespace ehi::e2e {

struct ExpectedColumn {
  std::string name;
  std::string declaration;  // T-SQL type as written in CREATE TABLE
  DataType type;
  bool primary_key = false;
  int precision = -1;  // DECIMAL params when >= 0
  int scale = -1;
  int string_byte_length = -1;  // when >= 0
};

const std::vector<ExpectedColumn>& EveryTypeColumns();

// CREATE TABLE <qualified_name> (...) with a composite primary key.
std::string EveryTypeCreateSql(const std::string& qualified_name);
// INSERT of row 1 (edge values) and row 2 (NULL in every nullable column).
std::string EveryTypeInsertSql(const std::string& qualified_name);

// Reads both rows back through the access layer and returns a description
// of every mismatch (empty when all values are exactly as expected).
std::vector<std::string> CheckEveryTypeValues(sqlserver::Connection& conn,
                                              const std::string& qualified_name);

}  // namespace ehi::e2e

#endif  // EHI_TESTING_E2E_EVERY_TYPE_H_
