// schema/impossible-check: a CHECK constraint no non-NULL value can satisfy — contradictory bounds (price > 10 AND
// price < 5), two different required values (status = 'a' AND status = 'b', or an IN list without the required
// value), IS NULL together with IS NOT NULL or NOT NULL, or plain CHECK (false). Such a table rejects every row
// that sets the column: a typo (a flipped operator, AND for OR) that only shows when the first INSERT fails.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

// What the conjuncts of one CHECK require of one column.
struct Requirements {
  std::optional<double> low, high;
  bool low_strict = false, high_strict = false;
  std::optional<std::set<std::string>> allowed;  // = / IN: the only values left (text form)
  std::set<std::string> excluded;                // <>
  bool is_null = false, is_not_null = false;
};

struct Constant {
  std::optional<double> number;
  std::string text;  // as written ('a' → a, 5 → 5)
};

std::optional<Constant> ConstantOf(const pg_query::Node& node) {
  if (node.has_type_cast()) return ConstantOf(node.type_cast().arg());
  if (!node.has_a_const() || node.a_const().isnull()) return std::nullopt;
  const auto& c = node.a_const();
  Constant out;
  if (c.has_ival()) {
    out.number = c.ival().ival();
    out.text = std::to_string(c.ival().ival());
  } else if (c.has_fval()) {
    out.text = c.fval().fval();
    try {
      out.number = std::stod(out.text);
    } catch (...) {
      return std::nullopt;
    }
  } else if (c.has_sval()) {
    out.text = c.sval().sval();
  } else {
    return std::nullopt;
  }
  return out;
}

std::string ColumnOf(const pg_query::Node& node) {
  if (node.has_type_cast()) return "";  // a cast changes the comparison's domain: not judged
  return node.has_column_ref() ? sql::ColumnRefName(node.column_ref()) : "";
}

void Conjuncts(const pg_query::Node& expr, std::vector<const pg_query::Node*>* out) {
  if (expr.has_bool_expr() && expr.bool_expr().boolop() == pg_query::AND_EXPR) {
    for (const auto& arg : expr.bool_expr().args()) Conjuncts(arg, out);
  } else {
    out->push_back(&expr);
  }
}

void Allow(Requirements* r, const std::set<std::string>& values) {
  if (!r->allowed) {
    r->allowed = values;
    return;
  }
  std::set<std::string> both;
  for (const auto& v : values)
    if (r->allowed->count(v)) both.insert(v);
  r->allowed = both;
}

void Bound(Requirements* r, const std::string& op, double v) {
  if (op == ">" || op == ">=") {
    if (!r->low || v > *r->low || (v == *r->low && op == ">")) {
      r->low = v;
      r->low_strict = op == ">";
    }
  } else if (op == "<" || op == "<=") {
    if (!r->high || v < *r->high || (v == *r->high && op == "<")) {
      r->high = v;
      r->high_strict = op == "<";
    }
  }
}

std::string Flip(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op;
}

// Why the expression can never be true for a non-NULL column, or "".
std::string Contradiction(const pg_query::Node& expr, const std::set<std::string>& not_null_columns) {
  std::vector<const pg_query::Node*> parts;
  Conjuncts(expr, &parts);
  std::map<std::string, Requirements> columns;
  for (const pg_query::Node* part : parts) {
    if (part->has_a_const() && part->a_const().has_boolval() && !part->a_const().boolval().boolval())
      return "it is the constant false";
    if (part->has_null_test()) {
      const std::string column = ColumnOf(part->null_test().arg());
      if (column.empty()) continue;
      (part->null_test().nulltesttype() == pg_query::IS_NULL ? columns[column].is_null : columns[column].is_not_null) = true;
      continue;
    }
    if (!part->has_a_expr()) continue;
    const auto& e = part->a_expr();
    const std::string op = e.name().empty() ? "" : sql::StringValue(e.name(e.name_size() - 1));
    std::string column = ColumnOf(e.lexpr());
    const pg_query::Node* other = &e.rexpr();
    std::string oriented = op;
    if (column.empty() && e.kind() == pg_query::AEXPR_OP) {
      column = ColumnOf(e.rexpr());
      other = &e.lexpr();
      oriented = Flip(op);
    }
    if (column.empty()) continue;
    Requirements& r = columns[column];
    if (e.kind() == pg_query::AEXPR_OP) {
      auto value = ConstantOf(*other);
      if (!value) continue;
      if (oriented == "=") {
        Allow(&r, {value->text});
        if (value->number) {
          Bound(&r, ">=", *value->number);
          Bound(&r, "<=", *value->number);
        }
      } else if (oriented == "<>" || oriented == "!=") {
        r.excluded.insert(value->text);
      } else if (value->number) {
        Bound(&r, oriented, *value->number);
      }
    } else if (e.kind() == pg_query::AEXPR_IN && op == "=" && other->has_list()) {
      std::set<std::string> values;
      for (const auto& item : other->list().items()) {
        auto value = ConstantOf(item);
        if (!value) {
          values.clear();
          break;
        }
        values.insert(value->text);
      }
      if (!values.empty()) Allow(&r, values);
    } else if (e.kind() == pg_query::AEXPR_BETWEEN && other->has_list() && other->list().items_size() == 2) {
      auto low = ConstantOf(other->list().items(0)), high = ConstantOf(other->list().items(1));
      if (low && high && low->number && high->number) {
        Bound(&r, ">=", *low->number);
        Bound(&r, "<=", *high->number);
      }
    }
  }
  for (const auto& [column, r] : columns) {
    if (r.is_null && (r.is_not_null || not_null_columns.count(column)))
      return fmt::format("{} must be NULL, and {} is NOT NULL", column, column);
    if (r.low && r.high && (*r.low > *r.high || (*r.low == *r.high && (r.low_strict || r.high_strict))))
      return fmt::format("no value of {} is {} {} and {} {}", column, r.low_strict ? ">" : ">=", *r.low,
                         r.high_strict ? "<" : "<=", *r.high);
    if (r.allowed) {
      std::set<std::string> left;
      for (const auto& v : *r.allowed)
        if (!r.excluded.count(v)) left.insert(v);
      if (left.empty()) return fmt::format("the values it requires of {} exclude each other", column);
    }
  }
  return "";
}

void Report(const LintRule& self, const LintContext& context, const std::string& object, const std::string& why,
            Findings* out) {
  Finding f = self.NewFinding(context, object,
                              fmt::format("CHECK constraint {} can never be true: {}.", object, why));
  f.explanation = "A CHECK rejects every row for which it is false, so this table accepts no row that sets the column "
                  "(only NULLs pass, as CHECK lets unknown through). It is almost always a flipped operator or AND "
                  "written for OR; fix the expression before the first INSERT fails in production.";
  out->push_back(std::move(f));
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  model::QualifiedName table;
  std::set<std::string> not_null;
  std::vector<std::pair<std::string, const pg_query::Constraint*>> checks;
  auto collect = [&](const std::string& owner, const pg_query::Constraint& c) {
    if (c.contype() == pg_query::CONSTR_CHECK) checks.push_back({c.conname().empty() ? owner : c.conname(), &c});
  };
  for (const pg_query::ColumnDef* column : DefinedColumns(context, &table)) {
    for (const auto& c : column->constraints()) {
      if (!c.has_constraint()) continue;
      if (c.constraint().contype() == pg_query::CONSTR_NOTNULL || c.constraint().contype() == pg_query::CONSTR_PRIMARY)
        not_null.insert(column->colname());
      collect("on " + column->colname(), c.constraint());
    }
  }
  if (node.has_create_stmt()) {
    for (const auto& element : node.create_stmt().table_elts())
      if (element.has_constraint()) collect("on " + table.name, element.constraint());
  }
  for (const auto* command : AlterTableCommands(node)) {
    if (command->subtype() == pg_query::AT_AddConstraint && command->def().has_constraint())
      collect("on " + AlterTableTarget(context).name, command->def().constraint());
  }
  if (node.has_create_domain_stmt()) {
    for (const auto& c : node.create_domain_stmt().constraints())
      if (c.has_constraint()) collect("on domain " + sql::JoinNames(node.create_domain_stmt().domainname()), c.constraint());
  }
  for (const auto& [name, constraint] : checks) {
    const std::string why = Contradiction(constraint->raw_expr(), not_null);
    if (!why.empty()) Report(self, context, name, why, out);
  }
}

}  // namespace

const LintRule& ImpossibleCheckRule() {
  static const LintRule kRule{"schema/impossible-check", "CHECK constraint that no non-NULL value can satisfy",
                              Severity::kError, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
