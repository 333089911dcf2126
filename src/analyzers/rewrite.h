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
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers {

struct QueryRewrite {
  std::string fingerprint;  // of the workload query
  std::string rule_id;      // "rewrite/not-in-to-not-exists"
  std::string title;        // "NOT IN (subquery) → NOT EXISTS"
  std::string original_sql;   // the query as in the workload
  std::string rewritten_sql;  // deparsed, with the same $n parameters
  std::string why;          // what the planner can do with the new form
  std::string caveat;       // when the two are not equivalent ("" when they always are, given the schema)
};

struct RewriteRule {
  std::string_view id;
  std::string_view summary;
};
const std::vector<RewriteRule>& AllRewriteRules();

// Every rewrite that applies to a workload query (SELECTs only), in workload order.
std::vector<QueryRewrite> ProposeRewrites(const model::Catalog& catalog, const model::Workload& workload);

}  // namespace dbarch::analyzers
