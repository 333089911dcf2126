// AuditSecurity: the registry of security checks and the order they run in.
#include <algorithm>
#include <cctype>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers {

const std::vector<SecurityCheck>& AllSecurityChecks() {
  static const std::vector<SecurityCheck> kChecks = {
      {"security/security-definer-search-path", "SECURITY DEFINER function without a fixed search_path",
       Severity::kError},
      {"security/tenant-table-without-rls", "table with a tenant column and no row-level security", Severity::kWarning},
      {"security/rls-without-policy", "row-level security enabled but no policy (only the owner sees rows)",
       Severity::kWarning},
      {"security/public-grant", "privilege granted to PUBLIC (every role, present and future)", Severity::kWarning},
      {"security/personal-data-column", "column that looks like personal data: mask it outside production",
       Severity::kInfo},
      {"security/plaintext-secret-column", "column that looks like a password or secret stored as text",
       Severity::kWarning},
      {"security/privileged-role", "role with SUPERUSER, BYPASSRLS or CREATEROLE that logs in", Severity::kWarning},
      {"security/hba-trust", "pg_hba.conf lets clients in without a password", Severity::kError},
      {"security/hba-weak-method", "pg_hba.conf accepts cleartext or MD5 passwords, or any address", Severity::kWarning},
      {"security/md5-passwords", "password hashes stored as MD5, or password_encryption = md5", Severity::kWarning},
      {"security/ssl-off", "the server does not offer TLS", Severity::kWarning},
      {"security/public-schema-create", "PUBLIC may create objects in schema public", Severity::kWarning},
      {"security/public-default-privileges", "default privileges grant new objects to PUBLIC", Severity::kWarning},
      {"security/sql-injection-in-code", "application code runs SQL built by concatenation or interpolation of values",
       Severity::kError},
      {"security/audit-logging", "no audit trail of DDL and role changes (pgaudit or log_statement)", Severity::kInfo},
  };
  return kChecks;
}

Findings AuditSecurity(const model::Catalog& catalog, const SecuritySnapshot* live) {
  Findings out;
  security::RunSecurityDefinerSearchPath(catalog, &out);
  security::RunTenantTableWithoutRls(catalog, &out);
  security::RunRlsWithoutPolicy(catalog, &out);
  security::RunPublicGrants(catalog, &out);
  security::RunPersonalDataColumns(catalog, live, &out);
  security::RunPlaintextSecretColumns(catalog, &out);
  security::RunPrivilegedRoles(catalog, live, &out);
  if (live != nullptr) {
    security::RunHbaRules(*live, &out);
    security::RunPasswordHashing(*live, &out);
    security::RunSslOff(*live, &out);
    security::RunPublicSchemaCreate(*live, &out);
    security::RunPublicDefaultPrivileges(*live, &out);
    security::RunAuditLogging(*live, &out);
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return out;
}

namespace security {

Finding NewFinding(std::string_view id, const SourceLocation& where, std::string object) {
  Finding f;
  f.rule_id = std::string(id);
  for (const auto& check : AllSecurityChecks()) {
    if (check.id == id) f.severity = check.severity;
  }
  f.location = where;
  f.object = std::move(object);
  return f;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace security
}  // namespace dbarch::analyzers
