// Row-level security with no policy denies every row to everyone but the owner: usually a forgotten
// CREATE POLICY, noticed only when a non-owner role sees empty tables.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

void RunRlsWithoutPolicy(const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (!table.rls_enabled) continue;
    const bool has_policy = std::any_of(catalog.policies.begin(), catalog.policies.end(),
                                        [&](const model::Policy& p) { return p.table == name; });
    if (has_policy) continue;
    Finding f = NewFinding("security/rls-without-policy", table.location, name.ToString());
    f.message = fmt::format("{} has row-level security enabled but no policy", name.ToString());
    f.explanation = "With no policy every non-owner role sees and changes no rows (default deny). Add the policy "
                    "that states who may see what, or disable row-level security if it was not meant.";
    f.fix_sql = fmt::format("CREATE POLICY … ON {} USING (…);  -- or: ALTER TABLE {} DISABLE ROW LEVEL SECURITY;",
                            name.ToSql(), name.ToSql());
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
