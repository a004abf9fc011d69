#!/usr/bin/env bash
# Fivetran's C++ partner pipeline takes the one executable in build/Release/.
# Fails unless that folder holds exactly one executable, ehi-connector.
set -euo pipefail
dir=${1:-build/Release}
mapfile -t exes < <(find "$dir" -maxdepth 1 -type f -perm -u+x ! -name '*.so*' -printf '%f\n')
if [ "${#exes[@]}" -ne 1 ] || [ "${exes[0]}" != ehi-connector ]; then
  echo "check-release-dir: expected only ehi-connector in $dir, found: ${exes[*]:-nothing}" >&2
  exit 1
fi
echo "check-release-dir: $dir holds exactly one executable, ehi-connector"
