#include "connector/name_filter.h"

#include "gtest/gtest.h"

namespace ehi {
namespace {

TEST(NameFilterTest, GlobMatching) {
  EXPECT_TRUE(NameFilter::GlobMatch("Patient*", "PatientDim"));
  EXPECT_TRUE(NameFilter::GlobMatch("patient*", "PATIENTDIM"));
  EXPECT_TRUE(NameFilter::GlobMatch("*Fact", "EncounterFact"));
  EXPECT_TRUE(NameFilter::GlobMatch("a?c", "abc"));
  EXPECT_TRUE(NameFilter::GlobMatch("*", ""));
  EXPECT_TRUE(NameFilter::GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(NameFilter::GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_FALSE(NameFilter::GlobMatch("a?c", "ac"));
  EXPECT_FALSE(NameFilter::GlobMatch("Patient", "PatientDim"));
}

TEST(NameFilterTest, EmptyIncludesEverything) {
  NameFilter f;
  EXPECT_TRUE(f.empty());
  EXPECT_TRUE(f.Includes("any", "table"));
}

TEST(NameFilterTest, IncludeExcludeSchemasAndTables) {
  absl::StatusOr<NameFilter> f = NameFilter::Create(" dbo , hcc ", "hcc", "", "*_Old, dbo.Audit*");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->IncludesSchema("DBO"));
  EXPECT_FALSE(f->IncludesSchema("hcc"));  // exclude wins
  EXPECT_FALSE(f->IncludesSchema("staging"));
  EXPECT_TRUE(f->Includes("dbo", "Patient"));
  EXPECT_FALSE(f->Includes("dbo", "Patient_Old"));
  EXPECT_FALSE(f->Includes("dbo", "AuditTrail"));
  EXPECT_FALSE(f->Includes("staging", "Patient"));
}

TEST(NameFilterTest, QualifiedIncludes) {
  absl::StatusOr<NameFilter> f = NameFilter::Create("", "", "dbo.Patient, Encounter*", "");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->Includes("dbo", "Patient"));
  EXPECT_FALSE(f->Includes("other", "Patient"));
  EXPECT_TRUE(f->Includes("other", "EncounterFact"));
}

TEST(NameFilterTest, OverlongPatternIsAnError) {
  absl::StatusOr<NameFilter> f = NameFilter::Create(std::string(301, 'x'), "", "", "");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("include_schemas"), absl::string_view::npos);
}

}  // namespace
}  // namespace ehi
