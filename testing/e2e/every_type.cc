#include "testing/e2e/every_type.h"

#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connector/sqlserver/decode.h"
#include "connector/value.h"

namespace ehi::e2e {
namespace {

const std::string& LongAscii() {
  static const std::string* s = new std::string(5000, 'x');
  return *s;
}
const std::string& LongUnicode() {
  static const std::string* s = [] {
    auto* out = new std::string();
    for (int i = 0; i < 6000; ++i) *out += "ü";
    return out;
  }();
  return *s;
}

}  // namespace

const std::vector<ExpectedColumn>& EveryTypeColumns() {
  static const std::vector<ExpectedColumn>* columns = new std::vector<ExpectedColumn>{
      {"k_int", "int NOT NULL", DataType::kInt, true},
      {"k_str", "nvarchar(20) NOT NULL", DataType::kString, true, -1, -1, 60},
      {"c_bit", "bit", DataType::kBoolean},
      {"c_tinyint", "tinyint", DataType::kShort},
      {"c_smallint", "smallint", DataType::kShort},
      {"c_bigint", "bigint", DataType::kLong},
      {"c_decimal", "decimal(18,4)", DataType::kDecimal, false, 18, 4},
      {"c_numeric", "numeric(38,10)", DataType::kDecimal, false, 38, 10},
      {"c_money", "money", DataType::kDecimal, false, 19, 4},
      {"c_smallmoney", "smallmoney", DataType::kDecimal, false, 10, 4},
      {"c_real", "real", DataType::kFloat},
      {"c_float", "float", DataType::kDouble},
      {"c_date", "date", DataType::kNaiveDate},
      {"c_time", "time(7)", DataType::kString, false, -1, -1, 16},
      {"c_datetime", "datetime", DataType::kNaiveDateTime},
      {"c_smalldatetime", "smalldatetime", DataType::kNaiveDateTime},
      {"c_datetime2", "datetime2(7)", DataType::kNaiveDateTime},
      {"c_dto", "datetimeoffset(7)", DataType::kUtcDateTime},
      {"c_char", "char(10)", DataType::kString, false, -1, -1, 30},
      {"c_varchar", "varchar(50)", DataType::kString, false, -1, -1, 150},
      {"c_varchar_max", "varchar(max)", DataType::kString},
      {"c_nchar", "nchar(10)", DataType::kString, false, -1, -1, 30},
      {"c_nvarchar", "nvarchar(50)", DataType::kString, false, -1, -1, 150},
      {"c_nvarchar_max", "nvarchar(max)", DataType::kString},
      {"c_text", "text", DataType::kString},
      {"c_ntext", "ntext", DataType::kString},
      {"c_binary", "binary(8)", DataType::kBinary},
      {"c_varbinary", "varbinary(16)", DataType::kBinary},
      {"c_varbinary_max", "varbinary(max)", DataType::kBinary},
      {"c_image", "image", DataType::kBinary},
      {"c_guid", "uniqueidentifier", DataType::kString, false, -1, -1, 36},
      {"c_xml", "xml", DataType::kXml},
      {"c_rowversion", "rowversion", DataType::kBinary},
  };
  return *columns;
}

std::string EveryTypeCreateSql(const std::string& name) {
  std::vector<std::string> defs;
  for (const ExpectedColumn& c : EveryTypeColumns()) {
    defs.push_back(absl::StrCat("[", c.name, "] ", c.declaration));
  }
  defs.push_back("PRIMARY KEY ([k_int], [k_str])");
  return absl::StrCat("CREATE TABLE ", name, " (", absl::StrJoin(defs, ", "), ")");
}

std::string EveryTypeInsertSql(const std::string& name) {
  return absl::StrCat(
      "INSERT INTO ", name,
      " ([k_int], [k_str], [c_bit], [c_tinyint], [c_smallint], [c_bigint], [c_decimal], "
      "[c_numeric], [c_money], [c_smallmoney], [c_real], [c_float], [c_date], [c_time], "
      "[c_datetime], [c_smalldatetime], [c_datetime2], [c_dto], [c_char], [c_varchar], "
      "[c_varchar_max], [c_nchar], [c_nvarchar], [c_nvarchar_max], [c_text], [c_ntext], "
      "[c_binary], [c_varbinary], [c_varbinary_max], [c_image], [c_guid], [c_xml]) VALUES "
      "(1, N'one', 1, 255, -32768, 9223372036854775807, 12345678901234.5678, "
      "-1.5, 922337203685477.5807, -214748.3648, 1.5, 0.1, '2024-02-29', "
      "'13:14:15.1234567', '2024-01-02T03:04:05.003', '2024-01-02T03:04:00', "
      "'0001-01-01T00:00:00.0000001', '2024-01-02T03:04:05.1234567+05:30', 'ab', "
      "'h\xC3\xA9llo', '",
      LongAscii(), "', N'ab', N'\xE6\x82\xA3\xE8\x80\x85 \xE2\x82\xAC', N'", LongUnicode(),
      "', 'T', N'NT', 0x0102, 0xDEADBEEF, 0x, 0x00, "
      "'6F9619FF-8B86-D011-B42D-00C04FC964FF', N'<a>1</a>'); "
      "INSERT INTO ",
      name, " ([k_int], [k_str], [c_varchar]) VALUES (2, N'two', '')");
}

std::vector<std::string> CheckEveryTypeValues(sqlserver::Connection& conn,
                                              const std::string& name) {
  std::vector<std::string> problems;
  std::vector<std::string> columns;
  for (const ExpectedColumn& c : EveryTypeColumns()) columns.push_back("[" + c.name + "]");
  const std::string sql =
      absl::StrCat("SELECT ", absl::StrJoin(columns, ", "), " FROM ", name, " ORDER BY [k_int]");
  int row_number = 0;
  absl::Status s = conn.Query(sql, [&](const sqlserver::Row& row) -> absl::Status {
    ++row_number;
    std::map<std::string, Value> v;
    for (int i = 0; i < row.column_count(); ++i) {
      absl::StatusOr<Value> value = row.Get(i);
      if (!value.ok()) {
        problems.push_back(absl::StrCat(row.columns()[i].name, ": ", value.status().ToString()));
        continue;
      }
      v[row.columns()[i].name] = *value;
    }
    auto text = [&](const std::string& col, const std::string& want) {
      const Value& x = v[col];
      if (x.is_null || x.text != want) {
        problems.push_back(absl::StrCat("row ", row_number, " ", col, ": got '",
                                        x.is_null ? "NULL" : x.text.substr(0, 80), "' (",
                                        x.text.size(), " bytes), want '", want.substr(0, 80), "' (",
                                        want.size(), " bytes)"));
      }
    };
    auto integer = [&](const std::string& col, int64_t want) {
      const Value& x = v[col];
      if (x.is_null || x.integer != want) {
        problems.push_back(absl::StrCat("row ", row_number, " ", col, ": got ", x.integer,
                                        x.is_null ? " (NULL)" : "", ", want ", want));
      }
    };
    auto stamp = [&](const std::string& col, const std::string& want) {
      const Value& x = v[col];
      const std::string got = x.is_null ? "NULL" : FormatTimestamp(x.timestamp);
      if (got != want) {
        problems.push_back(
            absl::StrCat("row ", row_number, " ", col, ": got ", got, ", want ", want));
      }
    };
    auto type = [&](const std::string& col, DataType want) {
      if (v[col].type != want) {
        problems.push_back(absl::StrCat(col, ": domain type ", DataTypeName(v[col].type), ", want ",
                                        DataTypeName(want)));
      }
    };
    if (row_number == 1) {
      integer("k_int", 1);
      text("k_str", "one");
      if (v["c_bit"].is_null || !v["c_bit"].boolean) problems.push_back("c_bit: want true");
      integer("c_tinyint", 255);
      integer("c_smallint", -32768);
      integer("c_bigint", INT64_MAX);
      text("c_decimal", "12345678901234.5678");
      text("c_numeric", "-1.5000000000");
      text("c_money", "922337203685477.5807");
      text("c_smallmoney", "-214748.3648");
      if (v["c_real"].real != 1.5) problems.push_back("c_real: want 1.5");
      if (v["c_float"].real != 0.1) problems.push_back("c_float: want 0.1 exactly");
      stamp("c_date", "2024-02-29T00:00:00.0000000");
      text("c_time", "13:14:15.1234567");
      stamp("c_datetime", "2024-01-02T03:04:05.0033333");
      stamp("c_smalldatetime", "2024-01-02T03:04:00.0000000");
      stamp("c_datetime2", "0001-01-01T00:00:00.0000001");
      stamp("c_dto", "2024-01-01T21:34:05.1234567");
      text("c_char", "ab        ");
      text("c_varchar", "h\xC3\xA9llo");
      text("c_varchar_max", LongAscii());
      text("c_nchar", "ab        ");
      text("c_nvarchar", "\xE6\x82\xA3\xE8\x80\x85 \xE2\x82\xAC");
      text("c_nvarchar_max", LongUnicode());
      text("c_text", "T");
      text("c_ntext", "NT");
      text("c_binary", std::string("\x01\x02\0\0\0\0\0\0", 8));
      text("c_varbinary", "\xDE\xAD\xBE\xEF");
      text("c_varbinary_max", "");
      text("c_image", std::string("\0", 1));
      text("c_guid", "6F9619FF-8B86-D011-B42D-00C04FC964FF");
      text("c_xml", "<a>1</a>");
      if (v["c_rowversion"].is_null || v["c_rowversion"].text.size() != 8) {
        problems.push_back("c_rowversion: want 8 bytes");
      }
      type("c_tinyint", DataType::kShort);
      type("c_bigint", DataType::kLong);
      type("c_decimal", DataType::kDecimal);
      type("c_money", DataType::kDecimal);
      type("c_real", DataType::kFloat);
      type("c_float", DataType::kDouble);
      type("c_date", DataType::kNaiveDate);
      type("c_time", DataType::kString);
      type("c_datetime", DataType::kNaiveDateTime);
      type("c_dto", DataType::kUtcDateTime);
      type("c_guid", DataType::kString);
      type("c_varbinary", DataType::kBinary);
    } else if (row_number == 2) {
      for (const ExpectedColumn& c : EveryTypeColumns()) {
        if (c.primary_key || c.name == "c_varchar" || c.name == "c_rowversion") continue;
        if (!v[c.name].is_null) problems.push_back(absl::StrCat("row 2 ", c.name, ": want NULL"));
      }
      // Empty string is not NULL.
      text("c_varchar", "");
    }
    return absl::OkStatus();
  });
  if (!s.ok()) problems.push_back(absl::StrCat("query failed: ", s.ToString()));
  if (row_number != 2) problems.push_back(absl::StrCat("read ", row_number, " rows, want 2"));
  return problems;
}

}  // namespace ehi::e2e
