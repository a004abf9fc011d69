#!/usr/bin/env bash
# Checks that #include lines respect the project's layering; prints one
# "file:line: rule" per forbidden include and exits 1 if there is any.
# Reads the C and C++ files git tracks (their working-tree contents).
#
#   scripts/check-includes.sh        # from the repository root
#
# Who must not include what:
#   server/               connector/sqlserver/ (the domain's entry points suffice)
#   connector/            gRPC (grpcpp/, grpc/), generated protos (*.pb.h), server/, testing/
#   connector/sqlserver/  connector/ outside connector/sqlserver/, except connector/value.h
#   testing/emulator/     connector/, server/ (a stand-in for SQL Server, not for us)
#   testing/tester/       connector/, server/ (a client of the SDK, like the orchestrator)
#   common/               anything of the project outside common/
set -euo pipefail

if [[ ! -d .git && ! -f .git ]]; then
  echo "check-includes: run from the repository root" >&2
  exit 2
fi

# Top-level folders of the repository: an include starting with one of them
# is the project's own (for the common/ rule).
project_dirs=$(git ls-files | awk -F/ 'NF > 1 { print $1 }' | sort -u | tr '\n' ' ')

{ git ls-files -z -- '*.h' '*.hh' '*.hpp' '*.c' '*.cc' '*.cpp' |
  xargs -0 grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' -- || true; } |
  awk -v dirs="${project_dirs}" '
    function under(path, dir) { return index(path, dir) == 1 }
    function report(rule) {
      printf "%s:%s: %s (#include %s)\n", file, line, rule, spelled
      bad++
    }
    BEGIN { n = split(dirs, d, " "); for (i = 1; i <= n; i++) project[d[i]] = 1 }
    {
      # file:line:text (no colons in our paths)
      file = $0; sub(/:.*/, "", file)
      rest = substr($0, length(file) + 2)
      line = rest; sub(/:.*/, "", line)
      text = substr(rest, length(line) + 2)
      if (!match(text, /[<"][^>"]+[>"]/)) next
      spelled = substr(text, RSTART, RLENGTH)
      inc = substr(spelled, 2, RLENGTH - 2)
      top = inc; sub(/\/.*/, "", top)
      generated = inc ~ /\.pb\.h$/

      if (under(file, "server/") && under(inc, "connector/sqlserver/"))
        report("server/ must not include connector/sqlserver/")
      if (under(file, "connector/")) {
        if (under(inc, "grpcpp/") || under(inc, "grpc/") || generated)
          report("connector/ must not include gRPC or generated protos")
        if (under(inc, "server/")) report("connector/ must not include server/")
        if (under(inc, "testing/")) report("connector/ must not include testing/")
      }
      if (under(file, "connector/sqlserver/") && under(inc, "connector/") &&
          !under(inc, "connector/sqlserver/") && inc != "connector/value.h")
        report("connector/sqlserver/ must not include connector/ outside it except connector/value.h")
      if (under(file, "testing/emulator/") && (under(inc, "connector/") || under(inc, "server/")))
        report("testing/emulator/ must not include connector/ or server/")
      if (under(file, "testing/tester/") && (under(inc, "connector/") || under(inc, "server/")))
        report("testing/tester/ must not include connector/ or server/")
      if (under(file, "common/") && ((top in project && top != "common") || generated))
        report("common/ must not include the project outside common/")
    }
    END {
      if (bad) {
        printf "check-includes: %d forbidden include(s)\n", bad > "/dev/stderr"
        exit 1
      }
    }'
