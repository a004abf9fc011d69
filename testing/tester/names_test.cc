#include "testing/tester/names.h"

#include "gtest/gtest.h"

namespace tester {
namespace {

TEST(NormalizeNameTest, CamelCaseBecomesSnakeCase) {
  EXPECT_EQ(NormalizeName("PatientDim"), "patient_dim");
  EXPECT_EQ(NormalizeName("EncounterKey"), "encounter_key");
  EXPECT_EQ(NormalizeName("patientKey"), "patient_key");
  EXPECT_EQ(NormalizeName("already_snake"), "already_snake");
  EXPECT_EQ(NormalizeName("ID"), "id");
}

TEST(NormalizeNameTest, AcronymsAndDigits) {
  EXPECT_EQ(NormalizeName("HTTPServer"), "http_server");
  EXPECT_EQ(NormalizeName("HTTPServer2"), "http_server2");
  EXPECT_EQ(NormalizeName("Address2Line"), "address2_line");
  EXPECT_EQ(NormalizeName("ICD10Code"), "icd10_code");
  EXPECT_EQ(NormalizeName("2ndVisit"), "_2nd_visit");
  EXPECT_EQ(NormalizeName("123"), "_123");
}

TEST(NormalizeNameTest, LeadingUnderscoresKeptSeparatorsCollapsed) {
  EXPECT_EQ(NormalizeName("_LastUpdatedInstant"), "_last_updated_instant");
  EXPECT_EQ(NormalizeName("_IsDeleted"), "_is_deleted");
  EXPECT_EQ(NormalizeName("Order Line #"), "order_line");
  EXPECT_EQ(NormalizeName("a--b  c"), "a_b_c");
  EXPECT_EQ(NormalizeName("Patient__Key"), "patient_key");
  EXPECT_EQ(NormalizeName("__x"), "__x");
  EXPECT_EQ(NormalizeName("__1"), "__1");
}

TEST(NormalizeNameTest, NonAsciiIsKeptAndEmptyBecomesUnderscore) {
  EXPECT_EQ(NormalizeName("Größe"), "größe");
  EXPECT_EQ(NormalizeName(""), "_");
  EXPECT_EQ(NormalizeName("$#!"), "_");
}

TEST(NormalizeNameTest, ReservedWordsStayAsTheyAre) {
  // Quoting, not renaming, handles them.
  EXPECT_EQ(NormalizeName("Order"), "order");
  EXPECT_EQ(NormalizeName("SELECT"), "select");
}

TEST(QuoteIdentifierTest, DoublesEmbeddedQuotes) {
  EXPECT_EQ(QuoteIdentifier("order"), "\"order\"");
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(QualifiedName("s", "t"), "\"s\".\"t\"");
}

}  // namespace
}  // namespace tester
