// Functions and procedures, triggers and row-level-security policies.
#include <fmt/format.h>

#include "sql/parser.h"
#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify::live {
namespace {

// pg_trigger.tgtype bits (TRIGGER_TYPE_* in catalog/pg_trigger.h).
constexpr int kTriggerRow = 1 << 0;
constexpr int kTriggerBefore = 1 << 1;
constexpr int kTriggerInsert = 1 << 2;
constexpr int kTriggerDelete = 1 << 3;
constexpr int kTriggerUpdate = 1 << 4;
constexpr int kTriggerTruncate = 1 << 5;
constexpr int kTriggerInstead = 1 << 6;

}  // namespace

void ReadFunctions(LiveReader& r) {
  // Aggregates are not in the model. A SQL-standard body (prosqlbody) has no source text of its own: the
  // model holds the whole statement, as the DDL path does.
  auto result = r.Query("functions", R"(
SELECT p.oid, n.nspname, p.proname, p.prokind, l.lanname, p.provolatile, p.prosecdef, p.proretset, p.prorettype,
       ARRAY(SELECT unnest(p.proargtypes)) AS argtypes, p.proallargtypes, p.proargmodes, p.proargnames, p.prosrc, p.probin,
       pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
       (SELECT substr(setting, 13) FROM unnest(p.proconfig) AS setting WHERE setting LIKE 'search\_path=%')
         AS search_path,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p', 'w') AND )" + SchemaFilter() + " AND " +
                                     NotExtensionMember("pg_proc", "p.oid"));
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    model::Function f;
    f.name = {result->Get(i, "nspname"), result->Get(i, "proname")};
    f.is_procedure = result->Get(i, "prokind") == "p";
    f.language = result->Get(i, "lanname");
    std::string volatility = result->Get(i, "provolatile");
    f.volatility = volatility == "i"   ? model::Volatility::kImmutable
                   : volatility == "s" ? model::Volatility::kStable
                                       : model::Volatility::kVolatile;
    f.security_definer = result->GetBool(i, "prosecdef");
    if (auto path = result->GetOptional(i, "search_path")) {
      f.sets_search_path = true;
      f.search_path = *path;
    }
    f.arguments_sql = result->Get(i, "arguments");
    for (const auto& arg : result->GetArray(i, "argtypes")) f.argument_types.push_back(r.SignatureType(ToOid(arg)));
    // RETURNS as the DDL path spells it: TABLE(name type, …), "setof type", or the type.
    auto modes = result->GetArray(i, "proargmodes");
    auto all_types = result->GetArray(i, "proallargtypes");
    auto names = result->GetArray(i, "proargnames");
    std::string table_columns;
    for (std::size_t k = 0; k < modes.size() && k < all_types.size(); ++k) {
      if (modes[k] != "t") continue;
      table_columns += (table_columns.empty() ? "" : ", ") + (k < names.size() ? names[k] : std::string()) + " " +
                       r.SignatureType(ToOid(all_types[k]));
    }
    if (f.is_procedure) {
      f.returns = "";
    } else if (!table_columns.empty()) {
      f.returns = "TABLE(" + table_columns + ")";
    } else {
      f.returns = (result->GetBool(i, "proretset") ? "setof " : "") + r.SignatureType(ToOid(result->Get(i, "prorettype")));
    }
    if (auto definition = result->GetOptional(i, "definition")) {
      f.body = *definition;
    } else if (auto bin = result->GetOptional(i, "probin")) {
      f.body = *bin + ", " + result->Get(i, "prosrc");  // AS 'file', 'symbol'
    } else {
      f.body = result->Get(i, "prosrc");
    }
    f.location = r.location;
    std::string key = f.name.schema + "." + f.Signature();
    r.functions[ToOid(result->Get(i, "oid"))] = key;
    r.catalog.functions[key] = std::move(f);
  }
}

void ReadTriggers(LiveReader& r) {
  // Internal triggers implement foreign keys; tgparentid <> 0 marks a partition's clone of its parent's.
  auto result = r.Query("triggers", R"(
SELECT t.tgrelid, t.tgname, t.tgtype, t.tgconstraint <> 0 AS is_constraint, pn.nspname AS function_schema,
       p.proname AS function_name, ARRAY(SELECT unnest(t.tgattr)) AS attnums, pg_catalog.pg_get_triggerdef(t.oid) AS definition
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND )" + SchemaFilter() + " AND " +
                                    NotExtensionMember("pg_class", "c.oid") + "\nORDER BY c.oid, t.tgname");
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    Oid relid = ToOid(result->Get(i, "tgrelid"));
    auto rel = r.relations.find(relid);
    if (rel == r.relations.end()) continue;
    model::Trigger t;
    t.name = result->Get(i, "tgname");
    t.table = rel->second;
    t.function = {result->Get(i, "function_schema"), result->Get(i, "function_name")};
    int type = static_cast<int>(result->GetInt(i, "tgtype"));
    t.timing = (type & kTriggerInstead) ? "INSTEAD OF" : (type & kTriggerBefore) ? "BEFORE" : "AFTER";
    if (type & kTriggerInsert) t.events.push_back("INSERT");
    if (type & kTriggerUpdate) t.events.push_back("UPDATE");
    if (type & kTriggerDelete) t.events.push_back("DELETE");
    if (type & kTriggerTruncate) t.events.push_back("TRUNCATE");
    t.for_each_row = (type & kTriggerRow) != 0;
    for (const auto& attnum : result->GetArray(i, "attnums")) {
      t.update_columns.push_back(r.ColumnName(relid, std::atoi(attnum.c_str())));
    }
    t.constraint_trigger = result->GetBool(i, "is_constraint");
    // The WHEN condition exists only inside pg_get_triggerdef(); read it back with PostgreSQL's grammar.
    auto parsed = sql::ParseOne(result->Get(i, "definition"));
    if (parsed.ok() && parsed->has_create_trig_stmt()) t.when_expr = sql::DeparseExpr(parsed->create_trig_stmt().when_clause());
    t.location = r.location;
    r.catalog.triggers.push_back(std::move(t));
  }
}

void ReadPolicies(LiveReader& r) {
  auto result = r.Query("policies", R"(
SELECT pol.polrelid, pol.polname, pol.polcmd, pol.polpermissive,
       ARRAY(SELECT CASE WHEN role = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(role)::text END
             FROM unnest(pol.polroles) AS role) AS roles,
       pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) AS using_expr,
       pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr
FROM pg_catalog.pg_policy pol
JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )" + SchemaFilter() + "\nORDER BY c.oid, pol.polname");
  if (!result) return;
  for (int i = 0; i < result->rows(); ++i) {
    auto rel = r.relations.find(ToOid(result->Get(i, "polrelid")));
    if (rel == r.relations.end()) continue;
    model::Policy p;
    p.name = result->Get(i, "polname");
    p.table = rel->second;
    std::string cmd = result->Get(i, "polcmd");
    p.command = cmd == "r" ? "SELECT" : cmd == "a" ? "INSERT" : cmd == "w" ? "UPDATE" : cmd == "d" ? "DELETE" : "ALL";
    p.permissive = result->GetBool(i, "polpermissive");
    p.roles = result->GetArray(i, "roles");
    for (const auto& role : p.roles) {
      if (role != "PUBLIC") r.referenced_roles.insert(role);
    }
    p.using_expr = result->Get(i, "using_expr");
    p.check_expr = result->Get(i, "check_expr");
    p.location = r.location;
    r.catalog.policies.push_back(std::move(p));
  }
}

}  // namespace dbarch::verify::live
