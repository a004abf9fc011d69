#include "testing/emulator/engine/synthetic_table.h"

#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "testing/emulator/engine/sql_types.h"

namespace emulator {
namespace {

constexpr char kDeclaration[] =
    "CREATE TABLE x(FlowsheetValueKey INTEGER, PatientDurableKey INTEGER, EncounterKey INTEGER, "
    "FlowsheetRowKey INTEGER, Value TEXT COLLATE ms_cin, NumericValue TEXT COLLATE ms_decimal, "
    "TakenInstant TEXT, IsAbnormal INTEGER, _LastUpdatedInstant TEXT, _IsDeleted INTEGER)";

uint64_t Mix(uint64_t x) {
  // splitmix64 finalizer: cheap, well-distributed, deterministic.
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Zero-padded decimal digits without printf: the synthetic table formats
// millions of values per second.
char* PutDigits(char* p, uint64_t v, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n < width) tmp[n++] = '0';
  while (n > 0) *p++ = tmp[--n];
  return p;
}

struct SyntheticVtab {
  sqlite3_vtab base;
  int64_t rows;
};

struct SyntheticCursor {
  sqlite3_vtab_cursor base;
  int64_t key;
  int64_t lo;
  int64_t hi;
  bool desc;
  char buf[64];
};

int Connect(sqlite3* db, void*, int argc, const char* const* argv, sqlite3_vtab** out, char** err) {
  int64_t rows = 0;
  if (argc < 4 || !absl::SimpleAtoi(argv[3], &rows) || rows < 0) {
    *err = sqlite3_mprintf("ehi_synthetic needs a row count");
    return SQLITE_ERROR;
  }
  int rc = sqlite3_declare_vtab(db, kDeclaration);
  if (rc != SQLITE_OK) return rc;
  auto* vtab = static_cast<SyntheticVtab*>(sqlite3_malloc(sizeof(SyntheticVtab)));
  if (vtab == nullptr) return SQLITE_NOMEM;
  std::memset(vtab, 0, sizeof(*vtab));
  vtab->rows = rows;
  *out = &vtab->base;
  return SQLITE_OK;
}

int Disconnect(sqlite3_vtab* vtab) {
  sqlite3_free(vtab);
  return SQLITE_OK;
}

// idxNum bits: which key constraints are passed to xFilter, in this order.
enum : int { kEq = 1, kGt = 2, kGe = 4, kLt = 8, kLe = 16, kDesc = 32 };

int BestIndex(sqlite3_vtab* tab, sqlite3_index_info* info) {
  auto* vtab = reinterpret_cast<SyntheticVtab*>(tab);
  int slot[5] = {-1, -1, -1, -1, -1};
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& c = info->aConstraint[i];
    if (!c.usable || c.iColumn != 0) continue;
    int which = c.op == SQLITE_INDEX_CONSTRAINT_EQ   ? 0
                : c.op == SQLITE_INDEX_CONSTRAINT_GT ? 1
                : c.op == SQLITE_INDEX_CONSTRAINT_GE ? 2
                : c.op == SQLITE_INDEX_CONSTRAINT_LT ? 3
                : c.op == SQLITE_INDEX_CONSTRAINT_LE ? 4
                                                     : -1;
    if (which >= 0 && slot[which] < 0) slot[which] = i;
  }
  int idx = 0, arg = 0;
  for (int w = 0; w < 5; ++w) {
    if (slot[w] < 0) continue;
    idx |= 1 << w;
    info->aConstraintUsage[slot[w]].argvIndex = ++arg;
    info->aConstraintUsage[slot[w]].omit = 1;
  }
  if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == 0) {
    info->orderByConsumed = 1;
    if (info->aOrderBy[0].desc) idx |= kDesc;
  }
  double rows = static_cast<double>(vtab->rows);
  if (idx & kEq) {
    info->estimatedCost = 1;
    info->estimatedRows = 1;
    info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
  } else if (idx & (kGt | kGe | kLt | kLe)) {
    info->estimatedCost = 10 + rows / 4;
    info->estimatedRows = static_cast<sqlite3_int64>(rows / 4) + 1;
  } else {
    info->estimatedCost = 10 + rows;
    info->estimatedRows = vtab->rows;
  }
  info->idxNum = idx;
  return SQLITE_OK;
}

int Open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  auto* cur = static_cast<SyntheticCursor*>(sqlite3_malloc(sizeof(SyntheticCursor)));
  if (cur == nullptr) return SQLITE_NOMEM;
  std::memset(cur, 0, sizeof(*cur));
  *out = &cur->base;
  return SQLITE_OK;
}

int Close(sqlite3_vtab_cursor* cur) {
  sqlite3_free(cur);
  return SQLITE_OK;
}

// The numeric value of a constraint argument; false if it is not a number.
bool NumberArg(sqlite3_value* v, double* out) {
  int t = sqlite3_value_numeric_type(v);
  if (t != SQLITE_INTEGER && t != SQLITE_FLOAT) return false;
  *out = sqlite3_value_double(v);
  return true;
}

int Filter(sqlite3_vtab_cursor* base, int idx, const char*, int argc, sqlite3_value** argv) {
  auto* cur = reinterpret_cast<SyntheticCursor*>(base);
  auto* vtab = reinterpret_cast<SyntheticVtab*>(base->pVtab);
  int64_t lo = 1, hi = vtab->rows;
  int arg = 0;
  for (int w = 0; w < 5 && arg < argc; ++w) {
    if (!(idx & (1 << w))) continue;
    sqlite3_value* v = argv[arg++];
    double x = 0;
    if (!NumberArg(v, &x)) {
      hi = 0;  // NULL or text: matches nothing
      continue;
    }
    if (x > 9e18) x = 9e18;
    if (x < -9e18) x = -9e18;
    switch (w) {
      case 0:
        if (std::floor(x) != x) {
          hi = 0;
        } else {
          lo = std::max(lo, static_cast<int64_t>(x));
          hi = std::min(hi, static_cast<int64_t>(x));
        }
        break;
      case 1:
        lo = std::max(lo, static_cast<int64_t>(std::floor(x)) + 1);
        break;
      case 2:
        lo = std::max(lo, static_cast<int64_t>(std::ceil(x)));
        break;
      case 3:
        hi = std::min(hi, static_cast<int64_t>(std::ceil(x)) - 1);
        break;
      case 4:
        hi = std::min(hi, static_cast<int64_t>(std::floor(x)));
        break;
    }
  }
  cur->lo = lo;
  cur->hi = hi;
  cur->desc = (idx & kDesc) != 0;
  cur->key = cur->desc ? hi : lo;
  return SQLITE_OK;
}

int Next(sqlite3_vtab_cursor* base) {
  auto* cur = reinterpret_cast<SyntheticCursor*>(base);
  cur->key += cur->desc ? -1 : 1;
  return SQLITE_OK;
}

int Eof(sqlite3_vtab_cursor* base) {
  auto* cur = reinterpret_cast<SyntheticCursor*>(base);
  return cur->key < cur->lo || cur->key > cur->hi;
}

void DateTimeText(sqlite3_context* ctx, int64_t key, int64_t extra_seconds, char* buf) {
  // 2020-01-01 plus 37 s per key: distinct, increasing, 7 digits.
  static const int64_t kBaseDays = DaysFromCivil(2020, 1, 1);
  int64_t secs = key * 37 + extra_seconds;
  int64_t days = kBaseDays + secs / 86400;
  int64_t s = secs % 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char* p = PutDigits(buf, static_cast<uint64_t>(y), 4);
  *p++ = '-';
  p = PutDigits(p, m, 2);
  *p++ = '-';
  p = PutDigits(p, d, 2);
  *p++ = ' ';
  p = PutDigits(p, static_cast<uint64_t>(s / 3600), 2);
  *p++ = ':';
  p = PutDigits(p, static_cast<uint64_t>(s / 60 % 60), 2);
  *p++ = ':';
  p = PutDigits(p, static_cast<uint64_t>(s % 60), 2);
  *p++ = '.';
  p = PutDigits(p, Mix(static_cast<uint64_t>(key)) % 10000000, 7);
  sqlite3_result_text(ctx, buf, static_cast<int>(p - buf), SQLITE_TRANSIENT);
}

int Column(sqlite3_vtab_cursor* base, sqlite3_context* ctx, int col) {
  auto* cur = reinterpret_cast<SyntheticCursor*>(base);
  const int64_t k = cur->key;
  const uint64_t h = Mix(static_cast<uint64_t>(k));
  switch (col) {
    case 0:
      sqlite3_result_int64(ctx, k);
      break;
    case 1:
      sqlite3_result_int64(ctx, 1 + static_cast<int64_t>(h % 100000));
      break;
    case 2:
      sqlite3_result_int64(ctx, 1 + static_cast<int64_t>((h >> 17) % 5000000));
      break;
    case 3:
      sqlite3_result_int64(ctx, 1 + static_cast<int64_t>((h >> 31) % 2000));
      break;
    case 4: {
      int n =
          std::snprintf(cur->buf, sizeof(cur->buf), "BP %u/%u", static_cast<unsigned>(90 + h % 60),
                        static_cast<unsigned>(55 + (h >> 8) % 40));
      sqlite3_result_text(ctx, cur->buf, n, SQLITE_TRANSIENT);
      break;
    }
    case 5: {
      uint64_t v = (h >> 12) % 100000000;
      int n = std::snprintf(cur->buf, sizeof(cur->buf), "%llu.%04llu",
                            static_cast<unsigned long long>(v / 10000),
                            static_cast<unsigned long long>(v % 10000));
      sqlite3_result_text(ctx, cur->buf, n, SQLITE_TRANSIENT);
      break;
    }
    case 6:
      DateTimeText(ctx, k, 0, cur->buf);
      break;
    case 7:
      sqlite3_result_int(ctx, (h >> 40) % 10 == 0);
      break;
    case 8:
      DateTimeText(ctx, k, 3600, cur->buf);
      break;
    case 9:
      sqlite3_result_int(ctx, (h >> 44) % 100 == 0);
      break;
    default:
      sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

int Rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = reinterpret_cast<SyntheticCursor*>(base)->key;
  return SQLITE_OK;
}

sqlite3_module* Module() {
  static sqlite3_module* module = [] {
    auto* m = new sqlite3_module;
    std::memset(m, 0, sizeof(*m));
    m->iVersion = 1;
    m->xCreate = Connect;
    m->xConnect = Connect;
    m->xBestIndex = BestIndex;
    m->xDisconnect = Disconnect;
    m->xDestroy = Disconnect;
    m->xOpen = Open;
    m->xClose = Close;
    m->xFilter = Filter;
    m->xNext = Next;
    m->xEof = Eof;
    m->xColumn = Column;
    m->xRowid = Rowid;
    return m;
  }();
  return module;
}

}  // namespace

int RegisterSyntheticModule(sqlite3* db) {
  return sqlite3_create_module(db, "ehi_synthetic", Module(), nullptr);
}

std::vector<ColumnInfo> SyntheticColumns() {
  auto make = [](const char* name, const char* type, bool nullable) {
    ColumnInfo c;
    c.name = name;
    c.type = ParseTypeString(type).value();
    c.nullable = nullable;
    return c;
  };
  std::vector<ColumnInfo> cols = {make("FlowsheetValueKey", "bigint", false),
                                  make("PatientDurableKey", "bigint", false),
                                  make("EncounterKey", "bigint", false),
                                  make("FlowsheetRowKey", "int", false),
                                  make("Value", "nvarchar(50)", true),
                                  make("NumericValue", "decimal(18,4)", true),
                                  make("TakenInstant", "datetime2(7)", false),
                                  make("IsAbnormal", "bit", false),
                                  make("_LastUpdatedInstant", "datetime2(7)", false),
                                  make("_IsDeleted", "bit", false)};
  for (size_t i = 0; i < cols.size(); ++i) cols[i].column_id = static_cast<int>(i) + 1;
  return cols;
}

std::string SyntheticCreateSql(const TableInfo& table) {
  std::string quoted = "\"";
  for (char c : table.SqliteName()) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return absl::StrCat("CREATE VIRTUAL TABLE main.", quoted, " USING ehi_synthetic(",
                      table.synthetic_rows, ")");
}

}  // namespace emulator
