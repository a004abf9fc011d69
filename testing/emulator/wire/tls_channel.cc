#include "testing/emulator/wire/tls_channel.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "absl/strings/str_cat.h"

namespace emulator {
namespace {

std::string OpenSslErrors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {  // NOLINT(runtime/int)
    char buf[256];
    ERR_error_string_n(code, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

}  // namespace

absl::StatusOr<std::shared_ptr<TlsContext>> TlsContext::Create(const std::string& cert_path,
                                                               const std::string& key_path) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) return absl::InternalError("SSL_CTX_new: " + OpenSslErrors());
  std::shared_ptr<TlsContext> owner(new TlsContext(ctx));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot load TLS certificate ", cert_path, ": ", OpenSslErrors()));
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), SSL_FILETYPE_PEM) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot load TLS key ", key_path, ": ", OpenSslErrors()));
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return absl::InvalidArgumentError("TLS key does not match the certificate");
  }
  return owner;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

absl::StatusOr<std::unique_ptr<TlsChannel>> TlsChannel::Create(const TlsContext& context) {
  SSL* ssl = SSL_new(context.get());
  if (ssl == nullptr) return absl::InternalError("SSL_new: " + OpenSslErrors());
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  if (in == nullptr || out == nullptr) {
    BIO_free(in);
    BIO_free(out);
    SSL_free(ssl);
    return absl::InternalError("BIO_new failed");
  }
  // An empty memory BIO reports "retry" rather than EOF.
  BIO_set_mem_eof_return(in, -1);
  BIO_set_mem_eof_return(out, -1);
  SSL_set_bio(ssl, in, out);
  SSL_set_accept_state(ssl);
  return std::unique_ptr<TlsChannel>(new TlsChannel(ssl, in, out));
}

TlsChannel::~TlsChannel() { SSL_free(ssl_); }

void TlsChannel::DrainOutput(std::string* out) {
  char buf[16384];
  int n;
  while ((n = BIO_read(out_, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
}

absl::StatusOr<bool> TlsChannel::Handshake(std::string_view in, std::string* out) {
  if (!in.empty() && BIO_write(in_, in.data(), static_cast<int>(in.size())) <= 0) {
    return absl::InternalError("BIO_write failed");
  }
  ERR_clear_error();
  const int rc = SSL_do_handshake(ssl_);
  DrainOutput(out);
  if (rc == 1) return true;
  const int err = SSL_get_error(ssl_, rc);
  if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return false;
  return absl::UnavailableError("TLS handshake failed: " + OpenSslErrors());
}

void TlsChannel::FeedCiphertext(std::string_view in) {
  if (!in.empty()) BIO_write(in_, in.data(), static_cast<int>(in.size()));
}

absl::Status TlsChannel::ReadPlaintext(std::string* out) {
  char buf[16384];
  while (true) {
    ERR_clear_error();
    const int n = SSL_read(ssl_, buf, sizeof(buf));
    if (n > 0) {
      out->append(buf, static_cast<size_t>(n));
      continue;
    }
    const int err = SSL_get_error(ssl_, n);
    if (err == SSL_ERROR_WANT_READ) return absl::OkStatus();
    if (err == SSL_ERROR_ZERO_RETURN)
      return absl::UnavailableError("client closed the TLS session");
    return absl::UnavailableError("TLS read failed: " + OpenSslErrors());
  }
}

absl::Status TlsChannel::Encrypt(std::string_view plain, std::string* out) {
  size_t done = 0;
  while (done < plain.size()) {
    ERR_clear_error();
    const size_t chunk = plain.size() - done > (1u << 30) ? (1u << 30) : plain.size() - done;
    const int n = SSL_write(ssl_, plain.data() + done, static_cast<int>(chunk));
    if (n <= 0) return absl::UnavailableError("TLS write failed: " + OpenSslErrors());
    done += static_cast<size_t>(n);
    DrainOutput(out);
  }
  return absl::OkStatus();
}

}  // namespace emulator
