#!/usr/bin/env bash
# Fetches DuckDB's C API (header and shared library) for connector-tester into
# the git-ignored third_party/duckdb/, from the npm registry:
#   duckdb@<v>                          sources; src/duckdb/src/include/duckdb.h
#   @duckdb/node-bindings-linux-x64@<v>-r.<n>   the prebuilt libduckdb.so
# Each tarball is checked against the registry's dist.integrity (sha512)
# before it is unpacked. Idempotent: nothing is downloaded when the folder
# already holds this version. Debian has no DuckDB package, hence npm.
#
#   testing/tester/deps.sh           install (or confirm) the pinned version
#   DUCKDB_DIR=/opt/duckdb testing/tester/deps.sh   install elsewhere
set -euo pipefail
cd "$(dirname "$0")/../.."

duckdb_version=1.4.4          # the 1.4 LTS line
bindings_version=1.4.4-r.4    # the node bindings' build of the same DuckDB
dest=${DUCKDB_DIR:-third_party/duckdb}
stamp="$dest/VERSION"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$duckdb_version" ] &&
  [ -f "$dest/include/duckdb.h" ] && [ -f "$dest/lib/libduckdb.so" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "tester/deps: npm is required (scripts/deps.sh test installs it)" >&2; exit 1; }
command -v node >/dev/null || { echo "tester/deps: node is required" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fetch <package@version>: downloads the tarball into $work and checks it
# against the registry's sha512 integrity; prints the tarball's path.
fetch() {
  local spec=$1 integrity file expected actual
  integrity=$(npm view "$spec" dist.integrity 2>/dev/null)
  case "$integrity" in
    sha512-*) ;;
    *) echo "tester/deps: no sha512 integrity for $spec in the registry (got '$integrity')" >&2; return 1 ;;
  esac
  file=$(cd "$work" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)
  [ -f "$work/$file" ] || { echo "tester/deps: npm pack $spec failed" >&2; return 1; }
  expected=${integrity#sha512-}
  actual=$(openssl dgst -sha512 -binary "$work/$file" | openssl base64 -A)
  if [ "$expected" != "$actual" ]; then
    echo "tester/deps: integrity mismatch for $spec: registry $expected, file $actual" >&2
    return 1
  fi
  echo "$work/$file"
}

echo "tester/deps: fetching DuckDB $duckdb_version from the npm registry"
src_tgz=$(fetch "duckdb@$duckdb_version")
lib_tgz=$(fetch "@duckdb/node-bindings-linux-x64@$bindings_version")

mkdir -p "$work/src" "$work/lib"
tar -xzf "$src_tgz" -C "$work/src" package/src/duckdb/src/include/duckdb.h package/LICENSE
tar -xzf "$lib_tgz" -C "$work/lib" package/libduckdb.so

rm -rf "$dest"
mkdir -p "$dest/include" "$dest/lib"
cp "$work/src/package/src/duckdb/src/include/duckdb.h" "$dest/include/duckdb.h"
cp "$work/src/package/LICENSE" "$dest/LICENSE"
cp "$work/lib/package/libduckdb.so" "$dest/lib/libduckdb.so"
echo "$duckdb_version" >"$stamp"

# The library must say it is the version the header came from.
cat >"$work/v.c" <<'C'
#include <stdio.h>
#include "duckdb.h"
int main(void) { puts(duckdb_library_version()); return 0; }
C
if command -v cc >/dev/null; then
  cc -I"$dest/include" "$work/v.c" -L"$dest/lib" -lduckdb -Wl,-rpath,"$PWD/$dest/lib" -o "$work/v"
  got=$("$work/v")
  if [ "$got" != "v$duckdb_version" ]; then
    rm -rf "$dest"
    echo "tester/deps: libduckdb.so reports $got, expected v$duckdb_version" >&2
    exit 1
  fi
fi
echo "tester/deps: DuckDB $duckdb_version installed in $dest"
