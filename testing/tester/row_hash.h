// The `_fivetran_id` of a row in a table without a primary key: a hash of
// the row's values, so the same row sent twice lands once and a DELETE that
// carries the full row finds it. MD5 (as Fivetran uses), hex-encoded, over
// each column's name and serialized value in the order given; a missing
// column and an explicit NULL hash alike.
#ifndef EHI_TESTING_TESTER_ROW_HASH_H_
#define EHI_TESTING_TESTER_ROW_HASH_H_

#include <string>
#include <vector>

#include "common.pb.h"
#include "google/protobuf/map.h"

namespace tester {

std::string RowHash(const std::vector<std::string>& column_names,
                    const google::protobuf::Map<std::string, fivetran_sdk::v2::ValueType>& data);

}  // namespace tester

#endif  // EHI_TESTING_TESTER_ROW_HASH_H_
