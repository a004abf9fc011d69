#include "absl/strings/str_cat.h"
#include "common/logger.h"
#include "common/status_macros.h"
#include "connector/catalog.h"
#include "connector/config.h"
#include "connector/sync/validation.h"
#include "server/handlers.h"
#include "server/proto_convert.h"
#include "server/request_prologue.h"

namespace ehi::server {

absl::Status HandleSchema(const fivetran_sdk::v2::SchemaRequest& request,
                          fivetran_sdk::v2::SchemaResponse* response) {
  EHI_ASSIGN_OR_RETURN(Config config, BeginRequest(request.configuration()));
  EHI_ASSIGN_OR_RETURN(Catalog catalog, DiscoverCatalog(config));
  for (const std::string& warning : catalog.warnings) LogWarning(warning);
  // The sync engine's VALIDATION table is part of every schema.
  catalog.tables.push_back(sync::ValidationTableInfo());
  FillSchemaList(catalog, response->mutable_with_schema());
  response->set_selection_not_supported(false);
  size_t columns = 0;
  for (const TableInfo& t : catalog.tables) columns += t.columns.size();
  LogInfo(absl::StrCat("Schema: ", response->with_schema().schemas_size(), " schemas, ",
                       catalog.tables.size(), " tables, ", columns, " columns"));
  return absl::OkStatus();
}

}  // namespace ehi::server
