// JSON form of the schema model (`dbarch schema --format json`). Objects are keyed by qualified name;
// ordered containers keep the output deterministic; empty and default-valued fields are left out so
// snapshots show only what the DDL said.
#include "model/model_json.h"

namespace dbarch::model {
namespace {

using nlohmann::json;

template <typename T>
void PutIf(json& j, const char* key, const T& value, bool condition) {
  if (condition) j[key] = value;
}
void PutString(json& j, const char* key, const std::string& value) { PutIf(j, key, value, !value.empty()); }
void PutList(json& j, const char* key, const std::vector<std::string>& value) { PutIf(j, key, value, !value.empty()); }
void PutFlag(json& j, const char* key, bool value) { PutIf(j, key, true, value); }
void PutOptional(json& j, const char* key, const std::optional<std::string>& value) {
  if (value) j[key] = *value;
}
void PutLocation(json& j, const SourceLocation& location) {
  if (location.known()) j["location"] = location.ToString();
}

json NameList(const std::vector<QualifiedName>& names) {
  json out = json::array();
  for (const auto& n : names) out.push_back(n.ToString());
  return out;
}

json ColumnJson(const Column& c) {
  json j;
  j["name"] = c.name;
  j["type"] = c.type.ToSql();
  PutFlag(j, "user_type", c.type.is_user_type);
  PutFlag(j, "not_null", c.not_null);
  PutOptional(j, "default", c.default_expr);
  if (c.identity != IdentityKind::kNone) j["identity"] = c.identity == IdentityKind::kAlways ? "ALWAYS" : "BY DEFAULT";
  PutFlag(j, "serial", c.from_serial);
  PutOptional(j, "generated", c.generated_expr);
  PutString(j, "collation", c.collation);
  PutOptional(j, "comment", c.comment);
  PutLocation(j, c.location);
  return j;
}

json ConstraintJson(const Constraint& c) {
  json j;
  j["name"] = c.name;
  j["kind"] = ConstraintKindName(c.kind);
  PutList(j, "columns", c.columns);
  if (c.kind == ConstraintKind::kForeignKey) {
    j["references"] = c.referenced_table.ToString();
    PutList(j, "referenced_columns", c.referenced_columns);
    if (c.on_delete_explicit || c.on_delete != ReferentialAction::kNoAction) j["on_delete"] = ReferentialActionSql(c.on_delete);
    if (c.on_update != ReferentialAction::kNoAction) j["on_update"] = ReferentialActionSql(c.on_update);
    PutString(j, "match", c.match_type);
  }
  PutString(j, "check", c.check_expr);
  PutString(j, "method", c.kind == ConstraintKind::kExclude ? c.exclusion_method : "");
  if (!c.exclusion_elements.empty()) {
    json elems = json::array();
    for (const auto& e : c.exclusion_elements) elems.push_back({{"element", e.column_or_expression}, {"operator", e.op}});
    j["elements"] = elems;
  }
  PutString(j, "where", c.where_predicate);
  PutList(j, "include", c.include_columns);
  PutFlag(j, "nulls_not_distinct", c.nulls_not_distinct);
  PutString(j, "using_index", c.using_index);
  PutFlag(j, "deferrable", c.deferrable);
  PutFlag(j, "initially_deferred", c.initially_deferred);
  PutFlag(j, "not_valid", c.not_valid);
  PutOptional(j, "comment", c.comment);
  PutLocation(j, c.location);
  return j;
}

json TableJson(const Table& t) {
  json j;
  if (t.kind != TableKind::kOrdinary) j["kind"] = TableKindName(t.kind);
  PutFlag(j, "unlogged", t.unlogged);
  PutFlag(j, "temporary", t.temporary);
  json columns = json::array();
  for (const auto& c : t.columns) columns.push_back(ColumnJson(c));
  j["columns"] = columns;
  if (!t.constraints.empty()) {
    json constraints = json::array();
    for (const auto& c : t.constraints) constraints.push_back(ConstraintJson(c));
    j["constraints"] = constraints;
  }
  if (!t.inherits.empty()) j["inherits"] = NameList(t.inherits);
  PutString(j, "partition_strategy", t.partition_strategy);
  PutList(j, "partition_keys", t.partition_keys);
  if (t.partition_of) j["partition_of"] = t.partition_of->ToString();
  PutString(j, "partition_bound", t.partition_bound);
  PutFlag(j, "rls_enabled", t.rls_enabled);
  PutFlag(j, "rls_forced", t.rls_forced);
  PutOptional(j, "comment", t.comment);
  PutLocation(j, t.location);
  return j;
}

json IndexJson(const Index& i) {
  json j;
  j["table"] = i.table.ToString();
  if (i.method != "btree") j["method"] = i.method;
  PutFlag(j, "unique", i.unique);
  PutFlag(j, "primary", i.primary);
  PutString(j, "constraint", i.constraint_name);
  json keys = json::array();
  for (const auto& k : i.keys) {
    json key;
    PutString(key, "column", k.column);
    PutString(key, "expression", k.expression);
    PutString(key, "opclass", k.opclass);
    PutString(key, "collation", k.collation);
    PutFlag(key, "descending", k.descending);
    if (k.nulls_first) key["nulls_first"] = *k.nulls_first;
    keys.push_back(key);
  }
  j["keys"] = keys;
  PutList(j, "include", i.include_columns);
  PutString(j, "where", i.predicate);
  PutFlag(j, "nulls_not_distinct", i.nulls_not_distinct);
  PutFlag(j, "concurrently", i.created_concurrently);
  if (!i.valid) j["valid"] = false;
  PutOptional(j, "comment", i.comment);
  PutLocation(j, i.location);
  return j;
}

json ViewJson(const View& v) {
  json j;
  PutFlag(j, "materialized", v.materialized);
  j["definition"] = v.definition;
  PutList(j, "columns", v.columns);
  if (!v.reads.empty()) j["reads"] = NameList(v.reads);
  if (v.materialized && !v.with_data) j["with_data"] = false;
  PutOptional(j, "comment", v.comment);
  PutLocation(j, v.location);
  return j;
}

json SequenceJson(const Sequence& s) {
  json j;
  j["type"] = s.data_type;
  if (s.start) j["start"] = *s.start;
  if (s.increment) j["increment"] = *s.increment;
  if (s.min_value) j["min_value"] = *s.min_value;
  if (s.max_value) j["max_value"] = *s.max_value;
  PutFlag(j, "cycle", s.cycle);
  if (s.owned_by_table) j["owned_by"] = s.owned_by_table->ToString() + "." + s.owned_by_column;
  PutLocation(j, s.location);
  return j;
}

json FunctionJson(const Function& f) {
  json j;
  j["name"] = f.name.ToString();
  if (!f.argument_types.empty()) j["arguments"] = f.argument_types;
  PutString(j, "returns", f.returns);
  PutString(j, "language", f.language);
  if (f.volatility != Volatility::kVolatile) j["volatility"] = VolatilityName(f.volatility);
  PutFlag(j, "security_definer", f.security_definer);
  PutFlag(j, "sets_search_path", f.sets_search_path);
  PutFlag(j, "procedure", f.is_procedure);
  PutString(j, "body", f.body);
  PutOptional(j, "comment", f.comment);
  PutLocation(j, f.location);
  return j;
}

json TriggerJson(const Trigger& t) {
  json j;
  j["name"] = t.name;
  j["table"] = t.table.ToString();
  j["function"] = t.function.ToString();
  j["timing"] = t.timing;
  j["events"] = t.events;
  PutList(j, "update_columns", t.update_columns);
  j["level"] = t.for_each_row ? "ROW" : "STATEMENT";
  PutString(j, "when", t.when_expr);
  PutFlag(j, "constraint", t.constraint_trigger);
  PutLocation(j, t.location);
  return j;
}

json PolicyJson(const Policy& p) {
  json j;
  j["name"] = p.name;
  j["table"] = p.table.ToString();
  j["command"] = p.command;
  if (!p.permissive) j["restrictive"] = true;
  PutList(j, "roles", p.roles);
  PutString(j, "using", p.using_expr);
  PutString(j, "with_check", p.check_expr);
  PutLocation(j, p.location);
  return j;
}

json RoleJson(const Role& r) {
  json j = json::object();
  PutFlag(j, "superuser", r.superuser);
  PutFlag(j, "login", r.login);
  PutFlag(j, "create_role", r.create_role);
  PutFlag(j, "create_db", r.create_db);
  PutFlag(j, "bypass_rls", r.bypass_rls);
  PutList(j, "member_of", r.member_of);
  PutLocation(j, r.location);
  return j;
}

json GrantJson(const Grant& g) {
  json j;
  j["on"] = g.object_kind;
  j["object"] = g.object;
  j["privileges"] = g.privileges;
  PutList(j, "columns", g.columns);
  j["grantee"] = g.grantee;
  PutFlag(j, "with_grant_option", g.with_grant_option);
  PutLocation(j, g.location);
  return j;
}

template <typename Map, typename Fn>
void PutMap(json& out, const char* key, const Map& map, Fn to_json) {
  if (map.empty()) return;
  json j = json::object();
  for (const auto& [name, value] : map) {
    if constexpr (std::is_same_v<std::decay_t<decltype(name)>, QualifiedName>) j[name.ToString()] = to_json(value);
    else j[name] = to_json(value);
  }
  out[key] = j;
}

template <typename Vec, typename Fn>
void PutArray(json& out, const char* key, const Vec& items, Fn to_json) {
  if (items.empty()) return;
  json j = json::array();
  for (const auto& item : items) j.push_back(to_json(item));
  out[key] = j;
}

}  // namespace

nlohmann::json ToJson(const Catalog& catalog) {
  json out = json::object();
  PutMap(out, "schemas", catalog.schemas, [](const Schema& s) {
    json j = json::object();
    PutString(j, "owner", s.owner);
    PutOptional(j, "comment", s.comment);
    PutLocation(j, s.location);
    return j;
  });
  PutMap(out, "extensions", catalog.extensions, [](const Extension& e) {
    json j = json::object();
    PutString(j, "schema", e.schema);
    PutLocation(j, e.location);
    return j;
  });
  PutMap(out, "enums", catalog.enums, [](const EnumType& e) {
    json j;
    j["values"] = e.values;
    PutOptional(j, "comment", e.comment);
    PutLocation(j, e.location);
    return j;
  });
  PutMap(out, "domains", catalog.domains, [](const Domain& d) {
    json j;
    j["type"] = d.base_type.ToSql();
    PutFlag(j, "not_null", d.not_null);
    PutOptional(j, "default", d.default_expr);
    PutList(j, "checks", d.checks);
    PutOptional(j, "comment", d.comment);
    PutLocation(j, d.location);
    return j;
  });
  PutMap(out, "tables", catalog.tables, TableJson);
  PutMap(out, "indexes", catalog.indexes, IndexJson);
  PutMap(out, "views", catalog.views, ViewJson);
  PutMap(out, "sequences", catalog.sequences, SequenceJson);
  PutMap(out, "functions", catalog.functions, FunctionJson);
  // Triggers and policies are kept in creation order; sort for output so snapshots do not depend on it.
  std::vector<const Trigger*> triggers;
  for (const auto& t : catalog.triggers) triggers.push_back(&t);
  std::sort(triggers.begin(), triggers.end(), [](const Trigger* a, const Trigger* b) {
    return std::tie(a->table, a->name) < std::tie(b->table, b->name);
  });
  PutArray(out, "triggers", triggers, [](const Trigger* t) { return TriggerJson(*t); });
  std::vector<const Policy*> policies;
  for (const auto& p : catalog.policies) policies.push_back(&p);
  std::sort(policies.begin(), policies.end(), [](const Policy* a, const Policy* b) {
    return std::tie(a->table, a->name) < std::tie(b->table, b->name);
  });
  PutArray(out, "policies", policies, [](const Policy* p) { return PolicyJson(*p); });
  PutMap(out, "roles", catalog.roles, RoleJson);
  PutArray(out, "grants", catalog.grants, GrantJson);
  return out;
}

}  // namespace dbarch::model
