// SDK v2 data types to DuckDB column types, as Fivetran maps them:
//
//   BOOLEAN -> BOOLEAN          SHORT -> SMALLINT      INT -> INTEGER
//   LONG -> BIGINT              FLOAT -> FLOAT         DOUBLE -> DOUBLE
//   DECIMAL(p,s) -> DECIMAL(p,s) for 1 <= p <= 38 (no params: DECIMAL(38,10);
//                   p > 38 does not fit DuckDB and becomes VARCHAR, exact)
//   NAIVE_DATE -> DATE          NAIVE_TIME -> TIME
//   NAIVE_DATETIME -> TIMESTAMP UTC_DATETIME -> TIMESTAMPTZ
//   BINARY -> BLOB              STRING, XML, JSON, UNSPECIFIED -> VARCHAR
#ifndef EHI_TESTING_TESTER_TYPE_MAPPING_H_
#define EHI_TESTING_TESTER_TYPE_MAPPING_H_

#include <string>

#include "common.pb.h"

namespace tester {

std::string DuckDbType(const fivetran_sdk::v2::Column& column);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_TYPE_MAPPING_H_
