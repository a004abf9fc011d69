#include "connector/source_driver.h"

#include "connector/sqlserver/connection.h"

namespace ehi {

absl::Status InitializeSourceDriver() { return sqlserver::InitializeDbLibrary(); }

}  // namespace ehi
