// Multi-tenant tables (a tenant/organization/account key column) are where a missing WHERE tenant_id = …
// in one query leaks another customer's data; row-level security makes the database enforce the filter.
#include <fmt/format.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

constexpr std::string_view kTenantColumns[] = {"tenant_id", "organization_id", "organisation_id", "org_id",
                                               "account_id", "workspace_id", "company_id", "team_id"};

const model::Column* TenantColumn(const model::Table& table) {
  for (const auto& column : table.columns) {
    const std::string name = Lower(column.name);
    for (auto tenant : kTenantColumns) {
      if (name == tenant) return &column;
    }
  }
  return nullptr;
}

}  // namespace

void RunTenantTableWithoutRls(const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (table.rls_enabled || table.partition_of) continue;  // partitions follow their parent's policies
    const model::Column* tenant = TenantColumn(table);
    if (tenant == nullptr) continue;
    Finding f = NewFinding("security/tenant-table-without-rls", table.location, name.ToString());
    f.message = fmt::format("{} holds rows of many tenants ({}) but has no row-level security", name.ToString(),
                            tenant->name);
    f.explanation =
        "Every query must filter by the tenant; one that forgets leaks other tenants' rows. With row-level security "
        "the database adds the filter itself: the application sets the tenant per transaction (SET LOCAL "
        "app.tenant_id = …) and connects as a role that is not the table owner (owners bypass policies unless "
        "FORCE is set).";
    f.evidence.push_back(fmt::format("tenant column {}.{} ({})", name.ToString(), tenant->name, tenant->type.ToSql()));
    f.fix_sql = fmt::format(
        "ALTER TABLE {0} ENABLE ROW LEVEL SECURITY;\n"
        "ALTER TABLE {0} FORCE ROW LEVEL SECURITY;\n"
        "CREATE POLICY tenant_isolation ON {0}\n"
        "  USING ({1} = current_setting('app.tenant_id')::{2})\n"
        "  WITH CHECK ({1} = current_setting('app.tenant_id')::{2});",
        name.ToSql(), tenant->name, tenant->type.ToSql());
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
