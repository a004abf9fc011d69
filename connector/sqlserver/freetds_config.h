// FreeTDS 1.3.17 can only be told about TLS (encryption, CA file, host name
// check) through a freetds.conf file. This module keeps one private file in a
// private temporary directory (mode 0700), points FREETDSCONF at it once, and
// adds one section per distinct set of connection settings; connections open
// that section by name. The user's own ~/.freetds.conf and
// /etc/freetds/freetds.conf are never read or changed for our connections
// (FreeTDS stops at the first file that has the section).
//
//   EHI_ASSIGN_OR_RETURN(std::string section,
//                        FreeTdsConfig::Instance().SectionFor(settings));
//   dbopen(login, section.c_str());
//
// Thread-safe: sections are added under a mutex and the file is replaced
// atomically (write + rename), so a concurrent dbopen sees a complete file.
#ifndef EHI_CONNECTOR_SQLSERVER_FREETDS_CONFIG_H_
#define EHI_CONNECTOR_SQLSERVER_FREETDS_CONFIG_H_

#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "connector/sqlserver/connection_settings.h"

namespace ehi::sqlserver {

// The section text for `settings` (pure; exposed for tests). `ca_file` is the
// path of the CA bundle to verify with, empty for none.
std::string RenderSection(const std::string& name, const ConnectionSettings& settings,
                          const std::string& ca_file, int poll_seconds);

class FreeTdsConfig {
 public:
  static FreeTdsConfig& Instance();

  // Creates the directory and sets FREETDSCONF. Call before threads start.
  absl::Status Initialize();

  // Returns the section name to pass to dbopen for these settings.
  absl::StatusOr<std::string> SectionFor(const ConnectionSettings& settings);

  std::string directory() const;

  // DB-Library's wait granularity: the server-wait timeout fires this often
  // so that cancellation and our own query deadline are checked.
  static constexpr int kPollSeconds = 1;

 private:
  FreeTdsConfig() = default;
  absl::StatusOr<std::string> CaFileFor(const ConnectionSettings& settings)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status WriteFile() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::string dir_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> sections_ ABSL_GUARDED_BY(mu_);  // name → text
};

}  // namespace ehi::sqlserver

#endif  // EHI_CONNECTOR_SQLSERVER_FREETDS_CONFIG_H_
