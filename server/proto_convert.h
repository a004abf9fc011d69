// Conversions between the SDK's generated messages and the domain. The only
// place (with the handlers) that knows both sides.
#ifndef EHI_SERVER_PROTO_CONVERT_H_
#define EHI_SERVER_PROTO_CONVERT_H_

#include <map>
#include <string>

#include "common.pb.h"
#include "connector/catalog.h"
#include "connector/form.h"
#include "connector/sync/selection.h"
#include "connector/sync/update_sink.h"
#include "connector/type_mapping.h"
#include "connector/value.h"
#include "connector_sdk.pb.h"
#include "google/protobuf/map.h"

namespace ehi::server {

std::map<std::string, std::string> ToConfigMap(
    const google::protobuf::Map<std::string, std::string>& configuration);

void FillConfigurationForm(const FormSpec& form, fivetran_sdk::v2::ConfigurationFormResponse* out);

fivetran_sdk::v2::DataType ToProtoDataType(DataType type);

// SchemaList with one Schema per schema holding tables (catalog order).
void FillSchemaList(const Catalog& catalog, fivetran_sdk::v2::SchemaList* out);

// Domain value → SDK value (NULL → `null: true`).
void ToProtoValue(const Value& value, fivetran_sdk::v2::ValueType* out);
void ToProtoRecord(const sync::Record& record, fivetran_sdk::v2::Record* out);
// UpdateRequest.selection → domain selection (absent → everything).
sync::Selection FromProtoSelection(const fivetran_sdk::v2::UpdateRequest& request);

}  // namespace ehi::server

#endif  // EHI_SERVER_PROTO_CONVERT_H_
