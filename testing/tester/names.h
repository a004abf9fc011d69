// Destination naming, the way Fivetran names things in a warehouse: source
// names become lower snake_case, and every identifier is quoted in SQL so
// reserved words (`order`, `select`, `group`) stay ordinary names.
//
//   NormalizeName("PatientDim")          == "patient_dim"
//   NormalizeName("_LastUpdatedInstant") == "_last_updated_instant"
//   NormalizeName("HTTPServer2")         == "http_server2"
//   NormalizeName("Order Line #")        == "order_line"
//   NormalizeName("2ndVisit")            == "_2nd_visit"
//   QuoteIdentifier("or\"der")           == "\"or\"\"der\""
#ifndef EHI_TESTING_TESTER_NAMES_H_
#define EHI_TESTING_TESTER_NAMES_H_

#include <string>
#include <string_view>

namespace tester {

// Lower snake_case: a word break before an upper-case letter that follows a
// lower-case letter or digit, or that starts a word after an acronym
// ("HTTPServer" -> "http_server"); every run of characters other than ASCII
// letters, digits and non-ASCII (UTF-8) bytes becomes one underscore; leading
// underscores of the source are kept, trailing ones dropped; a leading digit
// gets an underscore prefix; an empty result becomes "_".
std::string NormalizeName(std::string_view name);

// A DuckDB identifier in double quotes, embedded quotes doubled.
std::string QuoteIdentifier(std::string_view name);

// "schema"."table"
std::string QualifiedName(std::string_view schema, std::string_view table);

// The system columns every destination table carries.
inline constexpr char kSyncedColumn[] = "_fivetran_synced";
inline constexpr char kDeletedColumn[] = "_fivetran_deleted";
inline constexpr char kIdColumn[] = "_fivetran_id";

}  // namespace tester

#endif  // EHI_TESTING_TESTER_NAMES_H_
