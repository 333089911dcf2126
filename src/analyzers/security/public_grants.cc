// Grants to PUBLIC reach every role that exists now or is created later, including the application's
// least-privileged ones; EXECUTE on functions is PUBLIC by default, which matters for SECURITY DEFINER ones.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

void RunPublicGrants(const model::Catalog& catalog, Findings* out) {
  for (const auto& g : catalog.grants) {
    if (Lower(g.grantee) != "public") continue;
    // USAGE on a schema and CONNECT/TEMP on a database are PostgreSQL's own defaults and harmless alone.
    const bool benign = (g.object_kind == "SCHEMA" && g.privileges.size() == 1 && g.privileges[0] == "USAGE") ||
                        g.object_kind == "DATABASE";
    if (benign) continue;
    Finding f = NewFinding("security/public-grant", g.location, g.object);
    const std::string privileges = fmt::format("{}", fmt::join(g.privileges, ", "));
    f.message = fmt::format("{} on {} {} is granted to PUBLIC", privileges, g.object_kind, g.object);
    f.explanation = "PUBLIC is every role, including ones created later for other purposes. Grant to a group role "
                    "that the application's roles are members of instead.";
    f.fix_sql = fmt::format("REVOKE {} ON {} {} FROM PUBLIC;\nGRANT {} ON {} {} TO app_readwrite;  -- your group role",
                            privileges, g.object_kind, g.object, privileges, g.object_kind, g.object);
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
