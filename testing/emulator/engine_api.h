// The contract between the emulator's two halves:
//
//   wire/   speaks TDS 7.4 (PRELOGIN, TLS, LOGIN7, batches, RPC, ATTENTION)
//           and encodes result sets as COLMETADATA / ROW / NBCROW / DONE.
//   engine/ executes T-SQL over SQLite and reports results through a
//           ResultSink, knowing nothing about the wire format.
//
// A session is used by one connection thread at a time; the Engine is shared
// by all connections and must be thread-safe.
//
// Canonical values (Value) for each SqlType, which both sides rely on:
//   bit, tinyint, smallint, int, bigint ........ kInt
//   real, float ................................. kDouble
//   decimal, numeric, money, smallmoney ......... kText, plain decimal
//                                                 "-123.4500" (no exponent);
//                                                 the wire side scales it
//                                                 exactly to the column scale
//   date ........................................ kText "YYYY-MM-DD"
//   time(n) ..................................... kText "HH:MM:SS[.f{1,7}]"
//   datetime, smalldatetime, datetime2(n) ....... kText "YYYY-MM-DD HH:MM:SS[.f{1,7}]"
//   datetimeoffset(n) ........................... kText "YYYY-MM-DD HH:MM:SS[.f{1,7}] +HH:MM"
//                                                 (local time and its offset,
//                                                 as SQL Server prints it)
//   char, varchar, nchar, nvarchar, text, ntext,
//   xml ......................................... kText, UTF-8
//   binary, varbinary, image, rowversion ........ kBytes
//   uniqueidentifier ............................ kBytes, 16 bytes in TDS wire
//                                                 order (Data1..3 little-endian)
// Any type may be kNull.
#ifndef EHI_TESTING_EMULATOR_ENGINE_API_H_
#define EHI_TESTING_EMULATOR_ENGINE_API_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace emulator {

enum class TypeId {
  kBit,
  kTinyInt,
  kSmallInt,
  kInt,
  kBigInt,
  kDecimal,
  kNumeric,
  kMoney,
  kSmallMoney,
  kReal,
  kFloat,
  kDate,
  kTime,
  kDateTime,
  kSmallDateTime,
  kDateTime2,
  kDateTimeOffset,
  kChar,
  kVarChar,
  kNChar,
  kNVarChar,
  kText,
  kNText,
  kBinary,
  kVarBinary,
  kImage,
  kUniqueIdentifier,
  kXml,
  kRowVersion,
};

// A SQL Server column type as declared, e.g. decimal(18,2) or nvarchar(max).
struct SqlType {
  TypeId id = TypeId::kInt;
  // char/varchar/nchar/nvarchar: characters; binary/varbinary: bytes;
  // kMaxLength for (max). Unused for other types.
  int length = 0;
  int precision = 0;  // decimal/numeric: 1..38
  int scale = 0;      // decimal/numeric scale; fractional digits (0..7) of
                      // time, datetime2 and datetimeoffset
  static constexpr int kMaxLength = -1;

  // SqlType::Of(TypeId::kDecimal, 0, 18, 2) is decimal(18,2).
  static SqlType Of(TypeId id, int length = 0, int precision = 0, int scale = 0) {
    SqlType t;
    t.id = id;
    t.length = length;
    t.precision = precision;
    t.scale = scale;
    return t;
  }
};

struct Value {
  enum class Kind { kNull, kInt, kDouble, kText, kBytes };
  Kind kind = Kind::kNull;
  int64_t int_value = 0;
  double double_value = 0;
  std::string bytes;  // kText (UTF-8) or kBytes

  static Value Null() { return Value(); }
  static Value Int(int64_t v) {
    Value out;
    out.kind = Kind::kInt;
    out.int_value = v;
    return out;
  }
  static Value Double(double v) {
    Value out;
    out.kind = Kind::kDouble;
    out.double_value = v;
    return out;
  }
  static Value Text(std::string v) {
    Value out;
    out.kind = Kind::kText;
    out.bytes = std::move(v);
    return out;
  }
  static Value Bytes(std::string v) {
    Value out;
    out.kind = Kind::kBytes;
    out.bytes = std::move(v);
    return out;
  }
  bool is_null() const { return kind == Kind::kNull; }
};

struct Column {
  std::string name;
  SqlType type;
  bool nullable = true;
};

// An INFO (severity <= 10) or ERROR (severity >= 11) message, with SQL
// Server's number, state and severity ("class").
struct ServerMessage {
  int number = 0;
  int state = 1;
  int severity = 16;
  std::string text;
  int line = 1;
};

// Receives the results of one request, in order. Implemented by wire/.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  // Starts a result set; Row() calls follow.
  virtual void BeginRows(const std::vector<Column>& columns) = 0;
  // One row, values in column order. Returns false when the client sent
  // ATTENTION or the connection is gone: the engine stops producing rows and
  // returns from Execute promptly, without StatementDone for that statement
  // (the wire side then sends the DONE with the attention bit).
  virtual bool Row(const std::vector<Value>& values) = 0;
  // Ends one statement: `row_count` is valid when `has_count` (rows selected
  // or affected); `error` marks a statement that failed.
  virtual void StatementDone(bool has_count, int64_t row_count, bool error) = 0;
  virtual void Message(const ServerMessage& message) = 0;
  // True once ATTENTION arrived; the engine polls it while stalled or
  // between statements.
  virtual bool Cancelled() = 0;
};

// Session options that the wire layer must honour when encoding.
struct SessionOptions {
  // SET TEXTSIZE: (max) types, text, ntext, image and xml values are cut to
  // this many bytes when sent. SQL Server's default is 4096; SET TEXTSIZE 0
  // restores it; -1 or 2147483647 mean unlimited.
  int64_t text_size = 4096;
};

// One RPC parameter (sp_executesql), decoded by the wire layer.
struct Param {
  std::string name;  // with the leading '@'
  SqlType type;
  Value value;
};

enum class ExecOutcome {
  kOk,              // results (and errors, if any) were sent to the sink
  kDropConnection,  // an injected fault: close the socket now, no DONE
};

class Session {
 public:
  virtual ~Session() = default;
  // Runs a SQL batch (possibly several statements).
  virtual ExecOutcome ExecuteBatch(std::string_view sql, ResultSink& sink) = 0;
  // Runs sp_executesql: `sql` with @-named parameters bound to `params`.
  virtual ExecOutcome ExecuteRpc(std::string_view sql, const std::vector<Param>& params,
                                 ResultSink& sink) = 0;
  virtual const SessionOptions& options() const = 0;
  // RESETCONNECTION: restore session defaults.
  virtual void Reset() = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  // The database name reported by DB_NAME() and in the login ENVCHANGE.
  virtual std::string database_name() const = 0;
  virtual absl::StatusOr<std::unique_ptr<Session>> OpenSession() = 0;
  // Called once per accepted connection before login; lets connection-scoped
  // faults ("refuse the next N connections") act. True = refuse.
  virtual bool ShouldRefuseConnection() = 0;
};

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_ENGINE_API_H_
