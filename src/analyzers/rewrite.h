// Query rewrites for the workload (report section 4): an equivalent form of a query that PostgreSQL can plan
// better, produced on the parse tree (libpg_query) and written back with its deparser. Each rewrite says why
// it helps and when it is not equivalent; verify/rewrite_check.h proves it on the scratch cluster (same rows,
// plan cost and measured time before and after).
//
// Rewrites (one per file in rewrite/, listed in propose.cc):
//   rewrite/not-in-to-not-exists   x NOT IN (SELECT y FROM …)       → NOT EXISTS (SELECT 1 FROM … WHERE y = x)
//   rewrite/count-to-exists        (SELECT count(*) FROM … ) > 0    → EXISTS (SELECT 1 FROM …)   (= 0 → NOT EXISTS)
//   rewrite/or-to-union-all        WHERE a = $1 OR b = $2           → … WHERE a = $1 UNION ALL … WHERE b = $2 AND (a = $1) IS NOT TRUE
//   rewrite/scalar-subquery-to-join  SELECT (SELECT count(*) … WHERE t.k = o.k) → LEFT JOIN (… GROUP BY k) ON k = o.k
//   rewrite/offset-to-keyset       … ORDER BY a, id LIMIT $1 OFFSET $2 → … AND (a, id) > ($2, $3) ORDER BY a, id LIMIT $1
//                                  (changes the caller's API: KeysetPaging says which row values the new $n take)
//   rewrite/correlated-subquery-to-lateral  SELECT (SELECT t.x … WHERE t.k = o.k LIMIT 1), (SELECT t.y …same…)
//                                  → LEFT JOIN LATERAL (SELECT t.x, t.y … WHERE t.k = o.k LIMIT 1) s ON true
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers {

// A parameter the keyset form adds: the caller passes the value of `expression` in the last row of the previous
// page (instead of a page number).
struct CursorParameter {
  int number = 0;          // $n in rewritten_sql
  std::string expression;  // the ORDER BY key, as written: "p.created_at"
};

// What rewrite/offset-to-keyset changes in the application, and what its proof needs. The queries here keep the
// original's parameters (OFFSET included), so they run with the values sampled for the original.
struct KeysetPaging {
  std::vector<CursorParameter> cursor_parameters;
  int offset_parameter = 0;      // $n of the original OFFSET; 0 when it was a literal
  long long offset_literal = 0;  // the literal OFFSET (when offset_parameter is 0)
  // The original with the tie-breaker appended to ORDER BY (= original_sql when the order was already total):
  // what the rewritten query is compared with, row by row in order.
  std::string ordered_sql;
  // The ORDER BY keys of the row just before ordered_sql's page, one row (no row past the end): run with the
  // OFFSET one lower (a literal OFFSET is already lowered here), its values are the cursor parameters.
  std::string cursor_sql;
  std::string table;           // the paged table, for picking deep offsets by its size
  std::string suggested_index; // CREATE INDEX serving the keyset scan, "" when the catalog has one
};

struct QueryRewrite {
  std::string fingerprint;  // of the workload query
  std::string rule_id;      // "rewrite/not-in-to-not-exists"
  std::string title;        // "NOT IN (subquery) → NOT EXISTS"
  std::string original_sql;   // the query as in the workload
  std::string rewritten_sql;  // deparsed, with the same $n parameters
  std::string why;          // what the planner can do with the new form
  std::string caveat;       // when the two are not equivalent ("" when they always are, given the schema)
  std::optional<KeysetPaging> keyset;  // rewrite/offset-to-keyset only
};

struct RewriteRule {
  std::string_view id;
  std::string_view summary;
};
const std::vector<RewriteRule>& AllRewriteRules();

// Every rewrite that applies to a workload query (SELECTs only), in workload order.
std::vector<QueryRewrite> ProposeRewrites(const model::Catalog& catalog, const model::Workload& workload);

}  // namespace dbarch::analyzers
