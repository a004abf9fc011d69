// Process-wide setup of the driver the connector reads the source with
// (FreeTDS DB-Library, see sqlserver/connection.h), so that main() prepares
// it without knowing which driver it is.
//
//   if (absl::Status s = InitializeSourceDriver(); !s.ok()) { log; return 1; }
//
// Opening a connection initialises the driver too; calling this early, before
// any other thread starts, matters because the setup sets an environment
// variable (the private freetds.conf) and fails fast on a broken install.
// Idempotent and thread-safe.
#ifndef EHI_CONNECTOR_SOURCE_DRIVER_H_
#define EHI_CONNECTOR_SOURCE_DRIVER_H_

#include "absl/status/status.h"

namespace ehi {

absl::Status InitializeSourceDriver();

}  // namespace ehi

#endif  // EHI_CONNECTOR_SOURCE_DRIVER_H_
