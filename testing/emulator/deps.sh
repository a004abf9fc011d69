#!/usr/bin/env bash
# Installs the Node.js packages of the emulator's tests (tedious, pinned by
# tests/node/package-lock.json) into tests/node/node_modules (git-ignored).
# Idempotent: does nothing when the installed tree matches the lock file.
# Called by scripts/deps.sh test; needs npm.
set -euo pipefail
cd "$(dirname "$0")/tests/node"
if ! command -v npm >/dev/null 2>&1; then
  echo "emulator deps: npm is not installed; skipping tedious" >&2
  exit 0
fi
# npm ci records the installed tree in node_modules/.package-lock.json.
if [ -f node_modules/.package-lock.json ] && [ -d node_modules/tedious ] &&
   [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
echo "emulator deps: npm ci (tedious)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
