// Conversions between the SDK's generated messages and the domain. The only
// place (with the handlers) that knows both sides.
#ifndef EHI_SERVER_PROTO_CONVERT_H_
#define EHI_SERVER_PROTO_CONVERT_H_

#include <map>
#include <string>

#include "common.pb.h"
#include "connector/catalog.h"
#include "connector/form.h"
#include "connector/type_mapping.h"
#include "connector_sdk.pb.h"
#include "google/protobuf/map.h"

namespace ehi::server {

std::map<std::string, std::string> ToConfigMap(
    const google::protobuf::Map<std::string, std::string>& configuration);

void FillConfigurationForm(const FormSpec& form, fivetran_sdk::v2::ConfigurationFormResponse* out);

fivetran_sdk::v2::DataType ToProtoDataType(DataType type);

// SchemaList with one Schema per schema holding tables (catalog order).
void FillSchemaList(const Catalog& catalog, fivetran_sdk::v2::SchemaList* out);

}  // namespace ehi::server

#endif  // EHI_SERVER_PROTO_CONVERT_H_
