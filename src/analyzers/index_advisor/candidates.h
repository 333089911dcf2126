// Index candidates read off the workload: for every statement and every table it touches, the index shapes
// that could serve it, each with the reason for its column order, method, INCLUDE list and predicate.
// Candidates with the same definition coming from several statements are merged.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analyzers/index_advisor.h"

namespace dbarch::analyzers {

struct CandidateOptions {
  bool trigram_available = true;     // pg_trgm can be installed: GIN trigram indexes for LIKE '%x%'
  size_t max_covering_columns = 6;   // INCLUDE lists only when the statement reads at most this many columns
  double brin_min_rows = 100000;     // BRIN only on tables at least this large…
  double brin_min_correlation = 0.9;  // …whose column follows the physical order this closely
  double hash_min_width = 48;        // hash only for equality-only keys at least this wide (bytes)
};

// The statements the advisor costs: every workload query it can plan (SELECT/UPDATE/DELETE/INSERT…) plus,
// for each DELETE on a table that foreign keys reference, the check PostgreSQL runs on each referencing
// table per deleted row (`SELECT 1 FROM child WHERE fk = $1`), weighted by the DELETE's calls.
std::vector<AdvisorStatement> AdvisorStatements(const model::Catalog& catalog, const model::Workload& workload);

// `statistics` (from the scratch copy or a live database) orders equality columns by selectivity and
// decides BRIN and hash; may be empty.
std::vector<IndexCandidate> GenerateIndexCandidates(const model::Catalog& catalog, const model::Workload& workload,
                                                    const std::vector<AdvisorStatement>& statements,
                                                    const model::Statistics& statistics,
                                                    const CandidateOptions& options = {});

// "CREATE INDEX ON public.t USING btree (a, b DESC) INCLUDE (c) WHERE (…)" without a name: the key that
// merges candidates and the text a what-if engine takes.
std::string CandidateDefinition(const model::Index& index);

// How a statement is named in advice: its `-- name:` label, else the start of its normalized text.
std::string StatementLabel(const model::Query& query);

// A name for a new index following PostgreSQL's convention (<table>_<keys>_idx, an expression key named after
// its function as PostgreSQL does), made unique against the catalog's indexes and `taken` (which it extends).
std::string NewIndexName(const model::Catalog& catalog, const model::Index& index, std::set<std::string>* taken);

}  // namespace dbarch::analyzers
