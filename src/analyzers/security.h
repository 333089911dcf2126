// Security audit (`dbarch security`, and the report): findings from the schema — SECURITY DEFINER functions
// without a fixed search_path, tenant tables without row-level security, grants to PUBLIC, columns that
// look like personal data or secrets, privileged roles — and, with a live server, from what only it knows:
// pg_hba rules, password hashes, ssl and password_encryption, CREATE on the public schema, default
// privileges, pgaudit. Each finding carries the fix (SQL or a setting). Application code that builds SQL
// by string concatenation is found by security/code_scan.h.
#pragma once

#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"
#include "model/security_facts.h"

namespace dbarch::analyzers {

using model::HbaRule;
using model::SecuritySnapshot;

struct SecurityCheck {
  std::string_view id;       // "security/security-definer-search-path"
  std::string_view summary;  // one line
  Severity severity;
};

// Every check, in the order they run (`dbarch security --list`).
const std::vector<SecurityCheck>& AllSecurityChecks();

// `live` may be null: the schema checks still run (on DDL files or on the live catalog).
Findings AuditSecurity(const model::Catalog& catalog, const SecuritySnapshot* live);

}  // namespace dbarch::analyzers
