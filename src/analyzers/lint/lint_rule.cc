#include "analyzers/lint/lint_rule.h"

#include "sql/ast.h"

namespace dbarch::analyzers::lint {

const std::vector<const google::protobuf::Message*>& StatementContext::TreeNodes() const {
  if (!tree_nodes_) {
    tree_nodes_.emplace();
    sql::VisitTree(statement.node, [&](const google::protobuf::Message& m) { tree_nodes_->push_back(&m); });
  }
  return *tree_nodes_;
}

bool LintContext::IsExistingTable(const model::QualifiedName& table) const {
  for (const auto& [name, existing] : existing_) {
    if (name == table) return existing;
  }
  const bool existing = before.FindTable(table) != nullptr && created_tables.count(table) == 0;
  existing_.emplace_back(table, existing);
  return existing;
}

model::QualifiedName LintContext::Resolve(const pg_query::RangeVar& relation) const {
  for (const auto& [node, name] : resolved_) {
    if (node == &relation) return name;
  }
  model::QualifiedName name = sql::NameOf(relation, "public");
  if (relation.schemaname().empty() && !before.FindTable(name)) {
    // Unqualified and not in public: the first schema that has it. One lookup per schema, hopping from
    // schema to schema (schema + '\0' is the next string after schema), not a walk over every table.
    for (auto it = before.tables.begin(); it != before.tables.end();) {
      const std::string& schema = it->first.schema;
      auto found = before.tables.find(model::QualifiedName{schema, name.name});
      if (found != before.tables.end()) {
        name = found->first;
        break;
      }
      it = before.tables.lower_bound(model::QualifiedName{schema + '\0', ""});
    }
  }
  resolved_.emplace_back(&relation, name);
  return name;
}

Finding LintRule::NewFinding(const StatementContext& context, std::string object, std::string message) const {
  Finding f;
  f.rule_id = std::string(id);
  f.severity = severity;
  f.location = context.statement.location;
  f.object = std::move(object);
  f.message = std::move(message);
  return f;
}

}  // namespace dbarch::analyzers::lint
