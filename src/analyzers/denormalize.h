// Denormalization advice (report section 6, `dbarch denormalize`): heavy aggregate queries of the workload —
// GROUP BY over one fact table, or over a fact table joined with tables it references by foreign key, with
// decomposable aggregates only (count, sum, min, max; avg as sum/count) — answered from a summary kept as a
// materialized view, grouped by the query's keys plus a day bucket `date_trunc('day', ts)` when the query
// filters the fact rows on a timestamp range.
//
// The rewritten query is exact for any parameters: whole days inside the range are read from the summary,
// the partial days at the edges (and the current day, for open-ended ranges) from the base tables, both
// re-aggregated (UNION ALL, then GROUP BY). The only difference left is staleness: rows written to days
// before today since the last refresh. A materialized view of the schema that already computes what the query
// needs (same tables, joins and constant filters, its keys covering the query's, its aggregates covering the
// query's) is reused instead of a new one.
//
// verify/denormalize_check.h proves each proposal on the scratch cluster (same rows, cost and time before and
// after, REFRESH … CONCURRENTLY time and size); the analyzer only ranks by calls and shape.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers {

// A parameter the query's time range depends on, so verification can choose values that select rows.
struct RangeParameter {
  int number = 0;            // $n
  enum class Role { kLowerBound, kUpperBound, kWindow } role = Role::kWindow;  // kWindow: inside an expression
};

struct SummaryProposal {
  std::string fingerprint;       // of the workload query
  std::string label;             // the query's `-- name:` / comment label, if any
  double calls = 0;
  double weight = 0;             // calls × tables read: the analyzer's ranking before costs are measured
  std::string fact_table;        // "public.orders"
  std::vector<std::string> dimension_tables;  // joined through the fact table's foreign keys
  std::string time_column;       // "public.orders.created_at" when the summary has a day bucket
  std::string time_type;         // its type, "timestamp without time zone"
  std::string summary_name;      // the materialized view
  bool reuses_existing = false;  // "use the existing materialized view X"
  std::string create_sql;        // CREATE MATERIALIZED VIEW …; CREATE UNIQUE INDEX …; ("" when reused)
  // CREATE INDEX on the time column when no index leads with it: the rewritten query reads the partial days
  // at the range's edges from the table, which pays only through such an index. "" when one exists.
  std::string supporting_index_sql;
  std::string supporting_index_name;  // qualified
  std::string refresh_sql;       // REFRESH MATERIALIZED VIEW CONCURRENTLY …;
  std::string refresh_interval;  // what the advice assumes, e.g. "hourly"
  std::string staleness;         // what a reader may miss between refreshes
  std::string original_sql;
  std::string rewritten_sql;     // same $n parameters as the original
  // With LIMIT/OFFSET: both queries without them, compared for same rows (ties at the limit may be broken
  // either way by PostgreSQL, in the original as much as in the rewrite). Empty without a LIMIT.
  std::string compare_original_sql, compare_rewritten_sql;
  std::string why;
  std::string caveat;            // "" when the rewrite is exact for every parameter
  std::vector<std::string> notes;  // e.g. why an existing materialized view could not be reused
  std::vector<RangeParameter> range_parameters;
};

// An aggregate query that got no advice, and why (non-decomposable aggregate, selective filter, …).
struct SkippedAggregate {
  std::string fingerprint;
  std::string label;
  std::string reason;
};

struct DenormalizationAdvice {
  std::vector<SummaryProposal> proposals;  // heaviest first
  std::vector<SkippedAggregate> skipped;   // in workload order
};

// The writes a summarized table may receive per read of the summary before a summary stops paying: past it
// the summary is stale almost always and its refresh becomes the table's dominant reader.
inline constexpr double kMaxWritesPerSummaryRead = 1000;

DenormalizationAdvice ProposeSummaries(const model::Catalog& catalog, const model::Workload& workload);

}  // namespace dbarch::analyzers
