#!/usr/bin/env bash
# The end-to-end demo (./dev demo runs it after building):
#
#   testing/demo.sh <build dir>
#
#  1. makes a TLS certificate and starts mssql-emulator with the demo
#     dataset, encryption required;
#  2. starts ehi-connector on a free port;
#  3. writes configuration.json and runs connector-tester into a fresh data
#     folder: tests, schema, selection, full sync into warehouse.db;
#  4. shows row counts per table next to the VALIDATION counts the connector
#     reported, and a few rows;
#  5. changes source rows through SQL (tsql, a real FreeTDS client): updates,
#     soft deletes (_IsDeleted = 1) and inserts, each stamping
#     _LastUpdatedInstant = SYSUTCDATETIME();
#  6. runs connector-tester again: the incremental sync applies exactly those
#     changes, shown with before/after queries.
# Every process it starts is stopped on exit, whatever happens.
#
# Environment: DEMO_DIR (default <repo>/demo-data, wiped at start),
# DEMO_SCALE (emulator --scale, default 1), DEMO_TRUST_SERVER_CERTIFICATE
# (default false), DEMO_KEEP=1 (leave the servers running at the end until
# Enter is pressed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-}
if [ -z "$build" ]; then
  echo "usage: testing/demo.sh <build dir>   (./dev demo builds and runs it)" >&2
  exit 2
fi
build=$(cd "$build" && pwd)
demo=${DEMO_DIR:-$root/demo-data}
scale=${DEMO_SCALE:-1}
# The connector verifies the emulator's certificate against 'cert'; set
# DEMO_TRUST_SERVER_CERTIFICATE=true to encrypt without verifying.
trust=${DEMO_TRUST_SERVER_CERTIFICATE:-false}

emulator=$build/testing/emulator/mssql-emulator
# The connector lands at the build tree's root (as in build/Release/).
connector=$build/ehi-connector
[ -x "$connector" ] || [ ! -x "$build/server/ehi-connector" ] || connector=$build/server/ehi-connector
tester=$build/testing/tester/connector-tester

user=ehi_reader
password='Demo-Passw0rd!'
database=Caboodle

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() {
  echo "demo: FAILED: $*" >&2
  exit 1
}

for binary in "$emulator" "$connector" "$tester"; do
  [ -x "$binary" ] || fail "$binary is missing; build first (./dev demo does)"
done
for tool in openssl tsql; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh test installs it)"
done

pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ $status -ne 0 ]; then
    echo "demo: logs are in $demo (emulator.log, connector.log, sync-*.txt)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for <seconds> <description> <command...>: polls until the command
# succeeds; fails with the description otherwise.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.2
  done
}

alive() { kill -0 "$1" 2>/dev/null; }

# A TCP port nobody listens on (bash's /dev/tcp: a refused connect = free).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free TCP port found"
}

# query <sql>: the warehouse as a table; query_tsv <sql>: rows for scripts.
query() { "$tester" query --data-dir "$demo/warehouse" "$1"; }
query_tsv() { "$tester" query --data-dir "$demo/warehouse" --tsv "$1"; }

# tsql_run <sql>: runs a batch on the emulator through FreeTDS' tsql.
tsql_run() {
  printf '%s\ngo\nexit\n' "$1" |
    FREETDSCONF="$demo/freetds.conf" tsql -S demo -U "$user" -P "$password" -D "$database" -o q \
      >"$demo/tsql.out" 2>&1 ||
    true
  if grep -qE '^Msg [0-9]+|problem connecting|Login failed|[Ee]rror' "$demo/tsql.out"; then
    cat "$demo/tsql.out" >&2
    fail "SQL on the emulator failed: $1"
  fi
}

say "Preparing $demo"
rm -rf "$demo"
mkdir -p "$demo/warehouse"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$demo/key.pem" -out "$demo/cert.pem" >/dev/null 2>&1 ||
  fail "openssl could not make the demo certificate"
echo "TLS certificate for localhost: $demo/cert.pem"

say "Starting mssql-emulator (demo dataset, scale $scale, TLS required)"
"$emulator" --port 0 --data "$demo/source.sqlite" --database "$database" \
  --user "$user" --password "$password" --seed demo --scale "$scale" \
  --tls-cert "$demo/cert.pem" --tls-key "$demo/key.pem" --encryption required \
  >"$demo/emulator.out" 2>"$demo/emulator.log" &
pids+=($!)
emulator_pid=$!
# Its first stdout line is "listening on <port>".
emulator_listening() {
  alive "$emulator_pid" || {
    tail -n 20 "$demo/emulator.log" >&2
    fail "mssql-emulator exited at start (see $demo/emulator.log)"
  }
  head -n 1 "$demo/emulator.out" | grep -q '^listening on [0-9][0-9]*$'
}
wait_for 120 "mssql-emulator to print 'listening on <port>'" emulator_listening
emulator_port=$(head -n 1 "$demo/emulator.out" | sed 's/^listening on //')
echo "mssql-emulator listening on port $emulator_port"

cat >"$demo/freetds.conf" <<EOF
[demo]
	host = 127.0.0.1
	port = $emulator_port
	tds version = 7.4
	encryption = require
	ca file = $demo/cert.pem
	check certificate hostname = no
EOF

say "Starting ehi-connector"
connector_port=$(free_port)
"$connector" --port "$connector_port" >"$demo/connector.log" 2>&1 &
pids+=($!)
connector_pid=$!
connector_ready() {
  alive "$connector_pid" || {
    tail -n 20 "$demo/connector.log" >&2
    fail "ehi-connector exited at start (see $demo/connector.log)"
  }
  "$connector" --health-check --port "$connector_port" >/dev/null 2>&1
}
wait_for 30 "ehi-connector to be healthy on port $connector_port" connector_ready
echo "ehi-connector listening on port $connector_port"

cat >"$demo/warehouse/configuration.json" <<EOF
{
  "mssql_server": "localhost",
  "mssql_port": "$emulator_port",
  "mssql_database": "$database",
  "mssql_user": "$user",
  "mssql_password": "$password",
  "mssql_cert_server": "localhost",
  "cert": "$demo/cert.pem",
  "encryption": "required",
  "trust_server_certificate": "$trust"
}
EOF

# sync <n>: one connector-tester run, shown and kept as sync-<n>.txt.
sync() {
  local n=$1
  say "connector-tester, sync $n"
  if ! "$tester" --port "$connector_port" --data-dir "$demo/warehouse" 2>&1 | tee "$demo/sync-$n.txt"; then
    fail "sync $n failed (see $demo/sync-$n.txt and $demo/connector.log)"
  fi
  grep -q '^Sync SUCCEEDED$' "$demo/sync-$n.txt" || fail "sync $n did not succeed"
}

# The synced tables, as schema<TAB>table<TAB>source name.
tables_tsv() {
  query_tsv "SELECT schema_name, table_name, coalesce(comment, table_name) FROM duckdb_tables()
             WHERE database_name = 'warehouse' ORDER BY schema_name, table_name"
}

# Row counts per table (live and soft-deleted) next to the connector's
# VALIDATION counts of live source rows, latest per table.
show_counts() {
  local parts=() schema table source validation=""
  while IFS=$'\t' read -r schema table source; do
    [ -n "$table" ] || continue
    if [ "$table" = validation ]; then
      validation="\"$schema\".\"validation\""
      continue
    fi
    parts+=("SELECT '$source' AS source_table,
                    count(*) FILTER (WHERE NOT _fivetran_deleted) AS live_rows,
                    count(*) FILTER (WHERE _fivetran_deleted) AS deleted_rows
             FROM \"$schema\".\"$table\"")
  done < <(tables_tsv)
  [ ${#parts[@]} -gt 0 ] || fail "the warehouse has no tables"
  local counts
  counts=$(printf '%s UNION ALL ' "${parts[@]}")
  counts=${counts% UNION ALL }
  if [ -n "$validation" ]; then
    query "WITH counts AS ($counts),
                v AS (SELECT tablename, arg_max(\"count\", \"datetime\") AS validation_count
                      FROM $validation GROUP BY tablename)
           SELECT c.source_table, c.live_rows, c.deleted_rows, v.validation_count,
                  CASE WHEN v.validation_count IS NULL THEN '?'
                       WHEN v.validation_count = c.live_rows THEN 'ok' ELSE 'DIFFERENT' END AS matches
           FROM counts c LEFT JOIN v
             ON lower(v.tablename) = lower(c.source_table)
             OR lower(v.tablename) = lower(split_part(c.source_table, '.', -1))
           ORDER BY c.source_table"
  else
    echo "(no VALIDATION table in the warehouse: counts only)"
    query "$counts ORDER BY source_table"
  fi
}

sync 1
say "Warehouse after sync 1: rows per table vs the connector's VALIDATION counts"
show_counts

# Pick the table to change: one with _IsDeleted, _LastUpdatedInstant and a
# one-column integer primary key, with at least 6 live rows. The comments
# the tester writes hold the source names.
pick=$(query_tsv "
  WITH t AS (SELECT schema_name, table_name, comment FROM duckdb_tables()
             WHERE database_name = 'warehouse' AND table_name <> 'validation'),
       k AS (SELECT schema_name, table_name, constraint_column_names[1] AS key_column
             FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'
               AND len(constraint_column_names) = 1),
       c AS (SELECT schema_name, table_name, column_name, comment, data_type FROM duckdb_columns())
  SELECT t.schema_name, t.table_name, t.comment, k.key_column, kc.comment
  FROM t JOIN k USING (schema_name, table_name)
         JOIN c kc ON kc.schema_name = t.schema_name AND kc.table_name = t.table_name
                  AND kc.column_name = k.key_column
  WHERE kc.data_type IN ('INTEGER', 'BIGINT', 'SMALLINT')
    AND EXISTS (SELECT 1 FROM c WHERE c.schema_name = t.schema_name AND c.table_name = t.table_name
                AND c.column_name = '_is_deleted')
    AND EXISTS (SELECT 1 FROM c WHERE c.schema_name = t.schema_name AND c.table_name = t.table_name
                AND c.column_name = '_last_updated_instant')
  ORDER BY (t.table_name ILIKE '%patient%') DESC, t.table_name
  LIMIT 1")
IFS=$'\t' read -r dschema dtable source_table dkey source_key <<<"$pick"
[ -n "${dtable:-}" ] || fail "no table with _IsDeleted, _LastUpdatedInstant and an integer key"
source_schema=${source_table%%.*}
source_name=${source_table#*.}
target="[$source_schema].[$source_name]"
dest="\"$dschema\".\"$dtable\""
mapfile -t keys < <(query_tsv "SELECT \"$dkey\" FROM $dest WHERE NOT _fivetran_deleted ORDER BY \"$dkey\" LIMIT 4")
[ ${#keys[@]} -eq 4 ] || fail "$source_table has fewer than 4 live rows"
new_key=$(query_tsv "SELECT max(\"$dkey\") + 1000 FROM $dest")

# A VARCHAR column (not a system one) to show an update of values, a name
# column when there is one; the value is short to fit narrow columns.
text_pick=$(query_tsv "SELECT column_name, comment FROM duckdb_columns()
                       WHERE schema_name = '$dschema' AND table_name = '$dtable'
                         AND data_type = 'VARCHAR' AND column_name NOT LIKE '\\_%' ESCAPE '\\'
                       ORDER BY (column_name ILIKE '%name%') DESC, column_index LIMIT 1")
IFS=$'\t' read -r dtext source_text <<<"$text_pick"

# The INSERT copies the first live row under a new key, each value written
# as a T-SQL literal by DuckDB itself.
values=()
columns=()
while IFS=$'\t' read -r column comment type; do
  [ -n "$column" ] || continue
  case "$column" in
    _fivetran_*) continue ;;
  esac
  # Binary columns are left out: rowversion cannot be inserted.
  [ "$type" = BLOB ] && continue
  columns+=("[$comment]")
  if [ "$column" = "$dkey" ]; then
    values+=("'$new_key'")
  elif [ "$column" = _last_updated_instant ]; then
    values+=("'SYSUTCDATETIME()'")
  elif [ "$column" = _is_deleted ]; then
    values+=("'0'")
  else
    case "$type" in
      VARCHAR) literal="'N''' || replace(\"$column\", '''', '''''') || ''''" ;;
      BOOLEAN) literal="CASE WHEN \"$column\" THEN '1' ELSE '0' END" ;;
      DATE | TIME) literal="'''' || \"$column\"::VARCHAR || ''''" ;;
      TIMESTAMP) literal="'''' || strftime(\"$column\", '%Y-%m-%d %H:%M:%S.%g') || ''''" ;;
      'TIMESTAMP WITH TIME ZONE') literal="'''' || strftime(\"$column\", '%Y-%m-%d %H:%M:%S.%g') || ' +00:00'''" ;;
      *) literal="\"$column\"::VARCHAR" ;;
    esac
    values+=("coalesce($literal, 'NULL')")
  fi
done < <(query_tsv "SELECT column_name, coalesce(comment, column_name), data_type FROM duckdb_columns()
                    WHERE schema_name = '$dschema' AND table_name = '$dtable' ORDER BY column_index")
value_sql=""
for value in "${values[@]}"; do
  value_sql+="${value_sql:+ || ', ' || }$value"
done
insert_values=$(query_tsv "SELECT $value_sql FROM $dest WHERE \"$dkey\" = ${keys[0]}")
column_list=$(
  IFS=,
  echo "${columns[*]}"
)

say "Changing $source_table on the emulator through tsql"
changes=(
  "UPDATE $target SET _LastUpdatedInstant = SYSUTCDATETIME()${source_text:+, [$source_text] = N'Demo'} WHERE [$source_key] IN (${keys[0]}, ${keys[1]})"
  "UPDATE $target SET _IsDeleted = 1, _LastUpdatedInstant = SYSUTCDATETIME() WHERE [$source_key] IN (${keys[2]}, ${keys[3]})"
  "INSERT INTO $target ($column_list) VALUES ($insert_values)"
)
for sql in "${changes[@]}"; do
  echo "  $sql"
  tsql_run "$sql"
done

show_rows() {
  query "SELECT \"$dkey\"${dtext:+, \"$dtext\"}, _is_deleted, _fivetran_deleted, _fivetran_synced
         FROM $dest WHERE \"$dkey\" IN (${keys[0]}, ${keys[1]}, ${keys[2]}, ${keys[3]}, $new_key)
         ORDER BY \"$dkey\""
}
say "$source_table in the warehouse before sync 2"
show_rows

sync 2
say "$source_table in the warehouse after sync 2: 2 updated, 2 soft-deleted, 1 inserted"
show_rows
say "Warehouse after sync 2: rows per table vs VALIDATION"
show_counts

say "Done. Look around with:"
echo "  $tester query --data-dir $demo/warehouse \"SELECT * FROM $dschema.$dtable LIMIT 5\""
if [ "${DEMO_KEEP:-0}" = 1 ]; then
  echo "Servers still running (emulator port $emulator_port, connector port $connector_port); press Enter to stop."
  read -r _ || true
fi
