// SQL Server types as the emulator stores them in SQLite.
//
// Every column keeps its declared SqlType in the metadata tables; its values
// are stored in a form whose plain SQLite ordering (or the collation named by
// StorageCollation) equals SQL Server's ordering:
//
//   bit .. bigint            INTEGER
//   real, float              REAL (real rounded to single precision)
//   decimal, numeric, money  TEXT "-123.4500" (exact, scale digits), collated
//                            by ms_decimal (numeric comparison)
//   date                     TEXT "YYYY-MM-DD"
//   time(n)                  TEXT "HH:MM:SS.fffffff" (always 7 digits, rounded
//                            to n)
//   datetime, smalldatetime,
//   datetime2(n)             TEXT "YYYY-MM-DD HH:MM:SS.fffffff"; datetime keeps
//                            its exact 1/300 s value (.003 is .0033333), so
//                            comparing it with datetime2 behaves as in SQL
//                            Server 2016+
//   datetimeoffset(n)        TEXT "<UTC datetime, 7 digits> +HH:MM": sorts by
//                            the UTC instant
//   char .. ntext, xml       TEXT UTF-8 (char(n) padded), collated by ms_ci
//                            (varchar) or ms_cin (nvarchar)
//   binary .. image          BLOB
//   rowversion               BLOB, 8 bytes big-endian counter
//   uniqueidentifier         BLOB, 16-byte permuted key (SQL Server order)
#ifndef EHI_TESTING_EMULATOR_ENGINE_SQL_TYPES_H_
#define EHI_TESTING_EMULATOR_ENGINE_SQL_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

// A value in storage form, independent of SQLite.
struct Datum {
  enum class Kind { kNull, kInt, kReal, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  static Datum Null() { return Datum(); }
  static Datum Int(int64_t v) {
    Datum out;
    out.kind = Kind::kInt;
    out.i = v;
    return out;
  }
  static Datum Real(double v) {
    Datum out;
    out.kind = Kind::kReal;
    out.d = v;
    return out;
  }
  static Datum Text(std::string v) {
    Datum out;
    out.kind = Kind::kText;
    out.s = std::move(v);
    return out;
  }
  static Datum Blob(std::string v) {
    Datum out;
    out.kind = Kind::kBlob;
    out.s = std::move(v);
    return out;
  }
  bool is_null() const { return kind == Kind::kNull; }
};

enum class TypeFamily {
  kInt,
  kDecimal,
  kFloat,
  kDate,
  kTime,
  kDateTime,
  kDateTimeOffset,
  kString,
  kBinary,
  kGuid
};

TypeFamily FamilyOf(TypeId id);
bool IsUnicode(TypeId id);          // nchar, nvarchar, ntext, xml
bool IsMaxOrLob(const SqlType& t);  // (max), text, ntext, image, xml

// "nvarchar(50)", "decimal(18,2)", "datetime2(7)", "varbinary(max)".
std::string TypeToString(const SqlType& type);
// The lower-case base name: "nvarchar", "timestamp" for rowversion.
absl::string_view BaseTypeName(TypeId id);
// Builds a type from a T-SQL name and its parenthesised arguments ("max" or
// numbers). `for_cast` selects CAST's defaults (varchar → 30) over DDL's (1).
absl::StatusOr<SqlType> MakeSqlType(absl::string_view name, const std::vector<std::string>& args,
                                    bool for_cast);
// Parses TypeToString's output.
absl::StatusOr<SqlType> ParseTypeString(absl::string_view text);

// SQL Server's sys.types id (system_type_id) and the per-column catalog
// values (max_length in bytes, precision, scale) described in the notes.
int SystemTypeId(TypeId id);
int CatalogMaxLength(const SqlType& t);
int CatalogPrecision(const SqlType& t);
int CatalogScale(const SqlType& t);
// Data type precedence: a higher number wins an implicit conversion.
int TypePrecedence(TypeId id);

// Converts `in` (whose SQL Server type is `from`, or unknown when null) to the
// storage form of `to`. `style` is CONVERT's style (0 = CAST). `assignment`
// selects INSERT/UPDATE rules (string truncation is an error 2628, naming
// `table` and `column`); otherwise CAST truncates silently.
struct ConvertOptions {
  int style = 0;
  bool assignment = false;
  absl::string_view table;   // "db.dbo.T" for 2628
  absl::string_view column;  // for 2628
};
absl::StatusOr<Datum> ConvertDatum(const Datum& in, const SqlType* from, const SqlType& to,
                                   const ConvertOptions& options);

// Storage → the canonical Value form of engine_api.h, in place (reuses the
// Value's buffer). `text`/`blob` point at the stored bytes.
void StoredTextToValue(const SqlType& t, const char* data, size_t size, Value* out);

// Date/time helpers shared with the functions and the synthetic table.
struct DateTimeParts {
  int64_t days = 0;   // since 0001-01-01
  int64_t ticks = 0;  // 100 ns since midnight
  int offset_minutes = 0;
  bool has_offset = false;
};
// Parses the ISO forms SQL Server accepts ('YYYY-MM-DD', 'YYYYMMDD', with a
// 'T' or space and a time, optional Z or ±HH:MM; a bare time).
bool ParseDateTimeText(absl::string_view text, DateTimeParts* out);
// Parses stored date/time forms (fast path of ParseDateTimeText).
std::string FormatStoredDateTime(int64_t days, int64_t ticks);  // 27 chars
std::string FormatStoredDateTimeOffset(int64_t utc_days, int64_t utc_ticks, int offset);
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

// Exact decimal text normalisation: rounds half away from zero to `scale`
// digits; fails with 8115 when more than precision - scale integer digits.
absl::StatusOr<std::string> NormalizeDecimal(absl::string_view text, int precision, int scale,
                                             absl::string_view from_type_name);
// Numeric comparison of two decimal texts (<0, 0, >0); non-numbers compare
// byte-wise after numbers.
int CompareDecimalText(absl::string_view a, absl::string_view b);

// uniqueidentifier helpers: wire order (Data1..3 little-endian) vs the stored
// permuted key.
std::string GuidWireToKey(absl::string_view wire);
std::string GuidKeyToWire(absl::string_view key);
bool ParseGuidText(absl::string_view text, std::string* wire);
std::string FormatGuidWire(absl::string_view wire);

// UTF-8 helpers.
int64_t Utf16Length(absl::string_view utf8);
int64_t CharLength(absl::string_view utf8);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_SQL_TYPES_H_
