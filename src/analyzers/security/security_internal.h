// Shared by the security checks: each check file defines one Run… function that appends findings; the
// registry (audit.cc) lists them once with their ids, summaries and severities.
#pragma once

#include <string>

#include "analyzers/security.h"

namespace dbarch::analyzers::security {

Finding NewFinding(std::string_view id, const SourceLocation& where, std::string object);

// Schema checks.
void RunSecurityDefinerSearchPath(const model::Catalog& catalog, Findings* out);
void RunTenantTableWithoutRls(const model::Catalog& catalog, Findings* out);
void RunRlsWithoutPolicy(const model::Catalog& catalog, Findings* out);
void RunPublicGrants(const model::Catalog& catalog, Findings* out);
// By column name, and with a live server also by sampled values.
void RunPersonalDataColumns(const model::Catalog& catalog, const SecuritySnapshot* live, Findings* out);
// The kind of personal data most sampled values are ("email address", "phone number", "bank or card number"),
// or "" when none reaches 80 % of at least 5 values; `matched` counts them.
std::string_view ClassifySampledValues(const std::vector<std::string>& samples, size_t* matched);
void RunPlaintextSecretColumns(const model::Catalog& catalog, Findings* out);
// With a live server its full role list is used (a live catalog only holds roles that own or are granted something).
void RunPrivilegedRoles(const model::Catalog& catalog, const SecuritySnapshot* live, Findings* out);
// Live-server checks.
void RunHbaRules(const SecuritySnapshot& live, Findings* out);
void RunPasswordHashing(const SecuritySnapshot& live, Findings* out);
void RunSslOff(const SecuritySnapshot& live, Findings* out);
void RunPublicSchemaCreate(const SecuritySnapshot& live, Findings* out);
void RunPublicDefaultPrivileges(const SecuritySnapshot& live, Findings* out);
void RunAuditLogging(const SecuritySnapshot& live, Findings* out);

// Lower-case copy.
std::string Lower(std::string_view text);

}  // namespace dbarch::analyzers::security
