// Runs SQL batches through tedious (an independent TDS implementation) and
// prints one JSON line per event, for the emulator's integration tests:
//   {"columns":[{"name":..,"type":..}]}   {"row":[...]}   {"done":rowCount}
//   {"error":{"number":..,"class":..,"message":..}}   {"cancelled":true}
//   {"login_error":{"code":..,"message":..}}
// Values are rendered so that nothing is lost in JSON: Buffers as hex,
// Dates as ISO-8601 UTC plus tedious' extra nanoseconds, bigints as strings.
//
// usage: node tedious_query.js --port N [--host H] [--user U] [--password P]
//          [--database D] [--encrypt] [--rpc] [--cancel-after N] -- "SQL 1" "SQL 2" ...
// --rpc sends each SQL text through sp_executesql instead of as a batch.
'use strict';
const { Connection, Request } = require('tedious');

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', user: 'sa', password: '', database: '', encrypt: false,
                 cancelAfter: 0, rpc: false, sql: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { opts.sql = argv.slice(i + 1); break; }
    if (a === '--encrypt') { opts.encrypt = true; continue; }
    if (a === '--rpc') { opts.rpc = true; continue; }
    const v = argv[++i];
    if (a === '--port') opts.port = Number(v);
    else if (a === '--host') opts.host = v;
    else if (a === '--user') opts.user = v;
    else if (a === '--password') opts.password = v;
    else if (a === '--database') opts.database = v;
    else if (a === '--cancel-after') opts.cancelAfter = Number(v);
    else throw new Error('unknown option ' + a);
  }
  return opts;
}

function render(value) {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
  if (value instanceof Date) {
    return { date: value.toISOString(), ns: value.nanosecondsDelta || 0 };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function emit(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }

const opts = parseArgs(process.argv.slice(2));
const connection = new Connection({
  server: opts.host,
  authentication: { type: 'default', options: { userName: opts.user, password: opts.password } },
  options: {
    port: opts.port,
    database: opts.database || undefined,
    encrypt: opts.encrypt,
    trustServerCertificate: true,
    rowCollectionOnRequestCompletion: false,
    useColumnNames: false,
    connectTimeout: 15000,
    requestTimeout: 0,
  },
});

function runNext(index) {
  if (index >= opts.sql.length) { connection.close(); return; }
  let rows = 0;
  let cancelled = false;
  const request = new Request(opts.sql[index], (err, rowCount) => {
    if (err) {
      if (err.code === 'ECANCEL') emit({ cancelled: true, rows });
      else emit({ error: { number: err.number, class: err.class, message: err.message } });
    } else {
      emit({ done: rowCount });
    }
    runNext(index + 1);
  });
  request.on('columnMetadata', (columns) => {
    emit({ columns: columns.map((c) => ({ name: c.colName, type: c.type.name })) });
  });
  request.on('row', (columns) => {
    rows++;
    if (opts.cancelAfter > 0 && index === 0) {
      if (rows === opts.cancelAfter && !cancelled) { cancelled = true; connection.cancel(); }
      return;
    }
    emit({ row: columns.map((c) => render(c.value)) });
  });
  // execSql sends sp_executesql (RPC); execSqlBatch a plain SQL batch.
  if (opts.rpc) connection.execSql(request); else connection.execSqlBatch(request);
}

connection.on('connect', (err) => {
  if (err) {
    emit({ login_error: { code: err.code, message: err.message } });
    process.exitCode = 3;
    return;
  }
  emit({ connected: true, encrypted: Boolean(connection.messageIo && connection.messageIo.tlsNegotiationComplete) });
  runNext(0);
});
connection.on('error', (err) => { emit({ connection_error: String(err && err.message) }); });
connection.connect();
