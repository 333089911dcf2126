// query/large-in-list: IN lists with hundreds of literals are parsed, planned and fingerprinted per length.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr int kMaxInList = 200;

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!IsQuery(context.statement.node)) return;
  int largest = 0;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Expr>(m)) return;
    const auto& expr = static_cast<const pg_query::A_Expr&>(m);
    if (expr.kind() == pg_query::AEXPR_IN && expr.rexpr().has_list())
      largest = std::max(largest, expr.rexpr().list().items_size());
  });
  if (largest <= kMaxInList) return;
  Finding f = self.NewFinding(context, "", fmt::format("An IN list of {} values.", largest));
  f.explanation = "Every distinct list length is a new statement for the plan cache and pg_stat_statements, and long "
                  "lists are slow to parse and plan. Pass one array parameter instead (= ANY($1::bigint[])), or join "
                  "with a VALUES list or a temporary table for thousands of values.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& LargeInListRule() {
  static const LintRule kRule{"query/large-in-list", "IN list with more than 200 literals", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
