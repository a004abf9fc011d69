#include "testing/tester/applier.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "testing/tester/names.h"
#include "testing/tester/row_hash.h"

namespace tester {

namespace v2 = ::fivetran_sdk::v2;

namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t Micros(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1000000 + ts.nanos() / 1000;
}

// Appends one SDK value; DuckDB casts it to the column's type.
bool AppendValue(Appender& a, const v2::ValueType& v) {
  switch (v.inner_case()) {
    case v2::ValueType::kBool:
      return a.Bool(v.bool_());
    case v2::ValueType::kShort:
      return a.Int32(v.short_());
    case v2::ValueType::kInt:
      return a.Int32(v.int_());
    case v2::ValueType::kLong:
      return a.Int64(v.long_());
    case v2::ValueType::kFloat:
      return a.Float(v.float_());
    case v2::ValueType::kDouble:
      return a.Double(v.double_());
    case v2::ValueType::kNaiveDate:
      return a.Date(static_cast<int32_t>(FloorDiv(Micros(v.naive_date()), kMicrosPerDay)));
    case v2::ValueType::kNaiveTime: {
      int64_t micros = Micros(v.naive_time()) % kMicrosPerDay;
      return a.Time(micros < 0 ? micros + kMicrosPerDay : micros);
    }
    case v2::ValueType::kNaiveDatetime:
      return a.Timestamp(Micros(v.naive_datetime()));
    case v2::ValueType::kUtcDatetime:
      return a.Timestamp(Micros(v.utc_datetime()));
    case v2::ValueType::kDecimal:
      return a.Varchar(v.decimal());
    case v2::ValueType::kBinary:
      return a.Blob(v.binary());
    case v2::ValueType::kString:
      return a.Varchar(v.string());
    case v2::ValueType::kJson:
      return a.Varchar(v.json());
    case v2::ValueType::kXml:
      return a.Varchar(v.xml());
    case v2::ValueType::kNull:
    case v2::ValueType::INNER_NOT_SET:
      return a.Null();
  }
  return a.Null();
}

const char* KindName(v2::RecordType t) {
  switch (t) {
    case v2::UPSERT:
      return "UPSERT";
    case v2::UPDATE:
      return "UPDATE";
    case v2::DELETE:
      return "DELETE";
    case v2::TRUNCATE:
      return "TRUNCATE";
    default:
      return "unknown record type";
  }
}

std::string Join(const std::vector<std::string>& names, const char* sep, const char* prefix = "") {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& n : names) {
    quoted.push_back(absl::StrCat(prefix, QuoteIdentifier(n)));
  }
  return absl::StrJoin(quoted, sep);
}

std::string KeyMatch(const std::vector<std::string>& keys) {
  std::vector<std::string> parts;
  for (const std::string& k : keys) {
    parts.push_back(absl::StrCat("t.", QuoteIdentifier(k), " = s.", QuoteIdentifier(k)));
  }
  return absl::StrJoin(parts, " AND ");
}

}  // namespace

// The staging side of one destination table.
struct Applier::Stage {
  std::string name;  // TEMP table
  int version = -1;  // TableDef::version it was built for
  std::optional<Appender> appender;
  v2::RecordType kind = v2::UPSERT;
  std::vector<int> update_columns;           // column indexes of the current UPDATE run
  std::vector<const v2::ValueType*> values;  // scratch: one record's values
  int64_t rows = 0;
  int64_t seq = 0;
};

Applier::Applier(Database* db, Catalog* catalog, int64_t flush_rows)
    : db_(db), catalog_(catalog), flush_rows_(flush_rows) {}

Applier::~Applier() = default;

absl::Status Applier::Begin() {
  if (in_transaction_) return absl::OkStatus();
  EHI_RETURN_IF_ERROR(db_->Execute("BEGIN TRANSACTION"));
  in_transaction_ = true;
  return absl::OkStatus();
}

std::string Applier::NextSyncTimestamp() {
  int64_t now = absl::ToUnixMicros(absl::Now());
  last_synced_micros_ = std::max(now, last_synced_micros_ + 1);
  return absl::StrCat(
      "TIMESTAMPTZ '",
      absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", absl::FromUnixMicros(last_synced_micros_),
                       absl::UTCTimeZone()),
      "'");
}

absl::StatusOr<Applier::Stage*> Applier::StageFor(TableDef& table) {
  std::unique_ptr<Stage>& slot = stages_[&table];
  if (slot == nullptr) {
    slot = std::make_unique<Stage>();
    slot->name = absl::StrCat("tester_stage_", next_stage_id_++);
  }
  Stage& stage = *slot;
  if (stage.version == table.version) return &stage;
  // (Re)build the staging table for the table's current columns.
  stage.appender.reset();
  std::vector<std::string> columns;
  for (const ColumnDef& c : table.columns) {
    columns.push_back(absl::StrCat(QuoteIdentifier(c.dest_name), " ", c.duckdb_type));
  }
  if (table.keyless()) columns.push_back(absl::StrCat(kIdColumn, " VARCHAR"));
  columns.push_back("_seq BIGINT");
  EHI_RETURN_IF_ERROR(
      db_->Execute(absl::StrCat("CREATE OR REPLACE TEMP TABLE ", QuoteIdentifier(stage.name), " (",
                                absl::StrJoin(columns, ", "), ")")));
  EHI_ASSIGN_OR_RETURN(Appender appender, db_->NewAppender("temp", "main", stage.name));
  stage.appender.emplace(std::move(appender));
  stage.version = table.version;
  stage.rows = 0;
  return &stage;
}

absl::Status Applier::Apply(const v2::Record& record) {
  EHI_RETURN_IF_ERROR(Begin());
  std::optional<std::string> schema;
  if (record.has_schema_name()) schema = record.schema_name();
  EHI_ASSIGN_OR_RETURN(TableDef * table, catalog_->Find(schema, record.table_name()));
  switch (record.type()) {
    case v2::UPSERT:
      ++counts_.upserts;
      break;
    case v2::UPDATE:
      ++counts_.updates;
      break;
    case v2::DELETE:
      ++counts_.deletes;
      break;
    case v2::TRUNCATE:
      ++counts_.truncates;
      if (row_observer_) row_observer_(table->DisplayName(), 0);
      return Truncate(*table);
    default:
      return absl::InvalidArgumentError(absl::StrCat("record for ", table->DisplayName(),
                                                     " has unknown type ",
                                                     static_cast<int>(record.type())));
  }
  EHI_ASSIGN_OR_RETURN(Stage * stage, StageFor(*table));
  EHI_RETURN_IF_ERROR(AppendRecord(*table, *stage, record));
  if (row_observer_) row_observer_(table->DisplayName(), 1);
  if (stage->rows >= flush_rows_) return Flush(*table, *stage);
  return absl::OkStatus();
}

absl::Status Applier::AppendRecord(TableDef& table, Stage& stage, const v2::Record& record) {
  const auto& data = record.data();
  const v2::RecordType kind = record.type();
  const bool keyless = table.keyless();

  // One lookup per declared column: its value in this record, or nullptr.
  std::vector<const v2::ValueType*>& values = stage.values;
  values.assign(table.columns.size(), nullptr);
  size_t found = 0;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    auto it = data.find(table.columns[i].source_name);
    if (it != data.end()) {
      values[i] = &it->second;
      ++found;
    }
  }
  if (kind == v2::UPSERT && found < static_cast<size_t>(data.size())) {
    for (const auto& [name, value] : data) {
      bool known = false;
      for (const ColumnDef& c : table.columns) known |= c.source_name == name;
      if (!known) {
        return absl::InvalidArgumentError(
            absl::StrCat("UPSERT for ", table.DisplayName(), " carries column '", name,
                         "', which the schema did not declare (or the selection "
                         "excluded)"));
      }
    }
  }
  if (!keyless && kind != v2::UPSERT) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (table.columns[i].primary_key && values[i] == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(KindName(kind), " for ", table.DisplayName(),
                                                       " lacks primary key column '",
                                                       table.columns[i].source_name, "'"));
      }
    }
  }
  const v2::ValueType* explicit_id = nullptr;
  if (keyless) {
    auto it = data.find(kIdColumn);
    if (it != data.end()) explicit_id = &it->second;
    if (kind == v2::UPDATE && explicit_id == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("UPDATE for ", table.DisplayName(),
                       " (a table without primary key) must carry _fivetran_id"));
    }
  }

  // A run is one kind of record (and, for UPDATE, one set of columns).
  std::vector<int> present;
  if (kind == v2::UPDATE) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] != nullptr) present.push_back(static_cast<int>(i));
    }
  }
  bool same_run = stage.rows == 0 ||
                  (stage.kind == kind && (kind != v2::UPDATE || stage.update_columns == present));
  if (!same_run) EHI_RETURN_IF_ERROR(Flush(table, stage));
  stage.kind = kind;
  if (kind == v2::UPDATE) stage.update_columns = std::move(present);

  Appender& a = *stage.appender;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& column = table.columns[i];
    bool wanted = kind != v2::DELETE || column.primary_key;
    const v2::ValueType* value = wanted ? values[i] : nullptr;
    bool ok = value == nullptr ? a.Null() : AppendValue(a, *value);
    if (!ok) {
      return absl::InvalidArgumentError(
          absl::StrCat(KindName(kind), " for ", table.DisplayName(), ": value of column '",
                       column.source_name, "' does not fit ", column.duckdb_type, ": ", a.Error()));
    }
  }
  if (keyless) {
    std::string id;
    if (explicit_id != nullptr && kind != v2::UPSERT) {
      id = explicit_id->string();
    } else {
      std::vector<std::string> names;
      for (const ColumnDef& c : table.columns) names.push_back(c.source_name);
      id = RowHash(names, data);
    }
    a.Varchar(id);
  }
  a.Int64(stage.seq++);
  EHI_RETURN_IF_ERROR(a.EndRow());
  ++stage.rows;
  return absl::OkStatus();
}

absl::Status Applier::Flush(TableDef& table, Stage& stage) {
  if (stage.rows == 0) return absl::OkStatus();
  EHI_RETURN_IF_ERROR(stage.appender->Flush());
  const std::string target = table.QualifiedDestName();
  const std::string source = absl::StrCat("temp.main.", QuoteIdentifier(stage.name));
  const std::vector<std::string> keys = table.KeyColumns();
  const std::string latest_per_key = absl::StrCat(" QUALIFY row_number() OVER (PARTITION BY ",
                                                  Join(keys, ", "), " ORDER BY _seq DESC) = 1");
  const std::string synced = NextSyncTimestamp();
  std::string sql;
  switch (stage.kind) {
    case v2::UPSERT: {
      std::vector<std::string> columns;
      for (const ColumnDef& c : table.columns) columns.push_back(c.dest_name);
      if (table.keyless()) columns.push_back(kIdColumn);
      sql = absl::StrCat("INSERT OR REPLACE INTO ", target, " (", Join(columns, ", "), ", ",
                         kSyncedColumn, ", ", kDeletedColumn, ") SELECT ", Join(columns, ", "),
                         ", ", synced, ", false FROM ", source, latest_per_key);
      break;
    }
    case v2::UPDATE: {
      std::vector<std::string> sets;
      std::vector<std::string> selected = keys;
      for (int i : stage.update_columns) {
        const ColumnDef& c = table.columns[i];
        if (c.primary_key) continue;
        sets.push_back(
            absl::StrCat(QuoteIdentifier(c.dest_name), " = s.", QuoteIdentifier(c.dest_name)));
        selected.push_back(c.dest_name);
      }
      sets.push_back(absl::StrCat(kSyncedColumn, " = ", synced));
      sql = absl::StrCat("UPDATE ", target, " AS t SET ", absl::StrJoin(sets, ", "),
                         " FROM (SELECT ", Join(selected, ", "), " FROM ", source, latest_per_key,
                         ") AS s WHERE ", KeyMatch(keys));
      break;
    }
    case v2::DELETE:
      sql = absl::StrCat("UPDATE ", target, " AS t SET ", kDeletedColumn, " = true, ",
                         kSyncedColumn, " = ", synced, " FROM (SELECT DISTINCT ", Join(keys, ", "),
                         " FROM ", source, ") AS s WHERE ", KeyMatch(keys));
      break;
    default:
      return absl::InternalError("unexpected staged record type");
  }
  absl::Status merged = db_->Execute(sql);
  if (!merged.ok()) {
    return absl::InternalError(absl::StrCat("applying ", stage.rows, " ", KindName(stage.kind),
                                            " records to ", table.DisplayName(), ": ",
                                            merged.message()));
  }
  EHI_RETURN_IF_ERROR(db_->Execute(absl::StrCat("DELETE FROM ", source)));
  stage.rows = 0;
  return absl::OkStatus();
}

absl::Status Applier::FlushAll() {
  for (auto& [table, stage] : stages_) {
    EHI_RETURN_IF_ERROR(Flush(*const_cast<TableDef*>(table), *stage));
  }
  return absl::OkStatus();
}

absl::Status Applier::Truncate(TableDef& table) {
  auto it = stages_.find(&table);
  if (it != stages_.end()) EHI_RETURN_IF_ERROR(Flush(table, *it->second));
  const std::string synced = NextSyncTimestamp();
  return db_->Execute(absl::StrCat("UPDATE ", table.QualifiedDestName(), " SET ", kDeletedColumn,
                                   " = true, ", kSyncedColumn, " = ", synced, " WHERE ",
                                   kSyncedColumn, " < ", synced, " AND NOT ", kDeletedColumn));
}

absl::Status Applier::ApplySchemaChange(const v2::SchemaChange& change) {
  EHI_RETURN_IF_ERROR(Begin());
  // Pending rows were staged against the old columns: merge them first.
  EHI_RETURN_IF_ERROR(FlushAll());
  if (change.has_with_schema()) {
    for (const v2::Schema& schema : change.with_schema().schemas()) {
      for (const v2::Table& table : schema.tables()) {
        EHI_RETURN_IF_ERROR(catalog_->Declare(schema.name(), table));
      }
    }
  } else if (change.has_without_schema()) {
    for (const v2::Table& table : change.without_schema().tables()) {
      EHI_RETURN_IF_ERROR(catalog_->Declare("", table));
    }
  }
  ++counts_.schema_changes;
  return absl::OkStatus();
}

absl::Status Applier::Commit() {
  EHI_RETURN_IF_ERROR(Begin());
  EHI_RETURN_IF_ERROR(FlushAll());
  EHI_RETURN_IF_ERROR(db_->Execute("COMMIT"));
  in_transaction_ = false;
  return absl::OkStatus();
}

}  // namespace tester
