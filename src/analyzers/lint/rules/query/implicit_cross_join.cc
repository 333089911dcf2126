// query/implicit-cross-join: two tables in FROM with no condition relating them multiply their rows.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

// The alias (or name) of each comma-separated FROM item that is a plain table.
std::vector<std::string> FromAliases(const pg_query::SelectStmt& select) {
  std::vector<std::string> out;
  for (const auto& item : select.from_clause()) {
    if (!item.has_range_var()) return {};  // joins, subqueries: written explicitly
    const auto& rv = item.range_var();
    out.push_back(rv.has_alias() ? rv.alias().aliasname() : rv.relname());
  }
  return out;
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt()) return;
  const auto aliases = FromAliases(node.select_stmt());
  if (aliases.size() < 2) return;
  // Pairs of aliases compared with each other anywhere in WHERE.
  std::set<std::pair<std::string, std::string>> related;
  VisitTree(node.select_stmt().where_clause(), [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Expr>(m)) return;
    const auto& expr = static_cast<const pg_query::A_Expr&>(m);
    if (!expr.lexpr().has_column_ref() || !expr.rexpr().has_column_ref()) return;
    std::string a = sql::ColumnRefQualifier(expr.lexpr().column_ref()), b = sql::ColumnRefQualifier(expr.rexpr().column_ref());
    related.insert({a, b});
    related.insert({b, a});
  });
  // Union-find over aliases: every table must be connected to the first.
  std::set<std::string> connected = {aliases.front()};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& a : aliases) {
      if (connected.count(a)) continue;
      for (const auto& c : connected) {
        if (related.count({a, c})) {
          connected.insert(a);
          grew = true;
          break;
        }
      }
    }
  }
  if (connected.size() == aliases.size()) return;
  std::string unrelated;
  for (const auto& a : aliases)
    if (!connected.count(a)) unrelated += (unrelated.empty() ? "" : ", ") + a;
  Finding f = self.NewFinding(context, "",
                              fmt::format("FROM lists {} with no condition relating it to {}: a cross join that "
                                          "multiplies the rows.",
                                          unrelated, aliases.front()));
  f.explanation = "Comma-separated FROM items are joined by whatever WHERE says; without a condition between them "
                  "every row is paired with every row. Write JOIN … ON so a missing condition is visible, or CROSS "
                  "JOIN when the product is intended.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& ImplicitCrossJoinRule() {
  static const LintRule kRule{"query/implicit-cross-join", "Comma join with no condition between the tables",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
