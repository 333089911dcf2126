// Functions and procedures, triggers and row-level-security policies.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

// pg_trigger.tgtype bits (TRIGGER_TYPE_* in catalog/pg_trigger.h).
constexpr int kTriggerBefore = 1 << 1;
constexpr int kTriggerInsert = 1 << 2;
constexpr int kTriggerDelete = 1 << 3;
constexpr int kTriggerUpdate = 1 << 4;
constexpr int kTriggerTruncate = 1 << 5;
constexpr int kTriggerInstead = 1 << 6;

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// Argument types as they appear in a signature: canonical, without typmods (PostgreSQL ignores them).
std::string SignatureType(const ReplayContext& ctx, const pg_query::TypeName& type) {
  model::TypeName t = ResolveType(ctx, type);
  t.modifiers.clear();
  return t.ToSql();
}

bool IsInputArgument(const pg_query::FunctionParameter& p) {
  return p.mode() != pg_query::FUNC_PARAM_OUT && p.mode() != pg_query::FUNC_PARAM_TABLE;
}

std::string ReturnsOf(const ReplayContext& ctx, const pg_query::CreateFunctionStmt& stmt) {
  if (stmt.has_return_type()) {
    std::string type = SignatureType(ctx, stmt.return_type());
    return stmt.return_type().setof() ? "setof " + type : type;
  }
  if (stmt.is_procedure()) return "";
  std::vector<std::string> table_columns;
  std::vector<std::string> out_types;
  for (const auto& node : stmt.parameters()) {
    const auto& p = node.function_parameter();
    if (p.mode() == pg_query::FUNC_PARAM_TABLE) {
      table_columns.push_back(p.name() + " " + SignatureType(ctx, p.arg_type()));
    } else if (p.mode() == pg_query::FUNC_PARAM_OUT || p.mode() == pg_query::FUNC_PARAM_INOUT) {
      out_types.push_back(SignatureType(ctx, p.arg_type()));
    }
  }
  if (!table_columns.empty()) {
    std::string out = "TABLE(";
    for (std::size_t i = 0; i < table_columns.size(); ++i) out += (i ? ", " : "") + table_columns[i];
    return out + ")";
  }
  if (out_types.size() == 1) return out_types[0];
  return out_types.empty() ? "void" : "record";
}

}  // namespace

void CreateFunction(ReplayContext& ctx, const pg_query::CreateFunctionStmt& stmt) {
  model::Function f;
  f.name = ctx.Resolve(stmt.funcname());
  f.is_procedure = stmt.is_procedure();
  for (const auto& node : stmt.parameters()) {
    const auto& p = node.function_parameter();
    if (IsInputArgument(p)) f.argument_types.push_back(SignatureType(ctx, p.arg_type()));
  }
  f.returns = ReturnsOf(ctx, stmt);
  for (const auto& node : stmt.options()) {
    if (!node.has_def_elem()) continue;
    const auto& def = node.def_elem();
    const std::string& opt = def.defname();
    if (opt == "language") {
      f.language = sql::StringValue(def.arg());
    } else if (opt == "volatility") {
      std::string v = sql::StringValue(def.arg());
      f.volatility = v == "immutable" ? model::Volatility::kImmutable
                     : v == "stable"  ? model::Volatility::kStable
                                      : model::Volatility::kVolatile;
    } else if (opt == "security") {
      f.security_definer = def.arg().has_boolean() ? def.arg().boolean().boolval() : def.arg().integer().ival() != 0;
    } else if (opt == "set" && def.arg().has_variable_set_stmt()) {
      if (def.arg().variable_set_stmt().name() == "search_path") f.sets_search_path = true;
    } else if (opt == "as" && def.arg().has_list()) {
      auto parts = sql::StringList(def.arg().list().items());
      f.body = parts.size() == 1 ? parts[0] : sql::JoinNames(def.arg().list().items(), ", ");
    }
  }
  if (stmt.has_sql_body()) {  // BEGIN ATOMIC … END / RETURN expr: keep the statement's own text
    f.body = ctx.statement->text;
    if (f.language.empty()) f.language = "sql";
  }
  f.location = ctx.Where();
  std::string key = f.name.schema + "." + f.Signature();
  auto it = ctx.catalog->functions.find(key);
  if (it != ctx.catalog->functions.end()) {
    if (!stmt.replace()) {
      ctx.Warn("duplicate-object", fmt::format("function {} already exists", key));
      return;
    }
    f.comment = it->second.comment;
  }
  ctx.catalog->functions[key] = std::move(f);
}

void AlterFunction(ReplayContext& ctx, const pg_query::AlterFunctionStmt& stmt) {
  std::string key = FunctionKey(ctx, stmt.func());
  auto it = ctx.catalog->functions.find(key);
  if (it == ctx.catalog->functions.end()) {
    ctx.UnknownObject("function", key);
    return;
  }
  model::Function& f = it->second;
  for (const auto& node : stmt.actions()) {
    if (!node.has_def_elem()) continue;
    const auto& def = node.def_elem();
    if (def.defname() == "volatility") {
      std::string v = sql::StringValue(def.arg());
      f.volatility = v == "immutable" ? model::Volatility::kImmutable
                     : v == "stable"  ? model::Volatility::kStable
                                      : model::Volatility::kVolatile;
    } else if (def.defname() == "security") {
      f.security_definer = def.arg().has_boolean() && def.arg().boolean().boolval();
    } else if (def.defname() == "set" && def.arg().has_variable_set_stmt()) {
      const auto& set = def.arg().variable_set_stmt();
      if (set.name() == "search_path") f.sets_search_path = set.kind() != pg_query::VAR_RESET;
      if (set.kind() == pg_query::VAR_RESET_ALL) f.sets_search_path = false;
    }
  }
}

std::string FunctionKey(ReplayContext& ctx, const pg_query::ObjectWithArgs& func) {
  model::QualifiedName name = ctx.Resolve(func.objname());
  std::string prefix = name.schema + "." + name.name + "(";
  if (func.args_unspecified()) {
    auto it = ctx.catalog->functions.lower_bound(prefix);
    if (it != ctx.catalog->functions.end() && it->first.rfind(prefix, 0) == 0) {
      auto next = std::next(it);
      if (next == ctx.catalog->functions.end() || next->first.rfind(prefix, 0) != 0) return it->first;
    }
    return prefix + "…)";
  }
  std::string key = prefix;
  bool first = true;
  for (const auto& arg : func.objargs()) {
    if (!arg.has_type_name()) continue;
    key += (first ? "" : ", ") + SignatureType(ctx, arg.type_name());
    first = false;
  }
  return key + ")";
}

void CreateTrigger(ReplayContext& ctx, const pg_query::CreateTrigStmt& stmt) {
  model::Trigger t;
  t.name = stmt.trigname();
  t.table = ctx.ResolveRelation(stmt.relation());
  if (!ctx.catalog->FindTable(t.table) && !ctx.catalog->views.count(t.table)) {
    ctx.UnknownObject("table", t.table.ToString());
    return;
  }
  t.function = ctx.Resolve(stmt.funcname());
  t.timing = (stmt.timing() & kTriggerInstead) ? "INSTEAD OF" : (stmt.timing() & kTriggerBefore) ? "BEFORE" : "AFTER";
  if (stmt.events() & kTriggerInsert) t.events.push_back("INSERT");
  if (stmt.events() & kTriggerUpdate) t.events.push_back("UPDATE");
  if (stmt.events() & kTriggerDelete) t.events.push_back("DELETE");
  if (stmt.events() & kTriggerTruncate) t.events.push_back("TRUNCATE");
  t.update_columns = sql::StringList(stmt.columns());
  t.for_each_row = stmt.row();
  t.when_expr = sql::DeparseExpr(stmt.when_clause());
  t.constraint_trigger = stmt.isconstraint();
  t.location = ctx.Where();
  auto& triggers = ctx.catalog->triggers;
  auto existing = std::find_if(triggers.begin(), triggers.end(), [&](const model::Trigger& other) {
    return other.name == t.name && other.table == t.table;
  });
  if (existing != triggers.end()) {
    if (stmt.replace()) *existing = std::move(t);
    else ctx.Warn("duplicate-object", fmt::format("trigger {} on {} already exists", t.name, t.table.ToString()));
    return;
  }
  triggers.push_back(std::move(t));
}

void CreatePolicy(ReplayContext& ctx, const pg_query::CreatePolicyStmt& stmt) {
  model::Policy p;
  p.name = stmt.policy_name();
  p.table = ctx.ResolveRelation(stmt.table());
  if (!ctx.FindTable(p.table)) return;
  p.command = stmt.cmd_name().empty() ? "ALL" : Upper(stmt.cmd_name());
  p.permissive = stmt.permissive();
  p.roles = RoleNames(stmt.roles());
  p.using_expr = sql::DeparseExpr(stmt.qual());
  p.check_expr = sql::DeparseExpr(stmt.with_check());
  p.location = ctx.Where();
  for (const auto& other : ctx.catalog->policies) {
    if (other.name == p.name && other.table == p.table) {
      ctx.Warn("duplicate-object", fmt::format("policy {} on {} already exists", p.name, p.table.ToString()));
      return;
    }
  }
  ctx.catalog->policies.push_back(std::move(p));
}

void AlterPolicy(ReplayContext& ctx, const pg_query::AlterPolicyStmt& stmt) {
  model::QualifiedName table = ctx.ResolveRelation(stmt.table());
  for (auto& p : ctx.catalog->policies) {
    if (p.name != stmt.policy_name() || p.table != table) continue;
    if (stmt.roles_size() > 0) p.roles = RoleNames(stmt.roles());
    if (stmt.has_qual()) p.using_expr = sql::DeparseExpr(stmt.qual());
    if (stmt.has_with_check()) p.check_expr = sql::DeparseExpr(stmt.with_check());
    return;
  }
  ctx.UnknownObject("policy", stmt.policy_name() + " on " + table.ToString());
}

}  // namespace dbarch::sources::ddl
