// query/offset-pagination: OFFSET reads and throws away every skipped row; deep pages get slower and slower.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr long long kLargeOffset = 1000;

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt() || !node.select_stmt().has_limit_offset()) return;
  const pg_query::Node& offset = node.select_stmt().limit_offset();
  std::string what;
  if (offset.has_param_ref()) what = fmt::format("OFFSET ${} (page numbers chosen by the caller)", offset.param_ref().number());
  else if (auto n = sql::IntegerValue(offset); n && *n >= kLargeOffset) what = fmt::format("OFFSET {}", *n);
  if (what.empty()) return;
  Finding f = self.NewFinding(context, "", what + " reads and discards every skipped row.");
  f.explanation = "The cost grows with the page number: page 1000 reads 1000 pages of rows first. Keyset pagination "
                  "(WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT n) with an index on the "
                  "sort keys costs the same for every page.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& OffsetPaginationRule() {
  static const LintRule kRule{"query/offset-pagination", "OFFSET pagination with a large or caller-chosen offset",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
