// migration/domain-constraint: CHECK constraints on a domain (CREATE DOMAIN … CHECK, ALTER DOMAIN … ADD CONSTRAINT).
// Every column of the domain's type is re-checked when the constraint is added, and PostgreSQL treats any coercion
// to a constrained domain as needing a rewrite, so such domains make later migrations slow and locking.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

bool HasCheck(const google::protobuf::RepeatedPtrField<pg_query::Node>& constraints) {
  for (const auto& c : constraints) {
    if (c.has_constraint() && c.constraint().contype() == pg_query::CONSTR_CHECK) return true;
  }
  return false;
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (node.has_create_domain_stmt() && HasCheck(node.create_domain_stmt().constraints())) {
    const std::string name = sql::JoinNames(node.create_domain_stmt().domainname());
    Finding f = self.NewFinding(context, name,
                                fmt::format("Domain {} carries a CHECK constraint: changing it later re-validates "
                                            "every column of the type, and converting columns to it rewrites them.",
                                            name));
    f.explanation = "PostgreSQL considers a coercion to a domain with constraints to need a table rewrite, and it "
                    "cannot reason about a domain's CHECK as it can about a column's. Put the CHECK on the columns "
                    "(ADD CONSTRAINT … NOT VALID, then VALIDATE), or use a domain without constraints as an alias.";
    out->push_back(std::move(f));
  }
  if (node.has_alter_domain_stmt() && node.alter_domain_stmt().subtype() == "C") {
    const std::string name = sql::JoinNames(node.alter_domain_stmt().type_name());
    const bool not_valid = node.alter_domain_stmt().def().has_constraint() &&
                           node.alter_domain_stmt().def().constraint().skip_validation();
    Finding f = self.NewFinding(context, name,
                                fmt::format("ALTER DOMAIN {} ADD CONSTRAINT checks every column of every table that "
                                            "uses the domain{}.",
                                            name, not_valid ? " once it is validated" : ", under lock, in one statement"));
    f.explanation = "The scan holds a SHARE lock on each table using the domain (writes wait) for as long as all of "
                    "them take to read. Add the constraint to the columns directly, NOT VALID and then VALIDATE, or "
                    "ADD CONSTRAINT … NOT VALID on the domain followed by VALIDATE CONSTRAINT in a later migration.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& DomainConstraintRule() {
  static const LintRule kRule{"migration/domain-constraint", "CHECK constraint on a domain (CREATE or ALTER DOMAIN)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
