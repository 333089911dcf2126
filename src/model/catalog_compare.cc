#include "model/catalog_compare.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

namespace dbarch::model {
namespace {

constexpr const char* kAbsent = "(absent)";
constexpr const char* kPresent = "present";

std::string Join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::vector<std::string> Sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

std::string Optional(const std::optional<std::string>& value) { return value ? "'" + *value + "'" : "(none)"; }
std::string Bool(bool value) { return value ? "true" : "false"; }

std::string IdentityName(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kNone: return "none";
    case IdentityKind::kAlways: return "ALWAYS";
    case IdentityKind::kByDefault: return "BY DEFAULT";
  }
  return "none";
}

// Sequence parameters with PostgreSQL's defaults filled in (DefineSequence/init_params).
struct SequenceBounds {
  int64_t start, increment, min, max;
};

SequenceBounds EffectiveBounds(const Sequence& seq) {
  int64_t type_min = std::numeric_limits<int64_t>::min();
  int64_t type_max = std::numeric_limits<int64_t>::max();
  if (seq.data_type == "integer") {
    type_min = std::numeric_limits<int32_t>::min();
    type_max = std::numeric_limits<int32_t>::max();
  } else if (seq.data_type == "smallint") {
    type_min = std::numeric_limits<int16_t>::min();
    type_max = std::numeric_limits<int16_t>::max();
  }
  SequenceBounds b;
  b.increment = seq.increment.value_or(1);
  bool ascending = b.increment > 0;
  b.min = seq.min_value.value_or(ascending ? 1 : type_min);
  b.max = seq.max_value.value_or(ascending ? type_max : -1);
  b.start = seq.start.value_or(ascending ? b.min : b.max);
  return b;
}

// Privileges PostgreSQL grants for ALL [PRIVILEGES], by object kind.
std::vector<std::string> AllPrivileges(const std::string& kind, bool columns) {
  if (columns) return {"INSERT", "REFERENCES", "SELECT", "UPDATE"};
  if (kind == "TABLE" || kind == "ALL TABLES IN SCHEMA") {
    return {"DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"};
  }
  if (kind == "SEQUENCE" || kind == "ALL SEQUENCES IN SCHEMA") return {"SELECT", "UPDATE", "USAGE"};
  if (kind == "SCHEMA") return {"CREATE", "USAGE"};
  if (kind == "DATABASE") return {"CONNECT", "CREATE", "TEMPORARY"};
  if (kind.find("FUNCTION") != std::string::npos || kind.find("PROCEDURE") != std::string::npos ||
      kind.find("ROUTINE") != std::string::npos) {
    return {"EXECUTE"};
  }
  return {"USAGE"};
}

std::vector<std::string> EffectivePrivileges(const Grant& g) {
  std::vector<std::string> out;
  for (const auto& p : g.privileges) {
    if (p == "ALL" || p == "ALL PRIVILEGES") {
      auto all = AllPrivileges(g.object_kind, !g.columns.empty());
      out.insert(out.end(), all.begin(), all.end());
    } else {
      out.push_back(p == "TEMP" ? "TEMPORARY" : p);
    }
  }
  return Sorted(out);
}

}  // namespace

std::map<std::string, GrantSummary> GrantsByKey(const std::vector<Grant>& grants) {
  std::map<std::string, GrantSummary> out;
  for (const auto& g : grants) {
    std::string key = g.object_kind + " " + g.object + " to " + g.grantee;
    if (!g.columns.empty()) key += " (columns " + Join(Sorted(g.columns)) + ")";
    auto [it, added] = out.try_emplace(key);
    GrantSummary& m = it->second;
    if (added) {
      m.object_kind = g.object_kind;
      m.object = g.object;
      m.grantee = g.grantee;
      m.columns = Sorted(g.columns);
    }
    auto privileges = EffectivePrivileges(g);
    m.privileges.insert(m.privileges.end(), privileges.begin(), privileges.end());
    m.privileges = Sorted(m.privileges);
    m.privileges.erase(std::unique(m.privileges.begin(), m.privileges.end()), m.privileges.end());
    m.with_grant_option = m.with_grant_option || g.with_grant_option;
  }
  return out;
}

namespace {

// An object as the differences name it: the display text and the structured reference.
struct Obj {
  std::string text;
  ObjectRef ref;
};

Obj Named(ObjectKind kind, const std::string& text, QualifiedName name, std::string member = "") {
  return {text, {kind, std::move(name), std::move(member)}};
}

class Comparer {
 public:
  Comparer(const Catalog& left, const Catalog& right, const ExpressionCanonicalizer& canonical,
           const CompareOptions& options)
      : left_(left), right_(right), canonical_(canonical), options_(options) {}

  std::vector<CatalogDifference> Run() {
    Schemas();
    Extensions();
    Tables();
    Indexes();
    Views();
    Sequences();
    Enums();
    Domains();
    Functions();
    Triggers();
    Policies();
    if (options_.compare_roles) Roles();
    if (options_.compare_grants) Grants();
    return std::move(out_);
  }

 private:
  void Add(const Obj& object, const std::string& field, std::string left, std::string right) {
    out_.push_back({object.text, field, std::move(left), std::move(right), object.ref});
  }
  void Field(const Obj& object, const std::string& field, const std::string& left, const std::string& right) {
    if (left != right) Add(object, field, left, right);
  }
  void Field(const Obj& object, const std::string& field, bool left, bool right) {
    if (left != right) Add(object, field, Bool(left), Bool(right));
  }
  void Field(const Obj& object, const std::string& field, const std::vector<std::string>& left,
             const std::vector<std::string>& right) {
    if (left != right) Add(object, field, Join(left), Join(right));
  }
  void CompareComment(const Obj& object, const std::optional<std::string>& left,
               const std::optional<std::string>& right) {
    if (left != right) Add(object, "comment", Optional(left), Optional(right));
  }

  std::string Canonical(const std::string& text, const ExpressionContext& context) const {
    if (!canonical_ || text.empty()) return text;
    return canonical_(text, context);
  }
  // Compares expression-valued fields through the canonicalizer; reports the texts as they are.
  void Expression(const Obj& object, const std::string& field, const std::string& left,
                  const std::string& right, ExpressionKind kind = ExpressionKind::kScalar) {
    if (left == right) return;
    ExpressionContext lc{kind, &left_, nullptr};
    ExpressionContext rc{kind, &right_, nullptr};
    if (Canonical(left, lc) != Canonical(right, rc)) Add(object, field, left, right);
  }
  void Expression(const Obj& object, const std::string& field, const std::optional<std::string>& left,
                  const std::optional<std::string>& right) {
    if (left.has_value() != right.has_value()) {
      Add(object, field, Optional(left), Optional(right));
    } else if (left) {
      Expression(object, field, *left, *right);
    }
  }

  // Walks two maps by key: `missing` for keys on one side only, `both` for the rest.
  template <typename Map, typename Name, typename Both>
  void Match(const Map& left, const Map& right, Name name, Both both) {
    for (const auto& [key, l] : left) {
      auto it = right.find(key);
      if (it == right.end()) Add(name(key, l), "", kPresent, kAbsent);
      else both(name(key, l), l, it->second);
    }
    for (const auto& [key, r] : right) {
      if (!left.count(key)) Add(name(key, r), "", kAbsent, kPresent);
    }
  }

  void Schemas() {
    Match(left_.schemas, right_.schemas, [](const std::string& k, const Schema&) { return Named(ObjectKind::kSchema, "schema " + k, {"", k}); },
          [&](const Obj& obj, const Schema& l, const Schema& r) {
            if (!l.owner.empty() && !r.owner.empty()) Field(obj, "owner", l.owner, r.owner);
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void Extensions() {
    Match(left_.extensions, right_.extensions,
          [](const std::string& k, const Extension&) { return Named(ObjectKind::kExtension, "extension " + k, {"", k}); },
          [&](const Obj& obj, const Extension& l, const Extension& r) { Field(obj, "schema", l.schema, r.schema); });
  }

  void Tables() {
    Match(left_.tables, right_.tables, [](const QualifiedName& k, const Table&) { return Named(ObjectKind::kTable, "table " + k.ToString(), k); },
          [&](const Obj& obj, const Table& l, const Table& r) { CompareTable(obj, l, r); });
  }

  void CompareTable(const Obj& obj, const model::Table& l, const model::Table& r) {
    Field(obj, "kind", std::string(TableKindName(l.kind)), std::string(TableKindName(r.kind)));
    Field(obj, "unlogged", l.unlogged, r.unlogged);
    Field(obj, "temporary", l.temporary, r.temporary);
    auto names = [](const std::vector<QualifiedName>& list) {
      std::vector<std::string> out;
      for (const auto& n : list) out.push_back(n.ToString());
      return out;
    };
    Field(obj, "inherits", names(l.inherits), names(r.inherits));
    Field(obj, "partition_strategy", l.partition_strategy, r.partition_strategy);
    if (l.partition_keys.size() != r.partition_keys.size()) {
      Field(obj, "partition_keys", l.partition_keys, r.partition_keys);
    } else {
      for (std::size_t i = 0; i < l.partition_keys.size(); ++i) {
        Expression(obj, fmt::format("partition_keys[{}]", i), l.partition_keys[i], r.partition_keys[i]);
      }
    }
    Field(obj, "partition_of", l.partition_of ? l.partition_of->ToString() : "(none)",
          r.partition_of ? r.partition_of->ToString() : "(none)");
    Expression(obj, "partition_bound", l.partition_bound, r.partition_bound, ExpressionKind::kPartitionBound);
    Field(obj, "rls_enabled", l.rls_enabled, r.rls_enabled);
    Field(obj, "rls_forced", l.rls_forced, r.rls_forced);
    CompareComment(obj, l.comment, r.comment);

    const std::string table = l.name.ToString();
    std::vector<std::string> left_order;
    std::vector<std::string> right_order;
    for (const auto& lc : l.columns) {
      const Column* rc = r.FindColumn(lc.name);
      Obj col = Named(ObjectKind::kColumn, "column " + table + "." + lc.name, l.name, lc.name);
      if (!rc) {
        Add(col, "", kPresent, kAbsent);
        continue;
      }
      left_order.push_back(lc.name);
      CompareColumn(col, lc, *rc);
    }
    for (const auto& rc : r.columns) {
      if (!l.FindColumn(rc.name)) {
        Add(Named(ObjectKind::kColumn, "column " + table + "." + rc.name, l.name, rc.name), "", kAbsent, kPresent);
      }
      else right_order.push_back(rc.name);
    }
    Field(obj, "column order", left_order, right_order);

    std::map<std::string, const Constraint*> lcons;
    std::map<std::string, const Constraint*> rcons;
    for (const auto& c : l.constraints) lcons[c.name] = &c;
    for (const auto& c : r.constraints) rcons[c.name] = &c;
    Match(lcons, rcons,
          [&](const std::string& k, const Constraint*) {
            return Named(ObjectKind::kConstraint, "constraint " + k + " on " + table, l.name, k);
          },
          [&](const Obj& o, const Constraint* lc, const Constraint* rc) { CompareConstraint(o, *lc, *rc); });
  }

  void CompareColumn(const Obj& obj, const model::Column& l, const model::Column& r) {
    Field(obj, "type", l.type.ToSql(), r.type.ToSql());
    Field(obj, "is_user_type", l.type.is_user_type, r.type.is_user_type);
    Field(obj, "not_null", l.not_null, r.not_null);
    Expression(obj, "default", l.default_expr, r.default_expr);
    Field(obj, "identity", IdentityName(l.identity), IdentityName(r.identity));
    Field(obj, "from_serial", l.from_serial, r.from_serial);
    Expression(obj, "generated", l.generated_expr, r.generated_expr);
    Field(obj, "collation", l.collation, r.collation);
    CompareComment(obj, l.comment, r.comment);
  }

  void CompareConstraint(const Obj& obj, const model::Constraint& l, const model::Constraint& r) {
    Field(obj, "kind", std::string(ConstraintKindName(l.kind)), std::string(ConstraintKindName(r.kind)));
    Field(obj, "columns", l.columns, r.columns);
    if (l.kind == ConstraintKind::kForeignKey || r.kind == ConstraintKind::kForeignKey) {
      Field(obj, "referenced_table", l.referenced_table.ToString(), r.referenced_table.ToString());
      Field(obj, "referenced_columns", l.referenced_columns, r.referenced_columns);
      Field(obj, "on_delete", std::string(ReferentialActionSql(l.on_delete)), std::string(ReferentialActionSql(r.on_delete)));
      Field(obj, "on_update", std::string(ReferentialActionSql(l.on_update)), std::string(ReferentialActionSql(r.on_update)));
      if (options_.compare_as_written) Field(obj, "on_delete_explicit", l.on_delete_explicit, r.on_delete_explicit);
      Field(obj, "match_type", l.match_type == "SIMPLE" ? "" : l.match_type,
            r.match_type == "SIMPLE" ? "" : r.match_type);
    }
    Expression(obj, "check", l.check_expr, r.check_expr);
    Field(obj, "exclusion_method", l.exclusion_method, r.exclusion_method);
    if (l.exclusion_elements.size() != r.exclusion_elements.size()) {
      Field(obj, "exclusion_elements", std::to_string(l.exclusion_elements.size()),
            std::to_string(r.exclusion_elements.size()));
    } else {
      for (std::size_t i = 0; i < l.exclusion_elements.size(); ++i) {
        const auto& le = l.exclusion_elements[i];
        const auto& re = r.exclusion_elements[i];
        Expression(obj, fmt::format("exclusion_elements[{}]", i), le.column_or_expression, re.column_or_expression);
        Field(obj, fmt::format("exclusion_elements[{}].op", i), le.op, re.op);
      }
    }
    Expression(obj, "where_predicate", l.where_predicate, r.where_predicate);
    Field(obj, "include_columns", l.include_columns, r.include_columns);
    Field(obj, "nulls_not_distinct", l.nulls_not_distinct, r.nulls_not_distinct);
    if (options_.compare_as_written) Field(obj, "using_index", l.using_index, r.using_index);
    Field(obj, "deferrable", l.deferrable, r.deferrable);
    Field(obj, "initially_deferred", l.initially_deferred, r.initially_deferred);
    Field(obj, "not_valid", l.not_valid, r.not_valid);
    CompareComment(obj, l.comment, r.comment);
  }

  void Indexes() {
    Match(left_.indexes, right_.indexes, [](const QualifiedName& k, const Index&) { return Named(ObjectKind::kIndex, "index " + k.ToString(), k); },
          [&](const Obj& obj, const Index& l, const Index& r) {
            Field(obj, "table", l.table.ToString(), r.table.ToString());
            Field(obj, "method", l.method, r.method);
            Field(obj, "unique", l.unique, r.unique);
            Field(obj, "primary", l.primary, r.primary);
            Field(obj, "constraint", l.constraint_name, r.constraint_name);
            if (l.keys.size() != r.keys.size()) {
              Field(obj, "keys", std::to_string(l.keys.size()) + " keys", std::to_string(r.keys.size()) + " keys");
            } else {
              for (std::size_t i = 0; i < l.keys.size(); ++i) CompareKey(obj, i, l.keys[i], r.keys[i]);
            }
            Field(obj, "include_columns", l.include_columns, r.include_columns);
            Expression(obj, "predicate", l.predicate, r.predicate);
            Field(obj, "nulls_not_distinct", l.nulls_not_distinct, r.nulls_not_distinct);
            if (options_.compare_as_written) Field(obj, "created_concurrently", l.created_concurrently, r.created_concurrently);
            Field(obj, "valid", l.valid, r.valid);
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void CompareKey(const Obj& obj, std::size_t i, const IndexKey& l, const IndexKey& r) {
    std::string field = fmt::format("keys[{}]", i);
    // A key is a column or an expression; `(col)` and `col` are the same key.
    std::string lk = l.column.empty() ? l.expression : l.column;
    std::string rk = r.column.empty() ? r.expression : r.column;
    Expression(obj, field, lk, rk);
    Field(obj, field + ".opclass", l.opclass, r.opclass);
    Field(obj, field + ".collation", l.collation, r.collation);
    Field(obj, field + ".descending", l.descending, r.descending);
    Field(obj, field + ".nulls_first", l.nulls_first.value_or(l.descending), r.nulls_first.value_or(r.descending));
  }

  void Views() {
    Match(left_.views, right_.views, [](const QualifiedName& k, const View& v) {
            return Named(ObjectKind::kView, (v.materialized ? "materialized view " : "view ") + k.ToString(), k);
          },
          [&](const Obj& obj, const View& l, const View& r) {
            Field(obj, "materialized", l.materialized, r.materialized);
            if (l.definition != r.definition) {
              ExpressionContext lc{ExpressionKind::kQuery, &left_, &l.columns};
              ExpressionContext rc{ExpressionKind::kQuery, &right_, &r.columns};
              if (Canonical(l.definition, lc) != Canonical(r.definition, rc)) {
                Add(obj, "definition", l.definition, r.definition);
              }
            }
            Field(obj, "columns", l.columns, r.columns);
            auto reads = [](const std::vector<QualifiedName>& list) {
              std::vector<std::string> out;
              for (const auto& n : list) out.push_back(n.ToString());
              return Sorted(out);
            };
            Field(obj, "reads", reads(l.reads), reads(r.reads));
            if (l.materialized) Field(obj, "with_data", l.with_data, r.with_data);
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void Sequences() {
    Match(left_.sequences, right_.sequences,
          [](const QualifiedName& k, const Sequence&) { return Named(ObjectKind::kSequence, "sequence " + k.ToString(), k); },
          [&](const Obj& obj, const Sequence& l, const Sequence& r) {
            Field(obj, "data_type", l.data_type, r.data_type);
            SequenceBounds lb = EffectiveBounds(l);
            SequenceBounds rb = EffectiveBounds(r);
            auto num = [](int64_t v) { return std::to_string(v); };
            Field(obj, "start", num(lb.start), num(rb.start));
            Field(obj, "increment", num(lb.increment), num(rb.increment));
            Field(obj, "min_value", num(lb.min), num(rb.min));
            Field(obj, "max_value", num(lb.max), num(rb.max));
            Field(obj, "cycle", l.cycle, r.cycle);
            Field(obj, "owned_by", l.owned_by_table ? l.owned_by_table->ToString() + "." + l.owned_by_column : "(none)",
                  r.owned_by_table ? r.owned_by_table->ToString() + "." + r.owned_by_column : "(none)");
          });
  }

  void Enums() {
    Match(left_.enums, right_.enums, [](const QualifiedName& k, const EnumType&) { return Named(ObjectKind::kEnum, "enum " + k.ToString(), k); },
          [&](const Obj& obj, const EnumType& l, const EnumType& r) {
            Field(obj, "values", l.values, r.values);
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void Domains() {
    Match(left_.domains, right_.domains, [](const QualifiedName& k, const Domain&) { return Named(ObjectKind::kDomain, "domain " + k.ToString(), k); },
          [&](const Obj& obj, const Domain& l, const Domain& r) {
            Field(obj, "base_type", l.base_type.ToSql(), r.base_type.ToSql());
            Field(obj, "not_null", l.not_null, r.not_null);
            Expression(obj, "default", l.default_expr, r.default_expr);
            auto canonical_checks = [&](const std::vector<std::string>& checks, const Catalog* side) {
              std::vector<std::string> out;
              for (const auto& c : checks) out.push_back(Canonical(c, {ExpressionKind::kScalar, side, nullptr}));
              std::sort(out.begin(), out.end());
              return out;
            };
            if (canonical_checks(l.checks, &left_) != canonical_checks(r.checks, &right_)) {
              Add(obj, "checks", Join(l.checks), Join(r.checks));
            }
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void Functions() {
    Match(left_.functions, right_.functions,
          [](const std::string& k, const Function& f) {
            return Named(ObjectKind::kFunction, (f.is_procedure ? "procedure " : "function ") + k, {f.name.schema, k});
          },
          [&](const Obj& obj, const Function& l, const Function& r) {
            Field(obj, "argument_types", l.argument_types, r.argument_types);
            Field(obj, "returns", l.returns, r.returns);
            Field(obj, "language", l.language, r.language);
            Field(obj, "volatility", std::string(VolatilityName(l.volatility)), std::string(VolatilityName(r.volatility)));
            Field(obj, "security_definer", l.security_definer, r.security_definer);
            Field(obj, "sets_search_path", l.sets_search_path, r.sets_search_path);
            if (!l.arguments_sql.empty() && !r.arguments_sql.empty()) {
              Field(obj, "arguments", l.arguments_sql, r.arguments_sql);
            }
            if (!l.search_path.empty() && !r.search_path.empty()) Field(obj, "search_path", l.search_path, r.search_path);
            Field(obj, "is_procedure", l.is_procedure, r.is_procedure);
            Expression(obj, "body", l.body, r.body, ExpressionKind::kFunctionBody);
            CompareComment(obj, l.comment, r.comment);
          });
  }

  void Triggers() {
    auto index = [](const std::vector<Trigger>& list) {
      std::map<std::string, const Trigger*> out;
      for (const auto& t : list) out[t.name + " on " + t.table.ToString()] = &t;
      return out;
    };
    Match(index(left_.triggers), index(right_.triggers),
          [](const std::string& k, const Trigger* t) { return Named(ObjectKind::kTrigger, "trigger " + k, t->table, t->name); },
          [&](const Obj& obj, const Trigger* l, const Trigger* r) {
            Field(obj, "function", l->function.ToString(), r->function.ToString());
            Field(obj, "timing", l->timing, r->timing);
            Field(obj, "events", l->events, r->events);
            Field(obj, "update_columns", l->update_columns, r->update_columns);
            Field(obj, "for_each_row", l->for_each_row, r->for_each_row);
            Expression(obj, "when", l->when_expr, r->when_expr);
            Field(obj, "constraint_trigger", l->constraint_trigger, r->constraint_trigger);
          });
  }

  void Policies() {
    auto index = [](const std::vector<Policy>& list) {
      std::map<std::string, const Policy*> out;
      for (const auto& p : list) out[p.name + " on " + p.table.ToString()] = &p;
      return out;
    };
    auto roles = [](const std::vector<std::string>& list) {
      return list.empty() ? std::vector<std::string>{"PUBLIC"} : Sorted(list);
    };
    Match(index(left_.policies), index(right_.policies),
          [](const std::string& k, const Policy* p) { return Named(ObjectKind::kPolicy, "policy " + k, p->table, p->name); },
          [&](const Obj& obj, const Policy* l, const Policy* r) {
            Field(obj, "command", l->command, r->command);
            Field(obj, "permissive", l->permissive, r->permissive);
            Field(obj, "roles", roles(l->roles), roles(r->roles));
            Expression(obj, "using", l->using_expr, r->using_expr);
            Expression(obj, "check", l->check_expr, r->check_expr);
          });
  }

  void Roles() {
    Match(left_.roles, right_.roles, [](const std::string& k, const Role&) { return Named(ObjectKind::kRole, "role " + k, {"", k}); },
          [&](const Obj& obj, const Role& l, const Role& r) {
            Field(obj, "superuser", l.superuser, r.superuser);
            Field(obj, "login", l.login, r.login);
            Field(obj, "create_role", l.create_role, r.create_role);
            Field(obj, "create_db", l.create_db, r.create_db);
            Field(obj, "bypass_rls", l.bypass_rls, r.bypass_rls);
            Field(obj, "member_of", Sorted(l.member_of), Sorted(r.member_of));
          });
  }

  void Grants() {
    Match(GrantsByKey(left_.grants), GrantsByKey(right_.grants),
          [](const std::string& k, const GrantSummary&) { return Named(ObjectKind::kGrant, "grant on " + k, {"", k}); },
          [&](const Obj& obj, const GrantSummary& l, const GrantSummary& r) {
            Field(obj, "privileges", l.privileges, r.privileges);
            Field(obj, "with_grant_option", l.with_grant_option, r.with_grant_option);
          });
  }

  const Catalog& left_;
  const Catalog& right_;
  const ExpressionCanonicalizer& canonical_;
  const CompareOptions& options_;
  std::vector<CatalogDifference> out_;
};

}  // namespace

std::string_view ObjectKindName(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kSchema: return "schema";
    case ObjectKind::kExtension: return "extension";
    case ObjectKind::kTable: return "table";
    case ObjectKind::kColumn: return "column";
    case ObjectKind::kConstraint: return "constraint";
    case ObjectKind::kIndex: return "index";
    case ObjectKind::kView: return "view";
    case ObjectKind::kSequence: return "sequence";
    case ObjectKind::kEnum: return "enum";
    case ObjectKind::kDomain: return "domain";
    case ObjectKind::kFunction: return "function";
    case ObjectKind::kTrigger: return "trigger";
    case ObjectKind::kPolicy: return "policy";
    case ObjectKind::kRole: return "role";
    case ObjectKind::kGrant: return "grant";
  }
  return "object";
}

std::string CatalogDifference::ToString() const {
  if (field.empty()) return fmt::format("{}: {} ≠ {}", object, left, right);
  return fmt::format("{}: {}: {} ≠ {}", object, field, left, right);
}

std::vector<CatalogDifference> CompareCatalogs(const Catalog& left, const Catalog& right,
                                               const ExpressionCanonicalizer& canonical,
                                               const CompareOptions& options) {
  return Comparer(left, right, canonical, options).Run();
}

}  // namespace dbarch::model
