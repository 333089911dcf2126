// A SECURITY DEFINER function runs with its owner's privileges but resolves names through the caller's
// search_path: a caller who can create objects in any schema on that path (pg_temp always qualifies) can
// shadow an operator or function the body uses and run code as the owner.
#include <fmt/format.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

void RunSecurityDefinerSearchPath(const model::Catalog& catalog, Findings* out) {
  for (const auto& [key, f] : catalog.functions) {
    if (!f.security_definer || f.sets_search_path) continue;
    Finding finding = NewFinding("security/security-definer-search-path", f.location, key);
    finding.message = fmt::format("{} {} is SECURITY DEFINER without SET search_path", f.is_procedure ? "procedure" : "function",
                                  f.name.ToString());
    finding.explanation =
        "It runs with its owner's privileges but looks names up through the caller's search_path; a caller who can "
        "create a same-named function or operator in a schema searched first (pg_temp is always writable) runs code "
        "as the owner. Pin the search_path to trusted schemas, pg_temp last.";
    finding.fix_sql = fmt::format("ALTER {} {}({}) SET search_path = pg_catalog, {}, pg_temp;",
                                  f.is_procedure ? "PROCEDURE" : "FUNCTION", f.name.ToSql(),
                                  fmt::join(f.argument_types, ", "), f.name.schema);
    out->push_back(std::move(finding));
  }
}

}  // namespace dbarch::analyzers::security
