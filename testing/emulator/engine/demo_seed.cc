// The demo dataset. Tables are created through a session (so the catalog
// records their declared types and keys like any CREATE TABLE); rows are
// bulk-inserted on a private connection, each value converted to the
// column's storage form by ConvertDatum. Every value comes from a
// deterministic hash of (table, row), so counts and contents are the same on
// every run and platform.
#include "testing/emulator/engine/demo_seed.h"

#include <sqlite3.h>

#include <cstdio>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "testing/emulator/engine/sql_error.h"
#include "testing/emulator/engine/sqlite_engine_internal.h"

namespace emulator {
namespace {

constexpr char kDdl[] = R"sql(
CREATE TABLE dbo.LanguageDim (LanguageKey tinyint NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL,
  IsoCode char(2) NULL, _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
CREATE TABLE dbo.EncounterTypeDim (EncounterTypeKey smallint NOT NULL PRIMARY KEY,
  Name varchar(50) NOT NULL, Description ntext NULL, _LastUpdatedInstant datetime2(7) NOT NULL,
  _IsDeleted bit NOT NULL);
CREATE TABLE dbo.DateDim (DateKey int NOT NULL PRIMARY KEY, [Date] date NOT NULL,
  [Year] smallint NOT NULL, MonthName varchar(10) NOT NULL, IsWeekend bit NOT NULL,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
CREATE TABLE dbo.PatientDim (PatientDurableKey bigint NOT NULL PRIMARY KEY,
  PatientEpicId varchar(18) NOT NULL, Name nvarchar(200) NULL, FirstName nvarchar(100) NULL,
  LastName nvarchar(100) NULL, BirthDate date NULL, Sex nvarchar(20) NULL,
  LanguageKey tinyint NULL, DeathInstant datetimeoffset(7) NULL, IsValid bit NOT NULL,
  PatientGuid uniqueidentifier NOT NULL, Photo varbinary(max) NULL,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
CREATE TABLE dbo.ProviderDim (ProviderEpicId varchar(18) NOT NULL PRIMARY KEY,
  Name nvarchar(200) NOT NULL, Npi char(10) NULL, PrimarySpecialty nvarchar(100) NULL,
  IsActive bit NOT NULL, HourlyRate money NULL, _LastUpdatedInstant datetime2(7) NOT NULL,
  _IsDeleted bit NOT NULL);
CREATE TABLE dbo.DepartmentDim (DepartmentKey int NOT NULL PRIMARY KEY,
  DepartmentName nvarchar(100) NOT NULL, LocationName nvarchar(100) NULL, Specialty varchar(50) NULL,
  OpenTime time(0) NULL, CloseTime time(0) NULL, _LastUpdatedInstant datetime2(7) NOT NULL,
  _IsDeleted bit NOT NULL);
CREATE TABLE dbo.EncounterFact (EncounterKey bigint NOT NULL PRIMARY KEY,
  PatientDurableKey bigint NOT NULL, ProviderEpicId varchar(18) NULL, DepartmentKey int NULL,
  EncounterTypeKey smallint NULL, AdmissionInstant datetimeoffset(7) NOT NULL,
  DischargeInstant datetimeoffset(7) NULL, DateKey int NOT NULL, LengthOfStayHours decimal(10,2) NULL,
  TotalCharges money NULL, Notes nvarchar(max) NULL, RowVer rowversion,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
CREATE TABLE dbo.MedicationOrderFact (EncounterKey bigint NOT NULL, OrderLine int NOT NULL,
  MedicationName nvarchar(200) NOT NULL, Dose decimal(18,4) NULL, DoseUnit varchar(20) NULL,
  OrderedInstant datetime2(3) NOT NULL, IsPrn bit NOT NULL, Frequency nvarchar(50) NULL,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL,
  CONSTRAINT PK_MedicationOrderFact PRIMARY KEY (EncounterKey, OrderLine));
CREATE TABLE dbo.LabComponentResultFact (LabResultId uniqueidentifier NOT NULL PRIMARY KEY,
  EncounterKey bigint NOT NULL, ComponentName nvarchar(100) NOT NULL, ResultValue nvarchar(100) NULL,
  NumericValue float NULL, ReferenceLow real NULL, ReferenceHigh real NULL,
  ResultInstant datetime NOT NULL, IsAbnormal bit NOT NULL, RawMessage xml NULL,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
CREATE TABLE dbo.FlowsheetValueFact (FlowsheetRowKey int NOT NULL, PatientDurableKey bigint NOT NULL,
  TakenInstant smalldatetime NOT NULL, Value nvarchar(400) NULL, NumericValue decimal(18,4) NULL,
  _LastUpdatedInstant datetime2(7) NOT NULL, _IsDeleted bit NOT NULL);
)sql";

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Deterministic pseudo-random number for (table salt, row, field).
uint64_t R(uint64_t salt, int64_t row, int field) {
  return Mix(salt * 0x100000001B3ULL + static_cast<uint64_t>(row) * 131 + field);
}

template <size_t N>
const char* Pick(const char* const (&items)[N], uint64_t r) {
  return items[r % N];
}

constexpr const char* kFirst[] = {"Ana",  "José",  "Zoë",     "Łukasz", "Siobhán", "Олег",
                                  "李",   "Amara", "Noah",    "Chloé",  "Mateo",   "Ngozi",
                                  "𠜎𠜱", "Søren", "Emoji😀", "Aiyana"};
constexpr const char* kLast[] = {"García", "Smith",  "Nguyễn",  "Müller", "O'Brien", "Kowalski",
                                 "Tanaka", "Haddad", "Ivanova", "Okafor", "Johnson", "Dubois"};
constexpr const char* kMeds[] = {"Amoxicillin 500 mg capsule",  "Lisinopril 10 mg tablet",
                                 "Metformin 850 mg tablet",     "Insulin glargine 100 unit/mL",
                                 "Acetaminophen 325 mg tablet", "Ibuprofen 200 mg tablet",
                                 "Atorvastatin 40 mg tablet",   "Albuterol 90 mcg inhaler"};
constexpr const char* kComponents[] = {"Hemoglobin", "Glucose", "Sodium",    "Potassium",
                                       "Creatinine", "WBC",     "Platelets", "HbA1c"};
constexpr const char* kSpecialties[] = {"Cardiology",      "Pediatrics", "Oncology",
                                        "Family Medicine", "Neurology",  "Emergency Medicine"};

std::string DateText(int64_t days_since_2015) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(DaysFromCivil(2015, 1, 1) + days_since_2015, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return buf;
}

// "YYYY-MM-DDTHH:MM:SS.fffffff" from seconds since 2015 and 100 ns ticks.
std::string InstantText(int64_t secs, int64_t frac) {
  std::string date = DateText(secs / 86400);
  int64_t s = secs % 86400;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%sT%02d:%02d:%02d.%07d", date.c_str(),
                static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60), static_cast<int>(s % 60),
                static_cast<int>(frac % 10000000));
  return buf;
}

std::string OffsetText(uint64_t r) {
  static constexpr const char* kOffsets[] = {"-08:00", "-05:00", "+00:00", "+01:00",
                                             "+05:30", "+09:00", "-03:30", "+14:00"};
  return Pick(kOffsets, r);
}

class SeedSink : public ResultSink {
 public:
  void BeginRows(const std::vector<Column>&) override {}
  bool Row(const std::vector<Value>&) override { return true; }
  void StatementDone(bool, int64_t, bool) override {}
  void Message(const ServerMessage& m) override {
    if (m.severity > 10 && error.ok()) error = SqlError(m.number, m.severity, m.text);
  }
  bool Cancelled() override { return false; }
  absl::Status error;
};

using RowFn = std::function<std::vector<Datum>(int64_t row)>;

Datum N() { return Datum::Null(); }
Datum I(int64_t v) { return Datum::Int(v); }
Datum T(std::string s) { return Datum::Text(std::move(s)); }

// Inserts `rows` rows into `table`; values are given in the column order of
// the table without its rowversion column, as text/int/null, and converted
// to each column's storage form.
absl::Status Fill(sqlite3* db, const TableInfo& table, int64_t rows, const RowFn& fn) {
  std::vector<const ColumnInfo*> cols;
  std::vector<std::string> names;
  for (const ColumnInfo& c : table.columns) {
    if (c.type.id == TypeId::kRowVersion) continue;
    cols.push_back(&c);
    names.push_back(absl::StrCat("\"", c.name, "\""));
  }
  std::string marks;
  for (size_t i = 0; i < cols.size(); ++i) marks += i == 0 ? "?" : ", ?";
  EHI_ASSIGN_OR_RETURN(
      SqliteStmt insert,
      Prepare(db, absl::StrCat("INSERT INTO main.\"", table.SqliteName(), "\" (",
                               absl::StrJoin(names, ", "), ") VALUES (", marks, ")")));
  ConvertOptions options;
  options.assignment = true;
  options.table = table.name;
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<Datum> values = fn(r);
    if (values.size() != cols.size()) {
      return absl::InternalError(absl::StrCat("demo row shape mismatch for ", table.name));
    }
    sqlite3_reset(insert.get());
    for (size_t i = 0; i < cols.size(); ++i) {
      options.column = cols[i]->name;
      const Datum& v = values[i];
      if (v.kind == Datum::Kind::kInt && FamilyOf(cols[i]->type.id) == TypeFamily::kInt) {
        BindDatum(insert.get(), static_cast<int>(i) + 1, v);
        continue;
      }
      EHI_ASSIGN_OR_RETURN(Datum stored, ConvertDatum(v, nullptr, cols[i]->type, options));
      BindDatum(insert.get(), static_cast<int>(i) + 1, stored);
    }
    if (sqlite3_step(insert.get()) != SQLITE_DONE) {
      return SqliteStatus(db, absl::StrCat("demo insert into ", table.name));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<DemoTableCount> DemoTableCounts(int scale) {
  int64_t k = scale < 1 ? 1 : scale;
  return {{"LanguageDim", 8},
          {"EncounterTypeDim", 6},
          {"DateDim", 365},
          {"PatientDim", 200 * k},
          {"ProviderDim", 50 * k},
          {"DepartmentDim", 20 * k},
          {"EncounterFact", 1000 * k},
          {"MedicationOrderFact", 1500 * k},
          {"LabComponentResultFact", 1200 * k},
          {"FlowsheetValueFact", 800 * k}};
}

absl::Status SeedDemo(SqliteEngine& engine, int scale) {
  if (engine.catalog()->Find("dbo", "PatientDim") != nullptr) return absl::OkStatus();
  {
    EHI_ASSIGN_OR_RETURN(std::unique_ptr<Session> session, engine.OpenSession());
    SeedSink sink;
    session->ExecuteBatch(kDdl, sink);
    EHI_RETURN_IF_ERROR(sink.error);
  }
  std::map<std::string, int64_t> counts;
  for (const DemoTableCount& c : DemoTableCounts(scale)) counts[c.name] = c.rows;
  EHI_ASSIGN_OR_RETURN(SqliteDb db, engine.OpenConnection());
  EHI_RETURN_IF_ERROR(ExecSql(db.get(), "BEGIN"));
  auto snap = engine.catalog();
  auto table = [&](const char* name) { return *snap->Find("dbo", name); };
  // Updated in the last ~2 years; about 3% of rows soft-deleted.
  auto updated = [](uint64_t salt, int64_t r) {
    return T(InstantText(250000000 + static_cast<int64_t>(R(salt, r, 90) % 60000000),
                         static_cast<int64_t>(R(salt, r, 91) % 10000000)));
  };
  auto deleted = [](uint64_t salt, int64_t r) { return I(R(salt, r, 92) % 100 < 3 ? 1 : 0); };
  const int64_t patients = counts["PatientDim"], providers = counts["ProviderDim"],
                departments = counts["DepartmentDim"], encounters = counts["EncounterFact"];

  static constexpr const char* kLanguages[][2] = {
      {"English", "en"}, {"Español", "es"}, {"Tiếng Việt", "vi"}, {"中文", "zh"},
      {"Русский", "ru"}, {"العربية", "ar"}, {"Français", "fr"},   {"Unknown", nullptr}};
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("LanguageDim"), 8, [&](int64_t r) {
    return std::vector<Datum>{I(r + 1), T(kLanguages[r][0]),
                              kLanguages[r][1] ? T(kLanguages[r][1]) : N(), updated(1, r), I(0)};
  }));
  static constexpr const char* kTypes[] = {
      "Office Visit", "Hospital Encounter", "Telehealth", "Emergency", "Surgery", "Lab Only"};
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("EncounterTypeDim"), 6, [&](int64_t r) {
    return std::vector<Datum>{I(r + 1), T(kTypes[r]),
                              r % 2 ? N() : T(absl::StrCat("Legacy description for ", kTypes[r])),
                              updated(2, r), deleted(2, r)};
  }));
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("DateDim"), 365, [&](int64_t r) {
    static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
    std::string date = DateText(3287 + r);  // 2024-01-01 onwards
    int64_t days = DaysFromCivil(2015, 1, 1) + 3287 + r;
    int weekday = static_cast<int>((days + 1) % 7);  // 0 = Sunday
    int month = std::stoi(date.substr(5, 2));
    return std::vector<Datum>{
        I(std::stoll(date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2))),
        T(date),
        I(2024),
        T(kMonths[month - 1]),
        I(weekday == 0 || weekday == 6 ? 1 : 0),
        updated(3, r),
        I(0)};
  }));
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("PatientDim"), patients, [&](int64_t r) {
    const char* first = Pick(kFirst, R(4, r, 1));
    const char* last = Pick(kLast, R(4, r, 2));
    bool dead = R(4, r, 3) % 20 == 0;
    char epic[24];
    std::snprintf(epic, sizeof(epic), "Z%07lld", static_cast<long long>(1000000 + r * 7));
    char guid[40];
    uint64_t a = R(4, r, 4), b = R(4, r, 5);
    std::snprintf(guid, sizeof(guid), "%08X-%04X-%04X-%04X-%012llX", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a >> 16 & 0xFFFF),
                  static_cast<unsigned>((a & 0x0FFF) | 0x4000),
                  static_cast<unsigned>((b >> 48 & 0x3FFF) | 0x8000),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    std::string photo;
    if (R(4, r, 6) % 4 == 0) {
      for (int i = 0; i < 16; ++i) photo.push_back(static_cast<char>(R(4, r, 100 + i) & 0xFF));
    }
    return std::vector<Datum>{
        I(100000 + r),
        T(epic),
        R(4, r, 7) % 25 == 0 ? N() : T(absl::StrCat(last, ", ", first)),
        T(first),
        T(last),
        R(4, r, 8) % 30 == 0 ? N() : T(DateText(-static_cast<int64_t>(R(4, r, 9) % 32000))),
        T(R(4, r, 10) % 2 ? "Female" : "Male"),
        I(1 + static_cast<int64_t>(R(4, r, 11) % 8)),
        dead ? T(InstantText(200000000 + R(4, r, 12) % 100000000, R(4, r, 13) % 10000000) +
                 OffsetText(R(4, r, 14)))
             : N(),
        I(R(4, r, 15) % 50 != 0),
        T(guid),
        photo.empty() ? N() : Datum::Blob(photo),
        updated(4, r),
        deleted(4, r)};
  }));
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("ProviderDim"), providers, [&](int64_t r) {
    char id[24], npi[16], rate[32];
    std::snprintf(id, sizeof(id), "P%06lld", static_cast<long long>(r * 13 + 7));
    std::snprintf(npi, sizeof(npi), "%010llu",
                  static_cast<unsigned long long>(1000000000 + R(5, r, 1) % 999999999));
    std::snprintf(rate, sizeof(rate), "%llu.%04llu",
                  static_cast<unsigned long long>(80 + R(5, r, 2) % 300),
                  static_cast<unsigned long long>(R(5, r, 3) % 10000));
    return std::vector<Datum>{
        T(id),
        T(absl::StrCat("Dr. ", Pick(kFirst, R(5, r, 4)), " ", Pick(kLast, R(5, r, 5)))),
        R(5, r, 6) % 10 == 0 ? N() : T(npi),
        T(Pick(kSpecialties, R(5, r, 7))),
        I(R(5, r, 8) % 8 != 0),
        R(5, r, 9) % 7 == 0 ? N() : T(rate),
        updated(5, r),
        deleted(5, r)};
  }));
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("DepartmentDim"), departments, [&](int64_t r) {
    int open = 6 + static_cast<int>(R(6, r, 1) % 4);
    return std::vector<Datum>{
        I(r + 1),
        T(absl::StrCat(Pick(kSpecialties, R(6, r, 2)), " ", r + 1)),
        T(absl::StrCat("Campus ", std::string(1, static_cast<char>('A' + r % 5)))),
        T(Pick(kSpecialties, R(6, r, 3))),
        T(absl::StrCat("0", open, ":00:00")),
        r % 6 == 0 ? N() : T("18:30:00"),
        updated(6, r),
        deleted(6, r)};
  }));
  EHI_RETURN_IF_ERROR(Fill(db.get(), table("EncounterFact"), encounters, [&](int64_t r) {
    int64_t admit = 240000000 + static_cast<int64_t>(R(7, r, 1) % 70000000);
    int64_t stay = static_cast<int64_t>(R(7, r, 2) % 400000);
    std::string offset = OffsetText(R(7, r, 3));
    char hours[32], charges[32];
    std::snprintf(hours, sizeof(hours), "%.2f", stay / 3600.0);
    std::snprintf(charges, sizeof(charges), "%llu.%02llu",
                  static_cast<unsigned long long>(R(7, r, 4) % 200000),
                  static_cast<unsigned long long>(R(7, r, 5) % 100));
    std::string date = DateText(admit / 86400);
    char provider[24];
    std::snprintf(provider, sizeof(provider), "P%06lld",
                  static_cast<long long>((R(7, r, 6) % providers) * 13 + 7));
    return std::vector<Datum>{
        I(5000000 + r),
        I(100000 + static_cast<int64_t>(R(7, r, 7) % patients)),
        R(7, r, 8) % 15 == 0 ? N() : T(provider),
        I(1 + static_cast<int64_t>(R(7, r, 9) % departments)),
        I(1 + static_cast<int64_t>(R(7, r, 10) % 6)),
        T(InstantText(admit, R(7, r, 11) % 10000000) + offset),
        R(7, r, 12) % 10 == 0 ? N() : T(InstantText(admit + stay, 0) + offset),
        I(std::stoll(date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2))),
        T(hours),
        T(charges),
        R(7, r, 13) % 3 == 0 ? N()
                             : T(absl::StrCat("Patient seen for follow-up. Température normale; "
                                              "注意 💊 note #",
                                              r)),
        updated(7, r),
        deleted(7, r)};
  }));
  EHI_RETURN_IF_ERROR(
      Fill(db.get(), table("MedicationOrderFact"), counts["MedicationOrderFact"], [&](int64_t r) {
        // Line n of an encounter is row r with r / encounters == n - 1, so the
        // composite key (encounter, line) is unique.
        int64_t encounter = 5000000 + r % encounters;
        int64_t line = r / encounters + 1;
        char dose[32];
        std::snprintf(dose, sizeof(dose), "%llu.%04llu",
                      static_cast<unsigned long long>(R(8, r, 1) % 1000),
                      static_cast<unsigned long long>(R(8, r, 2) % 10000));
        static constexpr const char* kUnits[] = {"mg", "mL", "unit", "mcg", "puff"};
        static constexpr const char* kFreq[] = {"BID", "TID", "Daily", "Q6H PRN", "Once"};
        return std::vector<Datum>{
            I(encounter),
            I(line),
            T(Pick(kMeds, R(8, r, 3))),
            R(8, r, 4) % 12 == 0 ? N() : T(dose),
            T(Pick(kUnits, R(8, r, 5))),
            T(InstantText(240000000 + R(8, r, 6) % 70000000, (R(8, r, 7) % 1000) * 10000)),
            I(R(8, r, 8) % 5 == 0),
            R(8, r, 9) % 9 == 0 ? N() : T(Pick(kFreq, R(8, r, 10))),
            updated(8, r),
            deleted(8, r)};
      }));
  EHI_RETURN_IF_ERROR(Fill(
      db.get(), table("LabComponentResultFact"), counts["LabComponentResultFact"], [&](int64_t r) {
        uint64_t a = R(9, r, 1), b = R(9, r, 2);
        char guid[40];
        std::snprintf(guid, sizeof(guid), "%08X-%04X-%04X-%04X-%012llX",
                      static_cast<unsigned>(a >> 32), static_cast<unsigned>(a >> 16 & 0xFFFF),
                      static_cast<unsigned>((a & 0x0FFF) | 0x4000),
                      static_cast<unsigned>((b >> 48 & 0x3FFF) | 0x8000),
                      static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
        double value = static_cast<double>(R(9, r, 3) % 20000) / 100.0;
        bool numeric = R(9, r, 4) % 6 != 0;
        char text[32];
        std::snprintf(text, sizeof(text), "%.2f", value);
        return std::vector<Datum>{
            T(guid),
            I(5000000 + static_cast<int64_t>(R(9, r, 5) % encounters)),
            T(Pick(kComponents, R(9, r, 6))),
            numeric ? T(text) : T("See note"),
            numeric ? Datum::Real(value) : N(),
            Datum::Real(3.5),
            R(9, r, 7) % 4 == 0 ? N() : Datum::Real(150.25),
            T(InstantText(240000000 + R(9, r, 8) % 70000000, (R(9, r, 9) % 1000) * 10000)),
            I(value > 150 ? 1 : 0),
            R(9, r, 10) % 5 == 0 ? T(absl::StrCat("<OBX><id>", r, "</id><v>", text, "</v></OBX>"))
                                 : N(),
            updated(9, r),
            deleted(9, r)};
      }));
  EHI_RETURN_IF_ERROR(
      Fill(db.get(), table("FlowsheetValueFact"), counts["FlowsheetValueFact"], [&](int64_t r) {
        unsigned sys = 90 + R(10, r, 1) % 60, dia = 55 + R(10, r, 2) % 40;
        bool bp = R(10, r, 3) % 2 == 0;
        char num[32];
        std::snprintf(num, sizeof(num), "%u.%04u", static_cast<unsigned>(R(10, r, 4) % 200),
                      static_cast<unsigned>(R(10, r, 5) % 10000));
        return std::vector<Datum>{
            I(1 + static_cast<int64_t>(R(10, r, 6) % 40)),
            I(100000 + static_cast<int64_t>(R(10, r, 7) % patients)),
            T(InstantText(240000000 + R(10, r, 8) % 70000000, 0)),
            R(10, r, 9) % 20 == 0 ? N() : T(bp ? absl::StrCat(sys, "/", dia) : std::string(num)),
            bp ? N() : T(num),
            updated(10, r),
            deleted(10, r)};
      }));
  EHI_RETURN_IF_ERROR(ExecSql(db.get(), "COMMIT"));
  if (scale >= 100) {
    // The "large" category: a synthetic table of 10,000 × scale rows.
    EHI_ASSIGN_OR_RETURN(std::unique_ptr<Session> session, engine.OpenSession());
    SeedSink sink;
    session->ExecuteBatch(absl::StrCat("EXEC emulator.create_synthetic_table 'dbo', "
                                       "'FlowsheetValueFactHuge', ",
                                       static_cast<int64_t>(scale) * 10000),
                          sink);
    EHI_RETURN_IF_ERROR(sink.error);
  }
  return absl::OkStatus();
}

}  // namespace emulator
