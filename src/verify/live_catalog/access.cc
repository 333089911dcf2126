// Privileges (from ACLs) and the roles the schema refers to.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify::live {
namespace {

// Privileges in the order GRANT documents them; a complete set is written "ALL", as GRANT ALL is.
const std::vector<std::string>& PrivilegeOrder() {
  static const std::vector<std::string> kOrder = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
                                                  "TRIGGER", "CREATE", "CONNECT", "TEMPORARY", "EXECUTE", "USAGE"};
  return kOrder;
}

std::set<std::string> FullSet(const std::string& kind, bool columns) {
  if (columns) return {"SELECT", "INSERT", "UPDATE", "REFERENCES"};
  if (kind == "TABLE") return {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"};
  if (kind == "SEQUENCE") return {"USAGE", "SELECT", "UPDATE"};
  if (kind == "SCHEMA") return {"USAGE", "CREATE"};
  if (kind == "DATABASE") return {"CREATE", "CONNECT", "TEMPORARY"};
  if (kind == "FUNCTION" || kind == "PROCEDURE") return {"EXECUTE"};
  return {"USAGE"};
}

struct GrantKey {
  std::string kind, object, grantee;
  bool columns = false;
  auto operator<=>(const GrantKey&) const = default;
};

struct GrantValue {
  std::set<std::string> privileges;
  std::vector<std::string> columns;
  bool with_grant_option = false;
};

}  // namespace

void ReadGrants(LiveReader& r) {
  // Each object's explicit ACL minus the default ACL of its kind (what GRANT/REVOKE changed), without the
  // owner's own privileges. In PostgreSQL 15 the public schema starts with USAGE for PUBLIC: not a grant.
  const std::string entry = "a.grantee, a.privilege_type, a.is_grantable";
  auto explode = [&](std::string_view acl, std::string_view kind_code, std::string_view owner) {
    return fmt::format("(SELECT * FROM aclexplode({0}) EXCEPT SELECT * FROM aclexplode(acldefault('{1}', {2}))) a",
                       acl, kind_code, owner);
  };
  std::string sql = fmt::format(R"(
SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.oid AS object_oid,
       n.nspname || '.' || c.relname AS object, NULL::text AS column_name, {0}
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
     LATERAL {1}
WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND a.grantee <> c.relowner AND {2}
UNION ALL
SELECT 'TABLE', c.oid, n.nspname || '.' || c.relname, att.attname, {0}
FROM pg_catalog.pg_attribute att JOIN pg_catalog.pg_class c ON c.oid = att.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, LATERAL aclexplode(att.attacl) a
WHERE att.attacl IS NOT NULL AND att.attnum > 0 AND NOT att.attisdropped AND a.grantee <> c.relowner AND {2}
UNION ALL
SELECT CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid, NULL, NULL, {0}
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace, LATERAL {3}
WHERE p.proacl IS NOT NULL AND a.grantee <> p.proowner AND {4}
UNION ALL
SELECT 'SCHEMA', n.oid, n.nspname, NULL, {0}
FROM pg_catalog.pg_namespace n, LATERAL {5}
WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner
  AND NOT (n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'USAGE') AND {6}
UNION ALL
SELECT CASE WHEN t.typtype = 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid, n.nspname || '.' || t.typname, NULL, {0}
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace, LATERAL {7}
WHERE t.typacl IS NOT NULL AND t.typtype IN ('e', 'd') AND a.grantee <> t.typowner AND {8}
UNION ALL
SELECT 'DATABASE', d.oid, d.datname, NULL, {0}
FROM pg_catalog.pg_database d, LATERAL {9}
WHERE d.datname = current_database() AND d.datacl IS NOT NULL AND a.grantee <> d.datdba
ORDER BY 1, 3, 4)",
                                entry, explode("c.relacl", "r", "c.relowner"),
                                SchemaFilter() + " AND " + NotExtensionMember("pg_class", "c.oid"),
                                explode("p.proacl", "f", "p.proowner"),
                                SchemaFilter() + " AND " + NotExtensionMember("pg_proc", "p.oid"),
                                explode("n.nspacl", "n", "n.nspowner"),
                                SchemaFilter() + " AND " + NotExtensionMember("pg_namespace", "n.oid"),
                                explode("t.typacl", "T", "t.typowner"),
                                SchemaFilter() + " AND " + NotExtensionMember("pg_type", "t.oid"),
                                explode("d.datacl", "d", "d.datdba"));
  // Sequences' default ACL is that of kind 's', not 'r'; both are "owner has everything", which the owner
  // filter removes anyway, so one LATERAL serves both.
  auto result = r.Query("privileges", sql);
  if (!result) return;
  auto roles = r.Query("grantee names", "SELECT oid, rolname FROM pg_catalog.pg_roles", false);
  std::map<Oid, std::string> role_names;
  if (roles) {
    for (int i = 0; i < roles->rows(); ++i) role_names[ToOid(roles->Get(i, "oid"))] = roles->Get(i, "rolname");
  }
  // Object privileges by (kind, object, grantee); column privileges by (table, grantee, privilege), then the
  // privileges held on the same columns are written as one grant, as GRANT SELECT (a, b), UPDATE (a, b) is.
  std::map<GrantKey, GrantValue> grants;
  std::map<std::pair<GrantKey, std::string>, GrantValue> column_privileges;
  for (int i = 0; i < result->rows(); ++i) {
    GrantKey key;
    key.kind = result->Get(i, "kind");
    if (key.kind == "FUNCTION" || key.kind == "PROCEDURE") {
      auto f = r.functions.find(ToOid(result->Get(i, "object_oid")));
      if (f == r.functions.end()) continue;
      key.object = f->second;
    } else {
      key.object = result->Get(i, "object");
    }
    Oid grantee = ToOid(result->Get(i, "grantee"));
    key.grantee = grantee == 0 ? "PUBLIC" : role_names[grantee];
    std::string privilege = result->Get(i, "privilege_type");
    bool grantable = result->GetBool(i, "is_grantable");
    if (auto column = result->GetOptional(i, "column_name")) {
      key.columns = true;
      GrantValue& value = column_privileges[{key, privilege}];
      value.columns.push_back(*column);
      value.with_grant_option = value.with_grant_option || grantable;
      continue;
    }
    GrantValue& value = grants[key];
    value.privileges.insert(privilege);
    value.with_grant_option = value.with_grant_option || grantable;
  }
  std::map<std::pair<GrantKey, std::vector<std::string>>, GrantValue> by_columns;
  for (auto& [key_privilege, value] : column_privileges) {
    GrantValue& merged = by_columns[{key_privilege.first, value.columns}];
    merged.columns = value.columns;
    merged.privileges.insert(key_privilege.second);
    merged.with_grant_option = merged.with_grant_option || value.with_grant_option;
  }
  auto add = [&](const GrantKey& key, const GrantValue& value) {
    model::Grant g;
    g.object_kind = key.kind;
    g.object = key.object;
    g.grantee = key.grantee;
    g.columns = value.columns;
    g.with_grant_option = value.with_grant_option;
    std::set<std::string> all = FullSet(key.kind, key.columns);
    if (all.size() > 1 && value.privileges == all) {
      g.privileges = {"ALL"};
    } else {
      for (const auto& p : PrivilegeOrder()) {
        if (value.privileges.count(p)) g.privileges.push_back(p);
      }
    }
    g.location = r.location;
    if (g.grantee != "PUBLIC") r.referenced_roles.insert(g.grantee);
    r.catalog.grants.push_back(std::move(g));
  };
  for (const auto& [key, value] : grants) add(key, value);
  for (const auto& [key, value] : by_columns) add(key.first, value);
}

void ReadRoles(LiveReader& r) {
  if (r.referenced_roles.empty()) return;
  auto result = r.Query("roles", R"(
SELECT r.rolname, r.rolsuper, r.rolcanlogin, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
       ARRAY(SELECT g.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid ORDER BY g.rolname) AS member_of
FROM pg_catalog.pg_roles r)",
                        false);
  if (!result) return;
  std::map<std::string, model::Role> all;
  for (int i = 0; i < result->rows(); ++i) {
    model::Role role;
    role.name = result->Get(i, "rolname");
    role.superuser = result->GetBool(i, "rolsuper");
    role.login = result->GetBool(i, "rolcanlogin");
    role.create_role = result->GetBool(i, "rolcreaterole");
    role.create_db = result->GetBool(i, "rolcreatedb");
    role.bypass_rls = result->GetBool(i, "rolbypassrls");
    role.member_of = result->GetArray(i, "member_of");
    role.location = r.location;
    all[role.name] = std::move(role);
  }
  // The referenced roles and, transitively, the roles they are members of; pg_* roles are built in.
  std::vector<std::string> pending(r.referenced_roles.begin(), r.referenced_roles.end());
  while (!pending.empty()) {
    std::string name = pending.back();
    pending.pop_back();
    if (name.rfind("pg_", 0) == 0 || r.catalog.roles.count(name)) continue;
    auto it = all.find(name);
    if (it == all.end()) continue;
    r.catalog.roles[name] = it->second;
    pending.insert(pending.end(), it->second.member_of.begin(), it->second.member_of.end());
  }
}

}  // namespace dbarch::verify::live
