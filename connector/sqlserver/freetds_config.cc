#include "connector/sqlserver/freetds_config.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "connector/sqlserver/errors.h"

namespace ehi::sqlserver {
namespace {

constexpr char kSystemCaBundle[] = "/etc/ssl/certs/ca-certificates.crt";

std::string EncryptionValue(EncryptionMode mode) {
  switch (mode) {
    case EncryptionMode::kRequired:
      return "require";
    case EncryptionMode::kPreferred:
      return "request";
    case EncryptionMode::kOff:
      return "off";
  }
  return "require";
}

void RemoveDirectory(const std::string& dir) {
  // Only files we created live here: freetds.conf, ca_*.pem, temporaries.
  if (dir.empty()) return;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      std::remove(absl::StrCat(dir, "/", name).c_str());
    }
    closedir(d);
  }
  rmdir(dir.c_str());
}

std::string* g_dir_for_cleanup = nullptr;

void CleanupAtExit() {
  if (g_dir_for_cleanup != nullptr) RemoveDirectory(*g_dir_for_cleanup);
}

}  // namespace

absl::string_view EncryptionModeName(EncryptionMode mode) {
  switch (mode) {
    case EncryptionMode::kRequired:
      return "required";
    case EncryptionMode::kPreferred:
      return "preferred";
    case EncryptionMode::kOff:
      return "off";
  }
  return "required";
}

std::string RenderSection(const std::string& name, const ConnectionSettings& s,
                          const std::string& ca_file, int poll_seconds) {
  std::string out = absl::StrCat("[", name, "]\n");
  absl::StrAppend(&out, "\thost = ", s.host, "\n");
  absl::StrAppend(&out, "\tport = ", s.port, "\n");
  absl::StrAppend(&out, "\ttds version = 7.4\n");
  absl::StrAppend(&out, "\tclient charset = UTF-8\n");
  absl::StrAppend(&out, "\ttext size = 2147483647\n");
  absl::StrAppend(&out, "\tencryption = ", EncryptionValue(s.encryption), "\n");
  if (!ca_file.empty()) {
    absl::StrAppend(&out, "\tca file = ", ca_file, "\n");
    // FreeTDS checks the name against `host`; when the certificate is issued
    // to another name (mssql_cert_server) that check cannot be expressed in
    // 1.3.17, so only the chain is verified.
    const bool same_name =
        s.certificate_host_name.empty() || absl::EqualsIgnoreCase(s.certificate_host_name, s.host);
    absl::StrAppend(&out, "\tcheck certificate hostname = ", same_name ? "yes" : "no", "\n");
  }
  const int64_t login_seconds = std::max<int64_t>(1, absl::ToInt64Seconds(s.login_timeout));
  absl::StrAppend(&out, "\tconnect timeout = ", login_seconds, "\n");
  absl::StrAppend(&out, "\ttimeout = ", poll_seconds, "\n");
  return out;
}

FreeTdsConfig& FreeTdsConfig::Instance() {
  static FreeTdsConfig* const instance = new FreeTdsConfig();
  return *instance;
}

absl::Status FreeTdsConfig::Initialize() {
  absl::MutexLock lock(&mu_);
  if (!dir_.empty()) return absl::OkStatus();
  const char* tmp = std::getenv("TMPDIR");
  std::string templ =
      absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/ehi-connector-freetds-XXXXXX");
  if (mkdtemp(templ.data()) == nullptr) {
    return absl::InternalError(absl::StrCat(
        "cannot create a private directory for FreeTDS settings: ", std::strerror(errno)));
  }
  chmod(templ.c_str(), 0700);
  dir_ = templ;
  g_dir_for_cleanup = new std::string(dir_);
  std::atexit(CleanupAtExit);
  absl::Status written = WriteFile();
  if (!written.ok()) return written;
  setenv("FREETDSCONF", absl::StrCat(dir_, "/freetds.conf").c_str(), 1);
  return absl::OkStatus();
}

std::string FreeTdsConfig::directory() const {
  absl::MutexLock lock(&mu_);
  return dir_;
}

absl::StatusOr<std::string> FreeTdsConfig::CaFileFor(const ConnectionSettings& s) {
  if (s.encryption == EncryptionMode::kOff || s.trust_server_certificate) return std::string();
  if (s.ca_certificate.empty()) {
    if (access(kSystemCaBundle, R_OK) != 0) {
      return MakeSqlError(0, ErrorClass::kUserAction, absl::StatusCode::kFailedPrecondition,
                          absl::StrCat("no CA certificate configured ('cert') and the system CA "
                                       "bundle ",
                                       kSystemCaBundle, " is not readable"));
    }
    return std::string(kSystemCaBundle);
  }
  std::string pem;
  if (absl::StrContains(s.ca_certificate, "-----BEGIN")) {
    pem = s.ca_certificate;
  } else {
    std::ifstream in(s.ca_certificate, std::ios::binary);
    if (!in) {
      return MakeSqlError(0, ErrorClass::kUserAction, absl::StatusCode::kFailedPrecondition,
                          "the CA certificate file named by 'cert' cannot be read (check the "
                          "path and its permissions)");
    }
    std::ostringstream content;
    content << in.rdbuf();
    pem = content.str();
    if (!absl::StrContains(pem, "-----BEGIN CERTIFICATE-----")) {
      return MakeSqlError(0, ErrorClass::kUserAction, absl::StatusCode::kFailedPrecondition,
                          "the file named by 'cert' holds no PEM certificate");
    }
  }
  // Keep a private copy so the path in freetds.conf is always ours and safe.
  // The name is content-addressed, so an existing copy is already right. It
  // is never rewritten in place: other threads' logins may be reading it
  // (truncating it under a concurrent TLS handshake made the certificate
  // look untrusted to every parallel reader but the first).
  const std::string name =
      absl::StrFormat("ca_%016x.pem", static_cast<uint64_t>(absl::HashOf(pem)));
  const std::string path = absl::StrCat(dir_, "/", name);
  if (access(path.c_str(), R_OK) == 0) return path;
  const std::string tmp = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << pem;
    out.close();
    if (!out) return absl::InternalError("cannot write the private CA certificate copy");
  }
  chmod(tmp.c_str(), 0600);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot install the private CA certificate copy: ", std::strerror(errno)));
  }
  return path;
}

absl::StatusOr<std::string> FreeTdsConfig::SectionFor(const ConnectionSettings& s) {
  absl::MutexLock lock(&mu_);
  if (dir_.empty()) return absl::FailedPreconditionError("FreeTDS settings not initialised");
  absl::StatusOr<std::string> ca_file = CaFileFor(s);
  if (!ca_file.ok()) return ca_file.status();
  // The name depends on everything written into the section.
  const std::string body_probe = RenderSection("x", s, *ca_file, kPollSeconds);
  const std::string name =
      absl::StrFormat("ehi_%016x", static_cast<uint64_t>(absl::HashOf(body_probe)));
  if (sections_.count(name) == 0) {
    sections_[name] = RenderSection(name, s, *ca_file, kPollSeconds);
    absl::Status written = WriteFile();
    if (!written.ok()) {
      sections_.erase(name);
      return written;
    }
  }
  return name;
}

absl::Status FreeTdsConfig::WriteFile() {
  const std::string tmp = absl::StrCat(dir_, "/freetds.conf.tmp");
  const std::string final_path = absl::StrCat(dir_, "/freetds.conf");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# Written by ehi-connector for its own connections only.\n";
    for (const auto& [name, text] : sections_) out << text;
    out.close();
    if (!out) return absl::InternalError("cannot write the private freetds.conf");
  }
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot replace the private freetds.conf: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace ehi::sqlserver
