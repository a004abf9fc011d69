#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "connector/config.h"
#include "connector/connection_tests.h"
#include "server/handlers.h"
#include "server/request_prologue.h"

namespace ehi::server {

absl::Status HandleTest(const fivetran_sdk::v2::TestRequest& request,
                        fivetran_sdk::v2::TestResponse* response) {
  EHI_ASSIGN_OR_RETURN(Config config, BeginRequest(request.configuration()));
  EHI_ASSIGN_OR_RETURN(TestOutcome outcome, RunConnectionTest(request.name(), config));
  if (outcome.success) {
    response->set_success(true);
  } else {
    response->set_failure(outcome.message);
  }
  return absl::OkStatus();
}

}  // namespace ehi::server
