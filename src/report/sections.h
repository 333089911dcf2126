// What the three renderers (JSON, Markdown, HTML) say in common: the seven sections' titles, what each is
// based on and what input would make it better, and the phrasing of catalog objects, so that a reader
// comparing the HTML with the JSON finds the same words. Internal to src/report.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace dbarch::report::internal {

struct SectionText {
  std::string key;    // JSON key, e.g. "schema_design"
  std::string anchor;  // HTML/Markdown anchor, e.g. "schema-design"
  std::string title;  // "Schema design"
  std::string basis;  // what the section is based on, one sentence
  std::vector<std::string> missing;  // inputs that would sharpen it, each "no X: do Y"
};

// The seven sections, always all of them, in report order.
std::vector<SectionText> DescribeSections(const Report& report);

// ---- Phrasing of catalog objects -------------------------------------------------------------------

// "identity (always)", "identity (by default)", "serial" or "".
std::string IdentityText(const model::Column& column);
// The default shown for a column: its DEFAULT expression, or "GENERATED ALWAYS AS (…) STORED".
std::string DefaultText(const model::Column& column);
// The constraint as it would read in CREATE TABLE, without the CONSTRAINT name:
// "FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE".
std::string ConstraintText(const model::Constraint& constraint);
// "UNIQUE btree (customer_id, created_at DESC) INCLUDE (total) WHERE (status = 'open')".
std::string IndexDefinitionText(const model::Index& index);
// A query's name in the report: its `-- name:` label, else where it was first seen, else its fingerprint.
std::string QueryDisplayName(const model::Query& query);
// Where a query was first seen, "file:line", or "".
std::string QueryLocationText(const model::Query& query);
// Calls without a spurious ".000000": "1200", "2.5".
std::string FormatCalls(double calls);

// A migration step's duration estimate in a few characters ("instant", "< 1 s", "~3 min", "not estimated"; "" when
// none was made); its basis is MigrationStep::duration_basis.
std::string StepDurationText(const analyzers::MigrationStep& step);

// "exactly one", "zero or one", "zero or many", "zero or one", "one or many".
std::string_view ParentSideText(analyzers::ParentSide side);
std::string_view ChildSideText(analyzers::ChildSide side);
// "mandatory" when every child row must have a parent, else "optional".
std::string_view ParticipationText(const analyzers::ErRelationship& relationship);

// ---- Selections shared by the renderers --------------------------------------------------------------

// Findings in report order: most severe first, then by location, then by rule id.
std::vector<const Finding*> SortedFindings(const Findings& findings);
// The report's lint findings whose rule id starts with `prefix` ("migration/", "query/"), in lint order.
std::vector<const Finding*> LintFindings(const Report& report, std::string_view prefix);
// Why the query rewrites carry no verification ("" when the scratch cluster ran).
std::string RewriteNotVerifiedReason(const Report& report);
// True for the findings the index strategy section repeats (unindexed FK, duplicate, redundant index).
bool IsIndexFinding(const Finding& finding);

// One existing index with the workload queries that can use it.
struct IndexRow {
  const model::Index* index = nullptr;
  std::vector<analyzers::IndexUse> uses;  // as the analyzer reported them
  bool enforces_constraint = false;       // PK/UNIQUE/EXCLUDE: needed even when no query uses it
};
// Every index of the catalog in table, then index name order.
std::vector<IndexRow> IndexRows(const Report& report);

// A table's indexes from Catalog::IndexesByTable (empty when it has none).
const std::vector<const model::Index*>& TableIndexes(
    const std::map<model::QualifiedName, std::vector<const model::Index*>>& by_table, const model::QualifiedName& table);

// A column that workload predicates filter on without index support, weighted by calls.
struct CandidateColumn {
  model::ColumnRef column;
  std::string expression;                 // set when the predicate is on an expression, "lower(email)"
  std::vector<std::string> operators;     // distinct, sorted
  std::vector<std::string> fingerprints;  // distinct, in order of weight
  double calls = 0;                       // summed over the predicates
};
// "public.customers.email" or "public.customers: lower(email)".
std::string CandidateText(const CandidateColumn& candidate);
// Candidates, heaviest first (ties by column name).
std::vector<CandidateColumn> CandidateColumns(const analyzers::IndexUsageReport& usage);

// The workload's queries, heaviest first (ties keep the order of first appearance).
std::vector<const model::Query*> QueriesByWeight(const model::Workload& workload);

// The short reference "Q<n>" of each query (by fingerprint), numbered in QueriesByWeight order, which is
// also the order of the query examples section.
std::map<std::string, int> QueryNumbers(const model::Workload& workload);

// Distinct filter (WHERE/HAVING), join and order-by columns of a query, in order of appearance.
std::vector<std::string> FilterColumns(const model::Query& query);
std::vector<std::string> JoinColumns(const model::Query& query);
std::vector<std::string> OrderColumns(const model::Query& query);

// Number of findings per severity, indexed by static_cast<int>(Severity).
struct SeverityCounts {
  int info = 0, warning = 0, error = 0;
};
SeverityCounts CountSeverities(const Findings& findings);

// Relationships whose child is a junction table, so renderers can name the M:N it implements:
// "public.product_categories links public.products and public.categories (M:N)".
// Scratch evidence, worded once for every format: "cost 1 234.5 (generic plan)", "median 0.42 ms (IQR
// 0.40–0.45 ms, 5 runs)", a table's load line, the section-4 sentence about where plans come from.
std::string ScratchCostText(const verify::QueryCheck& check);
std::string ScratchTimingText(const verify::QueryCheck& check);
std::string ScratchSummaryText(const ScratchEvidence& scratch);

std::vector<std::string> JunctionNotes(const analyzers::ErModel& er);

}  // namespace dbarch::report::internal
