// ProposeRewrites: every rewrite rule on every SELECT of the workload, each on its own copy of the parse tree.
#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/parser.h"

namespace dbarch::analyzers {
namespace {

struct RuleEntry {
  RewriteRule rule;
  std::string_view title;
  std::string_view why;
  rewrite::RewriteResult (*apply)(const model::Catalog&, pg_query::Node*);
};

const std::vector<RuleEntry>& Entries() {
  static const std::vector<RuleEntry> kEntries = {
      {{"rewrite/not-in-to-not-exists", "x NOT IN (SELECT y …) → NOT EXISTS (SELECT 1 … WHERE y = x)"},
       "NOT IN (subquery) → NOT EXISTS",
       "NOT IN is executed as a subplan filter for every outer row (hashed only while the subquery's result fits in "
       "work_mem); NOT EXISTS is planned as an anti-join (hash, merge or nested loop with an index).",
       &rewrite::RewriteNotInToNotExists},
      {{"rewrite/count-to-exists", "(SELECT count(*) …) > 0 → EXISTS (SELECT 1 …)"},
       "count(*) compared with 0 → EXISTS",
       "count(*) reads every matching row to answer yes or no; EXISTS stops at the first one and can be planned as a "
       "semi-join.",
       &rewrite::RewriteCountToExists},
      {{"rewrite/or-to-union-all", "WHERE a = $1 OR b = $2 → one branch per disjunct, UNION ALL"},
       "OR across columns → UNION ALL",
       "An OR over different columns can be served by one index only through a BitmapOr, and often ends as a scan of "
       "the whole table; as UNION ALL each branch uses its own index. `IS NOT TRUE` on the earlier disjuncts keeps "
       "rows matching both from appearing twice.",
       &rewrite::RewriteOrToUnionAll},
      {{"rewrite/scalar-subquery-to-join",
        "(SELECT agg(…) FROM t WHERE t.k = outer.k) in SELECT → LEFT JOIN (SELECT k, agg(…) … GROUP BY k)"},
       "correlated aggregate subquery → grouped LEFT JOIN",
       "A correlated subquery in the SELECT list runs once per outer row (a SubPlan); grouped once and joined, the "
       "inner table is read once and the join can be a hash join. Each outer row meets at most one group, so no row is "
       "duplicated; count() becomes COALESCE(…, 0) where no group matches.",
       &rewrite::RewriteScalarSubqueryToJoin},
      {{"rewrite/offset-to-keyset",
        "… ORDER BY k LIMIT $n OFFSET $m → … AND k > $cursor ORDER BY k LIMIT $n (the caller passes the last row's key)"},
       "OFFSET pagination → keyset pagination",
       "OFFSET m reads and discards m rows before the page, so page N costs N pages of rows; the keyset condition "
       "starts right after the last row of the previous page (a B-tree on the sort key seeks to it), so every page "
       "costs about the same.",
       &rewrite::RewriteOffsetToKeyset},
      {{"rewrite/correlated-subquery-to-lateral",
        "several (SELECT t.x … WHERE t.k = o.k [LIMIT 1]) reading the same row → one LEFT JOIN LATERAL (SELECT t.x, "
        "t.y …) ON true"},
       "correlated subqueries reading one row → LEFT JOIN LATERAL",
       "Each correlated subquery in the SELECT list runs once per outer row (a SubPlan), so the same inner row is "
       "looked up once per subquery; one LEFT JOIN LATERAL fetches all its columns in one lookup. Each subquery "
       "returns at most one row (LIMIT 1 or a key of its table), so no row is duplicated, and LEFT … ON true gives "
       "NULLs where none matches, as the subqueries did.",
       &rewrite::RewriteCorrelatedSubqueryToLateral},
  };
  return kEntries;
}

}  // namespace

const std::vector<RewriteRule>& AllRewriteRules() {
  static const std::vector<RewriteRule> kRules = [] {
    std::vector<RewriteRule> rules;
    for (const auto& e : Entries()) rules.push_back(e.rule);
    return rules;
  }();
  return kRules;
}

std::vector<QueryRewrite> ProposeRewrites(const model::Catalog& catalog, const model::Workload& workload) {
  std::vector<QueryRewrite> out;
  for (const auto& query : workload.queries) {
    if (query.kind != model::StatementKind::kSelect) continue;
    auto parsed = sql::ParseOne(query.text);
    if (!parsed.ok() || !parsed->has_select_stmt()) continue;
    for (const auto& entry : Entries()) {
      pg_query::Node copy = *parsed;
      rewrite::RewriteResult result = entry.apply(catalog, &copy);
      if (!result.applied) continue;
      auto text = sql::Deparse(copy);
      if (!text.ok()) continue;
      // The deparsed text must parse again: proof the tree was left well-formed.
      if (!sql::ParseOne(*text).ok()) continue;
      QueryRewrite r;
      r.fingerprint = query.fingerprint;
      r.rule_id = std::string(entry.rule.id);
      r.title = std::string(entry.title);
      r.original_sql = query.text;
      r.rewritten_sql = std::move(text).value();
      r.why = std::string(entry.why);
      r.caveat = std::move(result.caveat);
      r.keyset = std::move(result.keyset);
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace dbarch::analyzers
