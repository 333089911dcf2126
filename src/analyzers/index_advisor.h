// The index advisor: which indexes to add and which to drop for a whole workload, each with its
// justification. It works in three steps, each in its own file under index_advisor/:
//
//  1. Candidates (candidates.h): index shapes read off the workload — composite B-trees with equality columns
//     before the range column, ORDER BY/GROUP BY matched (with direction), covering INCLUDE lists, partial
//     indexes for constant predicates, expression keys, GIN for jsonb/arrays/full text/trigram LIKE, GiST for
//     ranges and geometry, BRIN for large correlated columns, hash for long equality-only keys, and the
//     indexes foreign-key checks need.
//  2. Selection (selection.h): a budgeted greedy search over the candidates for the whole workload, costed by
//     an IndexCostOracle (the planner with hypothetical indexes: verify/index_cost_oracle.h), weighted by
//     frequency, charged for write maintenance and lost HOT updates, with index interaction (a pick is
//     re-costed together with what is already chosen; wider versions replace narrower picks; picks that
//     later ones made useless are pruned).
//  3. Drops (drops.h): duplicate, redundant, unused (live idx_scan = 0) and invalid indexes.
//
// The verify stage then builds the chosen indexes for real and measures the queries they help
// (verify/index_verification.h); what does not hold up is moved to `rejected`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/statistics.h"
#include "model/workload.h"

namespace dbarch::analyzers {

// A statement the advisor costs: a workload query, or a statement PostgreSQL runs on the application's
// behalf (the foreign-key check a DELETE on the referenced table triggers).
struct AdvisorStatement {
  std::string sql;
  std::vector<model::QualifiedName> tables;
  double weight = 1;                // executions (calls) in the workload
  int workload_index = -1;          // position in Workload::queries; -1 for a derived statement
  model::StatementKind kind = model::StatementKind::kSelect;
  std::string description;          // for derived statements: what runs it
  // Derived foreign-key checks: the referencing columns and the table they reference.
  std::vector<std::string> foreign_key_columns;
  model::QualifiedName referenced_table;
};

// A possible index and why it has this shape.
struct IndexCandidate {
  model::Index index;                  // name empty; table, method, keys, INCLUDE, predicate
  std::string shape;                   // "composite", "covering", "partial", "expression", "gin", "trigram", …
  std::vector<std::string> rationale;  // why this column order / method / INCLUDE / predicate
  std::vector<std::string> extensions;  // extensions it needs ("pg_trgm")
  std::vector<size_t> statements;      // AdvisorStatement positions it was read from
};

// What a recommendation does to one statement.
struct StatementEffect {
  size_t statement = 0;              // AdvisorStatement position
  std::string fingerprint;           // the workload query's, empty for derived statements
  std::string label;                 // `-- name:` or the derived statement's description
  double weight = 0;
  double cost_before = 0;            // planner cost without any recommended index
  double cost_after = 0;             // with all recommended indexes
  double cost_without_this = 0;      // with all recommended indexes but this one (its marginal effect)
  double share_of_workload = 0;      // weight × cost_before ÷ the workload's weighted cost
  std::optional<double> measured_before_ms, measured_after_ms;  // median of timed runs on the scratch cluster
};

enum class RecommendationStatus {
  kProposed,   // chosen by what-if costs, not measured (verification skipped or impossible)
  kVerified,   // built for real; at least one helped statement measured faster
  kRejected,   // built for real; no helped statement measured faster: not recommended
};

struct IndexRecommendation {
  model::Index index;                  // with a name following PostgreSQL's convention
  std::string shape;
  std::vector<std::string> rationale;
  std::vector<std::string> extensions;
  std::vector<StatementEffect> helps;  // statements whose final plan uses it
  int64_t estimated_bytes = 0;         // HypoPG's estimate (or built size for methods it cannot simulate)
  std::optional<int64_t> built_bytes;  // size when built for real on the scratch cluster
  double benefit = 0;                  // weighted planner-cost reduction attributed to it
  double write_overhead = 0;           // weighted maintenance cost charged against it
  std::vector<std::string> write_notes;  // which writes pay for it, HOT updates lost
  RecommendationStatus status = RecommendationStatus::kProposed;
  std::string status_note;             // measurement summary or why it was rejected
  std::string create_sql;              // CREATE INDEX CONCURRENTLY IF NOT EXISTS …;
  std::string rollback_sql;            // DROP INDEX CONCURRENTLY IF EXISTS …;
};

struct IndexDrop {
  model::QualifiedName index;
  model::QualifiedName table;
  std::string kind;            // "duplicate", "redundant", "unused", "invalid"
  std::string reason;
  int64_t bytes = 0;           // space it frees (live size, or the scratch copy's)
  std::string drop_sql;        // DROP INDEX CONCURRENTLY IF EXISTS …;
  std::string rollback_sql;    // the CREATE INDEX CONCURRENTLY that restores it
};

struct IndexAdvisorOptions {
  int64_t budget_bytes = 0;      // storage for new indexes; 0 = no limit
  double budget_fraction = 0;    // budget as a fraction of table data size (used when budget_bytes is 0)
  int max_indexes = 0;           // 0 = no limit
  // A pick must lower the weighted workload cost by at least this fraction, or some statement's cost by
  // min_statement_gain (so a rare query that becomes much faster still gets its index).
  double min_workload_gain = 0.002;
  double min_statement_gain = 0.3;
  double min_cost_reduction = 20;  // planner cost units per execution of the statement that gains most
  bool trigram_available = true;  // pg_trgm can be installed (it ships with PostgreSQL's contrib)
};

struct IndexAdvice {
  bool ran = false;
  std::string not_run_reason;
  std::vector<AdvisorStatement> statements;
  std::vector<IndexRecommendation> recommendations;  // what to build, best first
  std::vector<IndexRecommendation> rejected;         // chosen by cost, not confirmed by measurement
  std::vector<IndexDrop> drops;
  double workload_cost_before = 0;  // Σ weight × planner cost, existing indexes only
  double workload_cost_after = 0;   // with the recommendations
  int64_t budget_bytes = 0;         // the budget in force (0 = none)
  int64_t data_bytes = 0;           // table data size the budget fraction refers to
  size_t candidates_generated = 0;
  size_t candidates_useful = 0;     // used by at least one statement's plan on their own
  long long whatif_calls = 0;       // planner calls with hypothetical indexes (cache misses)
  long long whatif_requests = 0;    // questions asked (including cache hits)
  double seconds = 0;
  std::vector<std::string> notes;
};

std::string_view RecommendationStatusName(RecommendationStatus status);  // "proposed", "verified", "rejected"

}  // namespace dbarch::analyzers
