#include "connector/form.h"
#include "server/handlers.h"
#include "server/proto_convert.h"

namespace ehi::server {

absl::Status HandleConfigurationForm(fivetran_sdk::v2::ConfigurationFormResponse* response) {
  FillConfigurationForm(ConnectorForm(), response);
  return absl::OkStatus();
}

}  // namespace ehi::server
