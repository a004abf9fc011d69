// Operation semantics on a real DuckDB file: what Fivetran's documentation
// says each record type does to a destination table.
#include "testing/tester/applier.h"

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "testing/tester/catalog.h"
#include "testing/tester/database.h"
#include "testing/tester/testkit/scripted_source.h"

namespace tester {
namespace {

namespace v2 = ::fivetran_sdk::v2;

using testkit::Col;
using testkit::Long;
using testkit::Null;
using testkit::Str;

v2::Record Rec(const std::string& table, v2::RecordType type,
               const std::map<std::string, v2::ValueType>& data) {
  return testkit::MakeRecord("dbo", table, type, data);
}

class ApplierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/applier-test-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    Open();
  }
  void TearDown() override {
    applier_.reset();
    catalog_.reset();
    db_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }
  void Open(int64_t flush_rows = Applier::kDefaultFlushRows) {
    applier_.reset();
    catalog_.reset();
    db_.reset();
    auto db = Database::Open(dir_ + "/warehouse.db");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    catalog_ = std::make_unique<Catalog>(db_.get(), "default_schema");
    applier_ = std::make_unique<Applier>(db_.get(), catalog_.get(), flush_rows);
  }
  void DeclarePeople() {
    v2::Table t;
    t.set_name("People");
    *t.add_columns() = Col("Id", v2::LONG, true);
    *t.add_columns() = Col("Name", v2::STRING);
    *t.add_columns() = Col("City", v2::STRING);
    ASSERT_TRUE(catalog_->Declare("dbo", t).ok());
  }
  void Apply(v2::RecordType type, const std::map<std::string, v2::ValueType>& data,
             const std::string& table = "People") {
    absl::Status s = applier_->Apply(Rec(table, type, data));
    ASSERT_TRUE(s.ok()) << s;
  }
  // "id|name|city|deleted" per row, ordered by id.
  std::string People() {
    auto r = db_->Query(
        "SELECT id, name, city, _fivetran_deleted FROM "
        "default_schema_dbo.people ORDER BY id");
    EXPECT_TRUE(r.ok()) << r.status();
    std::string out;
    for (const auto& row : r->rows) {
      for (const auto& v : row) out += v.value_or("NULL") + "|";
      out += "\n";
    }
    return out;
  }
  std::string Scalar(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->Scalar() : "";
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Applier> applier_;
};

TEST_F(ApplierTest, UpsertInsertsThenReplacesWholeRow) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann")}, {"City", Str("Oslo")}});
  ASSERT_TRUE(applier_->Commit().ok());
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Anne")}});  // City absent
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|Anne|NULL|false|\n");
  EXPECT_EQ(applier_->counts().upserts, 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.people WHERE "
                   "_fivetran_synced > now() - INTERVAL 1 MINUTE"),
            "1");
}

TEST_F(ApplierTest, UpdateChangesOnlySentColumnsAndIgnoresUnknownKeys) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann")}, {"City", Str("Oslo")}});
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("Bob")}, {"City", Str("Rome")}});
  ASSERT_TRUE(applier_->Commit().ok());
  Apply(v2::UPDATE, {{"Id", Long(1)}, {"City", Str("Bergen")}, {"Nope", Str("x")}});
  Apply(v2::UPDATE, {{"Id", Long(2)}, {"Name", Null()}});
  Apply(v2::UPDATE, {{"Id", Long(99)}, {"Name", Str("ghost")}});  // no such row
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|Ann|Bergen|false|\n2|NULL|Rome|false|\n");
}

TEST_F(ApplierTest, DeleteIsSoftAndUpsertRevives) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann")}});
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("Bob")}});
  ASSERT_TRUE(applier_->Commit().ok());
  Apply(v2::DELETE, {{"Id", Long(1)}});
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|Ann|NULL|true|\n2|Bob|NULL|false|\n");
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann again")}});
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|Ann again|NULL|false|\n2|Bob|NULL|false|\n");
}

TEST_F(ApplierTest, TruncateSoftDeletesOnlyRowsSyncedBeforeIt) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann")}});
  ASSERT_TRUE(applier_->Commit().ok());
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("Bob")}});  // same transaction
  Apply(v2::TRUNCATE, {});
  Apply(v2::UPSERT, {{"Id", Long(3)}, {"Name", Str("Cid")}});
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann 2")}});  // revived
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|Ann 2|NULL|false|\n2|Bob|NULL|true|\n3|Cid|NULL|false|\n");
  EXPECT_EQ(applier_->counts().truncates, 1);
}

TEST_F(ApplierTest, PerKeyOrderIsKeptInsideOneBatch) {
  DeclarePeople();
  // upsert then delete: deleted; delete then upsert: alive; two upserts: last.
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("a")}});
  Apply(v2::DELETE, {{"Id", Long(1)}});
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("b")}});
  Apply(v2::DELETE, {{"Id", Long(2)}});
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("b2")}});
  Apply(v2::UPSERT, {{"Id", Long(3)}, {"Name", Str("c1")}});
  Apply(v2::UPSERT, {{"Id", Long(3)}, {"Name", Str("c2")}});
  Apply(v2::UPDATE, {{"Id", Long(3)}, {"City", Str("x")}});
  Apply(v2::UPDATE, {{"Id", Long(3)}, {"City", Str("y")}});
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(), "1|a|NULL|true|\n2|b2|NULL|false|\n3|c2|y|false|\n");
}

TEST_F(ApplierTest, OrderIsKeptAcrossSizeTriggeredFlushes) {
  Open(/*flush_rows=*/2);
  DeclarePeople();
  for (int round = 0; round < 3; ++round) {
    for (int id = 1; id <= 5; ++id) {
      Apply(v2::UPSERT, {{"Id", Long(id)}, {"Name", Str("r" + std::to_string(round))}});
    }
  }
  Apply(v2::DELETE, {{"Id", Long(4)}});
  Apply(v2::DELETE, {{"Id", Long(5)}});
  Apply(v2::UPSERT, {{"Id", Long(5)}, {"Name", Str("back")}});
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(People(),
            "1|r2|NULL|false|\n2|r2|NULL|false|\n3|r2|NULL|false|\n"
            "4|r2|NULL|true|\n5|back|NULL|false|\n");
}

TEST_F(ApplierTest, KeylessTableIsKeyedByValueHash) {
  v2::Table t;
  t.set_name("Events");
  *t.add_columns() = Col("Kind", v2::STRING);
  *t.add_columns() = Col("Amount", v2::LONG);
  ASSERT_TRUE(catalog_->Declare("dbo", t).ok());
  Apply(v2::UPSERT, {{"Kind", Str("a")}, {"Amount", Long(1)}}, "Events");
  Apply(v2::UPSERT, {{"Kind", Str("a")}, {"Amount", Long(1)}}, "Events");  // same
  Apply(v2::UPSERT, {{"Kind", Str("b")}, {"Amount", Null()}}, "Events");
  Apply(v2::UPSERT, {{"Kind", Str("c")}}, "Events");  // absent == NULL
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.events"), "3");
  EXPECT_EQ(Scalar("SELECT count(DISTINCT _fivetran_id) FROM "
                   "default_schema_dbo.events WHERE length(_fivetran_id) = 32"),
            "3");
  Apply(v2::DELETE, {{"Kind", Str("b")}, {"Amount", Null()}}, "Events");
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT string_agg(kind, ',' ORDER BY kind) FROM "
                   "default_schema_dbo.events WHERE _fivetran_deleted"),
            "b");
  // UPDATE needs the row's identity.
  EXPECT_FALSE(applier_->Apply(Rec("Events", v2::UPDATE, {{"Kind", Str("z")}})).ok());
}

TEST_F(ApplierTest, ReservedWordsAreOrdinaryNames) {
  v2::Table t;
  t.set_name("Order");
  *t.add_columns() = Col("Select", v2::LONG, true);
  *t.add_columns() = Col("group", v2::STRING);
  *t.add_columns() = Col("From Date", v2::NAIVE_DATE);
  ASSERT_TRUE(catalog_->Declare("dbo", t).ok());
  v2::ValueType day;
  day.mutable_naive_date()->set_seconds(19000LL * 86400);
  Apply(v2::UPSERT, {{"Select", Long(7)}, {"group", Str("g")}, {"From Date", day}}, "Order");
  Apply(v2::UPDATE, {{"Select", Long(7)}, {"group", Str("h")}}, "Order");
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT \"group\" || ' ' || from_date FROM "
                   "default_schema_dbo.\"order\" WHERE \"select\" = 7"),
            "h 2022-01-08");
}

TEST_F(ApplierTest, SchemaChangeAddsColumnsAndTables) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("Ann")}});
  v2::SchemaChange change;
  v2::Schema* s = change.mutable_with_schema()->add_schemas();
  s->set_name("dbo");
  v2::Table* people = s->add_tables();
  people->set_name("People");
  *people->add_columns() = Col("Id", v2::LONG, true);
  *people->add_columns() = Col("Age", v2::INT);
  v2::Table* pets = s->add_tables();
  pets->set_name("Pets");
  *pets->add_columns() = Col("PetId", v2::LONG, true);
  ASSERT_TRUE(applier_->ApplySchemaChange(change).ok());
  v2::ValueType age;
  age.set_int_(40);
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("Bob")}, {"Age", age}});
  Apply(v2::UPSERT, {{"PetId", Long(5)}}, "Pets");
  ASSERT_TRUE(applier_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT string_agg(id || ':' || coalesce(age::VARCHAR, "
                   "'null') || ':' || name, ',' ORDER BY id) FROM "
                   "default_schema_dbo.people"),
            "1:null:Ann,2:40:Bob");
  EXPECT_EQ(Scalar("SELECT count(*) FROM default_schema_dbo.pets"), "1");
  EXPECT_EQ(applier_->counts().schema_changes, 1);
}

TEST_F(ApplierTest, UndeclaredTablesAndColumnsFailClearly) {
  DeclarePeople();
  absl::Status s = applier_->Apply(Rec("Ghost", v2::UPSERT, {{"Id", Long(1)}}));
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_NE(s.message().find("Ghost"), std::string::npos);
  s = applier_->Apply(Rec("People", v2::UPSERT, {{"Id", Long(1)}, {"Zip", Long(9)}}));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'Zip'"), std::string::npos) << s;
  s = applier_->Apply(Rec("People", v2::DELETE, {{"Name", Str("x")}}));
  EXPECT_NE(s.message().find("lacks primary key column 'Id'"), std::string::npos) << s;
}

TEST_F(ApplierTest, OnlyCommittedOperationsSurviveAReopen) {
  DeclarePeople();
  Apply(v2::UPSERT, {{"Id", Long(1)}, {"Name", Str("kept")}});
  ASSERT_TRUE(applier_->Commit().ok());
  Apply(v2::UPSERT, {{"Id", Long(2)}, {"Name", Str("lost")}});
  Apply(v2::DELETE, {{"Id", Long(1)}});
  Open();  // as if the process died before the next checkpoint
  EXPECT_EQ(People(), "1|kept|NULL|false|\n");
}

TEST_F(ApplierTest, EveryTypeIsStoredAsItsDuckDbType) {
  v2::Table t;
  t.set_name("Types");
  *t.add_columns() = Col("k", v2::INT, true);
  *t.add_columns() = Col("b", v2::BOOLEAN);
  *t.add_columns() = Col("sh", v2::SHORT);
  *t.add_columns() = Col("f", v2::FLOAT);
  *t.add_columns() = Col("d", v2::DOUBLE);
  v2::Column dec = Col("dec", v2::DECIMAL);
  dec.mutable_params()->mutable_decimal()->set_precision(38);
  dec.mutable_params()->mutable_decimal()->set_scale(10);
  *t.add_columns() = dec;
  *t.add_columns() = Col("nd", v2::NAIVE_DATE);
  *t.add_columns() = Col("ndt", v2::NAIVE_DATETIME);
  *t.add_columns() = Col("utc", v2::UTC_DATETIME);
  *t.add_columns() = Col("tm", v2::NAIVE_TIME);
  *t.add_columns() = Col("bin", v2::BINARY);
  *t.add_columns() = Col("x", v2::XML);
  *t.add_columns() = Col("j", v2::JSON);
  *t.add_columns() = Col("s", v2::STRING);
  ASSERT_TRUE(catalog_->Declare("dbo", t).ok());
  std::map<std::string, v2::ValueType> row;
  row["k"].set_int_(1);
  row["b"].set_bool_(true);
  row["sh"].set_short_(-32768);
  row["f"].set_float_(1.5f);
  row["d"].set_double_(-2.25);
  row["dec"].set_decimal("1234567890123456789012345678.0123456789");
  row["nd"].mutable_naive_date()->set_seconds(-86400);  // 1969-12-31
  row["ndt"].mutable_naive_datetime()->set_seconds(1700000000);
  row["ndt"].mutable_naive_datetime()->set_nanos(123456000);
  row["utc"].mutable_utc_datetime()->set_seconds(0);
  row["tm"].mutable_naive_time()->set_seconds(3723);
  row["bin"].set_binary(std::string("\0\x01\xff", 3));
  row["x"].set_xml("<a/>");
  row["j"].set_json("{\"a\":1}");
  row["s"].set_string("h\xC3\xA9llo \xF0\x9F\x98\x80");
  Apply(v2::UPSERT, row, "Types");
  ASSERT_TRUE(applier_->Commit().ok());
  auto r = db_->Query(
      "SELECT * EXCLUDE (_fivetran_synced) FROM "
      "default_schema_dbo.types");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rows.size(), 1u);
  std::vector<std::string> got;
  for (const auto& v : r->rows[0]) got.push_back(v.value_or("NULL"));
  EXPECT_EQ(got,
            (std::vector<std::string>{
                "1", "true", "-32768", "1.5", "-2.25", "1234567890123456789012345678.0123456789",
                "1969-12-31", "2023-11-14 22:13:20.123456", "1970-01-01 00:00:00+00", "01:02:03",
                "\\x00\\x01\\xFF", "<a/>", "{\"a\":1}", "h\xC3\xA9llo \xF0\x9F\x98\x80", "false"}));
  auto types = db_->Query(
      "SELECT string_agg(data_type, ',' ORDER BY ordinal_position) FROM "
      "information_schema.columns WHERE table_name = 'types'");
  ASSERT_TRUE(types.ok());
  EXPECT_EQ(types->Scalar(),
            "INTEGER,BOOLEAN,SMALLINT,FLOAT,DOUBLE,DECIMAL(38,10),DATE,"
            "TIMESTAMP,TIMESTAMP WITH TIME ZONE,TIME,BLOB,VARCHAR,VARCHAR,"
            "VARCHAR,TIMESTAMP WITH TIME ZONE,BOOLEAN");
  EXPECT_EQ(Scalar("SELECT constraint_type FROM "
                   "information_schema.table_constraints WHERE table_name = "
                   "'types' AND constraint_type = 'PRIMARY KEY'"),
            "PRIMARY KEY");
}

TEST_F(ApplierTest, BadValueNamesTableAndColumn) {
  DeclarePeople();
  absl::Status s = applier_->Apply(Rec("People", v2::UPSERT, {{"Id", Str("not a number")}}));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("dbo.People"), std::string::npos) << s;
  EXPECT_NE(s.message().find("'Id'"), std::string::npos) << s;
}

}  // namespace
}  // namespace tester
