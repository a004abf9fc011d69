// Catalog views: columns, values and live row counts.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/emulator/engine/engine_test_util.h"

namespace emulator {
namespace {

using ::testing::ElementsAre;

class CatalogTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Exec("CREATE SCHEMA ehr");
    Exec(
        "CREATE TABLE ehr.AllTypes (k int NOT NULL, s nvarchar(50) NOT NULL, a bit, b tinyint, "
        "c smallint, d bigint, e decimal(38,10), f numeric(9,2), g money, h smallmoney, i real, "
        "j float, l date, m time(3), n datetime, o smalldatetime, p datetime2(7), "
        "q datetimeoffset(0), r char(10), t varchar(max), u nchar(5), v ntext, w text, "
        "x binary(16), y varbinary(max), z image, g2 uniqueidentifier, xm xml, rv rowversion, "
        "CONSTRAINT PK_AllTypes PRIMARY KEY (k, s DESC))");
    Exec("CREATE TABLE dbo.Heap (v int)");
    Exec("INSERT INTO dbo.Heap VALUES (1), (2), (3)");
  }
};

TEST_F(CatalogTest, SysColumnsValues) {
  EXPECT_THAT(
      Rows("SELECT c.name, t.name, c.max_length, c.precision, c.scale, c.is_nullable "
           "FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id "
           "WHERE c.object_id = OBJECT_ID(N'[ehr].[AllTypes]') AND c.name IN "
           "('k','s','e','f','g','m','n','o','p','q','r','t','u','v','x','g2','xm','rv') "
           "ORDER BY c.column_id"),
      ElementsAre("k|int|4|10|0|0", "s|nvarchar|100|0|0|0", "e|decimal|17|38|10|1",
                  "f|numeric|5|9|2|1", "g|money|8|19|4|1", "m|time|4|12|3|1", "n|datetime|8|23|3|1",
                  "o|smalldatetime|4|16|0|1", "p|datetime2|8|27|7|1", "q|datetimeoffset|8|26|0|1",
                  "r|char|10|0|0|1", "t|varchar|-1|0|0|1", "u|nchar|10|0|0|1", "v|ntext|16|0|0|1",
                  "x|binary|16|0|0|1", "g2|uniqueidentifier|16|0|0|1", "xm|xml|-1|0|0|1",
                  "rv|timestamp|8|0|0|0"));
}

TEST_F(CatalogTest, TablesSchemasAndKeys) {
  EXPECT_THAT(Rows("SELECT s.name, t.name, t.type, t.type_desc FROM sys.tables t "
                   "JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE t.type = 'U' "
                   "ORDER BY s.name, t.name"),
              ElementsAre("dbo|Heap|U |USER_TABLE", "ehr|AllTypes|U |USER_TABLE"));
  EXPECT_EQ(Scalar("SELECT schema_id FROM sys.schemas WHERE name = 'ehr'"), "5");
  EXPECT_EQ(Scalar("SELECT schema_id FROM sys.schemas WHERE name = 'INFORMATION_SCHEMA'"), "3");
  EXPECT_THAT(Rows("SELECT c.name, ic.key_ordinal, ic.is_descending_key FROM sys.indexes i "
                   "JOIN sys.index_columns ic ON ic.object_id = i.object_id AND "
                   "ic.index_id = i.index_id JOIN sys.columns c ON c.object_id = ic.object_id AND "
                   "c.column_id = ic.column_id WHERE i.object_id = OBJECT_ID('ehr.AllTypes') AND "
                   "i.is_primary_key = 1 ORDER BY ic.key_ordinal"),
              ElementsAre("k|1|0", "s|2|1"));
  EXPECT_THAT(Rows("SELECT index_id, type_desc, name FROM sys.indexes WHERE object_id = "
                   "OBJECT_ID('dbo.Heap')"),
              ElementsAre("0|HEAP|NULL"));
  EXPECT_THAT(
      Rows("SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"),
      ElementsAre("PK_AllTypes|PRIMARY KEY"));
  EXPECT_THAT(Rows("SELECT COLUMN_NAME, ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE "
                   "ORDER BY ORDINAL_POSITION"),
              ElementsAre("k|1", "s|2"));
  EXPECT_THAT(Rows("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_CATALOG FROM "
                   "INFORMATION_SCHEMA.TABLES ORDER BY TABLE_NAME"),
              ElementsAre("ehr|AllTypes|BASE TABLE|TestDb", "dbo|Heap|BASE TABLE|TestDb"));
  RecordingSink s = Exec("SELECT type FROM sys.tables");
  EXPECT_EQ(s.statements[0].columns[0].type.id, TypeId::kChar);
  EXPECT_EQ(s.statements[0].columns[0].type.length, 2);
}

TEST_F(CatalogTest, InformationSchemaColumns) {
  EXPECT_THAT(Rows("SELECT COLUMN_NAME, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, "
                   "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, "
                   "NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME FROM "
                   "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'alltypes' AND COLUMN_NAME IN "
                   "('s','a','e','i','n','p','t','v','w','rv') ORDER BY ORDINAL_POSITION"),
              ElementsAre("s|NO|nvarchar|50|100|NULL|NULL|NULL|NULL|UNICODE",
                          "a|YES|bit|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
                          "e|YES|decimal|NULL|NULL|38|10|10|NULL|NULL",
                          "i|YES|real|NULL|NULL|24|2|NULL|NULL|NULL",
                          "n|YES|datetime|NULL|NULL|NULL|NULL|NULL|3|NULL",
                          "p|YES|datetime2|NULL|NULL|NULL|NULL|NULL|7|NULL",
                          "t|YES|varchar|-1|-1|NULL|NULL|NULL|NULL|iso_1",
                          "v|YES|ntext|1073741823|2147483646|NULL|NULL|NULL|NULL|UNICODE",
                          "w|YES|text|2147483647|2147483647|NULL|NULL|NULL|NULL|iso_1",
                          "rv|NO|timestamp|NULL|NULL|NULL|NULL|NULL|NULL|NULL"));
}

TEST_F(CatalogTest, RowCountsAreLive) {
  const char* q =
      "SELECT SUM(row_count) FROM sys.dm_db_partition_stats WHERE "
      "object_id = OBJECT_ID(N'dbo.Heap') AND index_id IN (0, 1)";
  EXPECT_EQ(Scalar(q), "3");
  Exec(
      "INSERT INTO dbo.Heap VALUES (4); DELETE FROM dbo.Heap WHERE v = 1; INSERT INTO Heap VALUES "
      "(5)");
  EXPECT_EQ(Scalar(q), "4");
  EXPECT_EQ(Scalar("SELECT p.rows FROM sys.partitions p JOIN sys.tables t ON t.object_id = "
                   "p.object_id WHERE t.name = 'Heap'"),
            "4");
  Exec("TRUNCATE TABLE dbo.Heap");
  EXPECT_EQ(Scalar(q), "0");
  RecordingSink s = Exec("SELECT rows FROM sys.partitions");
  EXPECT_EQ(s.statements[0].columns[0].type.id, TypeId::kBigInt);
}

TEST_F(CatalogTest, DatabasesAndFunctions) {
  EXPECT_EQ(Scalar("SELECT snapshot_isolation_state, is_read_committed_snapshot_on FROM "
                   "sys.databases WHERE name = DB_NAME()"),
            "0|0");
  EXPECT_EQ(Scalar("SELECT DB_NAME()"), "TestDb");
  EXPECT_EQ(Scalar("SELECT SCHEMA_NAME(schema_id) FROM sys.tables WHERE name = 'AllTypes'"), "ehr");
  EXPECT_EQ(Scalar("SELECT OBJECT_ID('dbo.Missing')"), "NULL");
  std::string version = Scalar("SELECT @@VERSION");
  EXPECT_EQ(version.rfind("Microsoft SQL Server 2022", 0), 0u);
  EXPECT_NE(version.find("\n\t"), std::string::npos);
  EXPECT_THAT(Rows("SELECT name FROM sys.objects WHERE type = 'PK'"), ElementsAre("PK_AllTypes"));
  Exec("CREATE TABLE dbo.Unnamed (id int PRIMARY KEY)");
  EXPECT_EQ(Scalar("SELECT LEFT(name, 13) FROM sys.key_constraints WHERE parent_object_id = "
                   "OBJECT_ID('Unnamed')"),
            "PK__Unnamed__");
  Exec("DROP TABLE dbo.Unnamed");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM sys.tables"), "2");
}

}  // namespace
}  // namespace emulator
