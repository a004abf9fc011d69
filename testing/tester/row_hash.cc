#include "testing/tester/row_hash.h"

#include <openssl/evp.h>

#include <cstdint>

namespace tester {

std::string RowHash(const std::vector<std::string>& column_names,
                    const google::protobuf::Map<std::string, fivetran_sdk::v2::ValueType>& data) {
  std::string canonical;
  for (const std::string& name : column_names) {
    canonical.append(name);
    canonical.push_back('\0');
    auto it = data.find(name);
    if (it == data.end() || it->second.inner_case() == fivetran_sdk::v2::ValueType::kNull ||
        it->second.inner_case() == fivetran_sdk::v2::ValueType::INNER_NOT_SET) {
      canonical.append("N");
    } else {
      std::string value = it->second.SerializeAsString();
      canonical.append(std::to_string(value.size()));
      canonical.push_back(':');
      canonical.append(value);
    }
    canonical.push_back('\0');
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(canonical.data(), canonical.size(), digest, &length, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

}  // namespace tester
