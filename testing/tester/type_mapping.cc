#include "testing/tester/type_mapping.h"

#include "absl/strings/str_cat.h"

namespace tester {

namespace v2 = ::fivetran_sdk::v2;

std::string DuckDbType(const v2::Column& column) {
  switch (column.type()) {
    case v2::BOOLEAN:
      return "BOOLEAN";
    case v2::SHORT:
      return "SMALLINT";
    case v2::INT:
      return "INTEGER";
    case v2::LONG:
      return "BIGINT";
    case v2::FLOAT:
      return "FLOAT";
    case v2::DOUBLE:
      return "DOUBLE";
    case v2::DECIMAL: {
      if (!column.has_params() || !column.params().has_decimal()) {
        return "DECIMAL(38,10)";
      }
      uint32_t precision = column.params().decimal().precision();
      uint32_t scale = column.params().decimal().scale();
      if (precision == 0 || precision > 38) return "VARCHAR";
      if (scale > precision) scale = precision;
      return absl::StrCat("DECIMAL(", precision, ",", scale, ")");
    }
    case v2::NAIVE_DATE:
      return "DATE";
    case v2::NAIVE_TIME:
      return "TIME";
    case v2::NAIVE_DATETIME:
      return "TIMESTAMP";
    case v2::UTC_DATETIME:
      return "TIMESTAMPTZ";
    case v2::BINARY:
      return "BLOB";
    case v2::STRING:
    case v2::XML:
    case v2::JSON:
    case v2::UNSPECIFIED:
    default:
      return "VARCHAR";
  }
}

}  // namespace tester
