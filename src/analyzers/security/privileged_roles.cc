// Roles that log in with SUPERUSER, BYPASSRLS or CREATEROLE: an application or person connecting with one
// can read everything, skip every policy, or mint new roles. Only a break-glass admin role should have them.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

void RunPrivilegedRoles(const model::Catalog& catalog, const SecuritySnapshot* live, Findings* out) {
  const auto& roles = live != nullptr && !live->roles.empty() ? live->roles : catalog.roles;
  int superusers = 0;
  for (const auto& [name, role] : roles) superusers += role.superuser && role.login;
  for (const auto& [name, role] : roles) {
    if (!role.login || name == "postgres" || name.starts_with("pg_")) continue;
    std::vector<std::string> powers;
    if (role.superuser) powers.push_back("SUPERUSER");
    if (role.bypass_rls) powers.push_back("BYPASSRLS");
    if (role.create_role) powers.push_back("CREATEROLE");
    if (powers.empty()) continue;
    Finding f = NewFinding("security/privileged-role", role.location, name);
    f.message = fmt::format("login role {} has {}", name, fmt::join(powers, ", "));
    f.explanation =
        "A login role with these attributes can read every table, ignore row-level security or create roles with "
        "any privilege it wants; an application connecting with it turns any SQL injection into full control. Keep "
        "one break-glass admin role (not used by applications) and grant applications only what they use.";
    f.evidence.push_back(fmt::format("{} login role(s) with SUPERUSER in all", superusers));
    std::vector<std::string> revoked;
    for (const auto& p : powers) revoked.push_back("NO" + p);
    f.fix_sql = fmt::format("ALTER ROLE {} {};", name, fmt::join(revoked, " "));
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
