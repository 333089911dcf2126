// Roles, role membership and privileges (GRANT/REVOKE).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sources/ddl/replay_internal.h"

namespace dbarch::sources::ddl {
namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool BoolArg(const pg_query::DefElem& def) {
  if (!def.has_arg()) return true;
  if (def.arg().has_boolean()) return def.arg().boolean().boolval();
  if (def.arg().has_integer()) return def.arg().integer().ival() != 0;
  return true;
}

void AddMembership(model::Role& role, const std::string& group) {
  if (std::find(role.member_of.begin(), role.member_of.end(), group) == role.member_of.end()) {
    role.member_of.push_back(group);
  }
}

model::Role& RoleEntry(ReplayContext& ctx, const std::string& name) {
  model::Role& role = ctx.catalog->roles[name];
  if (role.name.empty()) {
    role.name = name;
    role.location = ctx.Where();
  }
  return role;
}

void ApplyRoleOptions(ReplayContext& ctx, model::Role& role, const sql::NodeList& options) {
  for (const auto& node : options) {
    if (!node.has_def_elem()) continue;
    const auto& def = node.def_elem();
    const std::string& opt = def.defname();
    if (opt == "superuser") role.superuser = BoolArg(def);
    else if (opt == "canlogin") role.login = BoolArg(def);
    else if (opt == "createrole") role.create_role = BoolArg(def);
    else if (opt == "createdb") role.create_db = BoolArg(def);
    else if (opt == "bypassrls") role.bypass_rls = BoolArg(def);
    else if (opt == "addroleto" && def.arg().has_list()) {  // IN ROLE …
      for (const auto& group : RoleNames(def.arg().list().items())) AddMembership(role, group);
    } else if ((opt == "rolemembers" || opt == "adminmembers") && def.arg().has_list()) {  // ROLE …/ADMIN …
      for (const auto& member : RoleNames(def.arg().list().items())) AddMembership(RoleEntry(ctx, member), role.name);
    }
  }
}

std::string ObjectKind(const pg_query::GrantStmt& stmt) {
  bool all = stmt.targtype() == pg_query::ACL_TARGET_ALL_IN_SCHEMA;
  switch (stmt.objtype()) {
    case pg_query::OBJECT_TABLE: return all ? "ALL TABLES IN SCHEMA" : "TABLE";
    case pg_query::OBJECT_SEQUENCE: return all ? "ALL SEQUENCES IN SCHEMA" : "SEQUENCE";
    case pg_query::OBJECT_FUNCTION: return all ? "ALL FUNCTIONS IN SCHEMA" : "FUNCTION";
    case pg_query::OBJECT_PROCEDURE: return all ? "ALL PROCEDURES IN SCHEMA" : "PROCEDURE";
    case pg_query::OBJECT_ROUTINE: return all ? "ALL ROUTINES IN SCHEMA" : "ROUTINE";
    case pg_query::OBJECT_SCHEMA: return "SCHEMA";
    case pg_query::OBJECT_DATABASE: return "DATABASE";
    case pg_query::OBJECT_TYPE: return "TYPE";
    case pg_query::OBJECT_DOMAIN: return "DOMAIN";
    case pg_query::OBJECT_LANGUAGE: return "LANGUAGE";
    case pg_query::OBJECT_FOREIGN_SERVER: return "FOREIGN SERVER";
    case pg_query::OBJECT_FDW: return "FOREIGN DATA WRAPPER";
    case pg_query::OBJECT_TABLESPACE: return "TABLESPACE";
    case pg_query::OBJECT_LARGEOBJECT: return "LARGE OBJECT";
    default: return "OBJECT";
  }
}

std::string ObjectName(ReplayContext& ctx, const pg_query::Node& object) {
  if (object.has_range_var()) return ctx.ResolveRelation(object.range_var()).ToString();
  if (object.has_object_with_args()) return FunctionKey(ctx, object.object_with_args());
  if (object.has_string()) return object.string().sval();
  if (object.has_list()) return ctx.Resolve(object.list().items()).ToString();
  if (object.has_type_name()) return ctx.Resolve(object.type_name().names()).ToString();
  if (object.has_integer()) return std::to_string(object.integer().ival());
  return "";
}

}  // namespace

std::vector<std::string> RoleNames(const sql::NodeList& roles) {
  std::vector<std::string> out;
  for (const auto& node : roles) {
    if (!node.has_role_spec()) {
      if (node.has_string()) out.push_back(node.string().sval());
      continue;
    }
    const auto& spec = node.role_spec();
    switch (spec.roletype()) {
      case pg_query::ROLESPEC_CSTRING: out.push_back(spec.rolename()); break;
      case pg_query::ROLESPEC_PUBLIC: out.push_back("PUBLIC"); break;
      case pg_query::ROLESPEC_CURRENT_USER: out.push_back("CURRENT_USER"); break;
      case pg_query::ROLESPEC_CURRENT_ROLE: out.push_back("CURRENT_ROLE"); break;
      case pg_query::ROLESPEC_SESSION_USER: out.push_back("SESSION_USER"); break;
      default: break;
    }
  }
  return out;
}

void CreateRole(ReplayContext& ctx, const pg_query::CreateRoleStmt& stmt) {
  if (ctx.catalog->roles.count(stmt.role())) {
    ctx.Warn("duplicate-object", fmt::format("role {} already exists", stmt.role()));
    return;
  }
  model::Role& role = RoleEntry(ctx, stmt.role());
  role.login = stmt.stmt_type() == pg_query::ROLESTMT_USER;  // CREATE USER implies LOGIN
  ApplyRoleOptions(ctx, role, stmt.options());
}

void AlterRole(ReplayContext& ctx, const pg_query::AlterRoleStmt& stmt) {
  if (stmt.role().roletype() != pg_query::ROLESPEC_CSTRING) return;  // ALTER ROLE CURRENT_USER …
  // Roles live outside the database, so one created elsewhere is normal: record it without a warning.
  model::Role& role = RoleEntry(ctx, stmt.role().rolename());
  ApplyRoleOptions(ctx, role, stmt.options());
}

void GrantRole(ReplayContext& ctx, const pg_query::GrantRoleStmt& stmt) {
  std::vector<std::string> groups;
  for (const auto& node : stmt.granted_roles()) {
    if (node.has_access_priv()) groups.push_back(node.access_priv().priv_name());
  }
  for (const auto& member : RoleNames(stmt.grantee_roles())) {
    if (stmt.is_grant()) {
      model::Role& role = RoleEntry(ctx, member);
      for (const auto& g : groups) AddMembership(role, g);
    } else if (auto it = ctx.catalog->roles.find(member); it != ctx.catalog->roles.end()) {
      auto& m = it->second.member_of;
      for (const auto& g : groups) m.erase(std::remove(m.begin(), m.end(), g), m.end());
    }
  }
}

void Grant(ReplayContext& ctx, const pg_query::GrantStmt& stmt) {
  if (stmt.targtype() == pg_query::ACL_TARGET_DEFAULTS) return;  // ALTER DEFAULT PRIVILEGES: future objects
  std::string kind = ObjectKind(stmt);
  std::vector<std::string> privileges;
  std::vector<std::string> columns;
  for (const auto& node : stmt.privileges()) {
    if (!node.has_access_priv()) continue;
    privileges.push_back(Upper(node.access_priv().priv_name()));
    for (const auto& c : sql::StringList(node.access_priv().cols())) {
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
  }
  if (privileges.empty()) privileges.push_back("ALL");  // GRANT ALL [PRIVILEGES]
  auto& grants = ctx.catalog->grants;
  for (const auto& object_node : stmt.objects()) {
    std::string object = ObjectName(ctx, object_node);
    for (const auto& grantee : RoleNames(stmt.grantees())) {
      auto same = [&](const model::Grant& g) {
        return g.object_kind == kind && g.object == object && g.grantee == grantee && g.columns == columns;
      };
      auto it = std::find_if(grants.begin(), grants.end(), same);
      if (stmt.is_grant()) {
        if (it == grants.end()) {
          model::Grant g;
          g.object_kind = kind;
          g.object = object;
          g.columns = columns;
          g.grantee = grantee;
          g.location = ctx.Where();
          it = grants.insert(grants.end(), std::move(g));
        }
        for (const auto& p : privileges) {
          if (std::find(it->privileges.begin(), it->privileges.end(), p) == it->privileges.end()) {
            it->privileges.push_back(p);
          }
        }
        it->with_grant_option = it->with_grant_option || stmt.grant_option();
        continue;
      }
      // REVOKE [GRANT OPTION FOR] …
      if (it == grants.end()) continue;
      if (stmt.grant_option()) {
        it->with_grant_option = false;
        continue;
      }
      if (privileges == std::vector<std::string>{"ALL"}) {
        grants.erase(it);
        continue;
      }
      auto& held = it->privileges;
      for (const auto& p : privileges) held.erase(std::remove(held.begin(), held.end(), p), held.end());
      if (held.empty()) grants.erase(it);
    }
  }
}

}  // namespace dbarch::sources::ddl
