#!/usr/bin/env bash
# Installs what the project needs on Debian bookworm, as root. Idempotent:
# packages already present are not reinstalled and apt's lists are refreshed
# only when something is missing.
#
#   scripts/deps.sh build     compilers and libraries for the connector
#   scripts/deps.sh test      the above plus test tools (GoogleTest, SQLite,
#                             freetds-bin, Node.js for the tedious client,
#                             DuckDB for the tester)
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(
  cmake ninja-build make pkg-config clang-16 g++
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev freetds-dev nlohmann-json3-dev libssl-dev ca-certificates
)
test_packages=(
  libgtest-dev libgmock-dev libsqlite3-dev sqlite3 freetds-bin openssl
  clang-format-16 libclang-rt-16-dev curl
)

missing=()
want=("${build_packages[@]}")
[ "${1:-build}" = test ] && want+=("${test_packages[@]}")
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm: any installed node >= 18 will do (the image may carry a
# newer one than Debian's); otherwise Debian's packages.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-build}" = test ]; then
  for script in testing/*/deps.sh; do
    [ -x "$script" ] && "$script"
  done
fi
exit 0
