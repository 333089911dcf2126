// The live checks that read settings and privileges: password hashing, TLS, CREATE on public, default
// privileges to PUBLIC, and an audit trail of DDL and role changes.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

SourceLocation Server() { return {}; }

std::string SettingValue(const SecuritySnapshot& live, std::string_view name) {
  const auto* s = model::FindSetting(live.settings, name);
  return s == nullptr ? "" : s->setting;
}

}  // namespace

void RunPasswordHashing(const SecuritySnapshot& live, Findings* out) {
  const std::string encryption = SettingValue(live, "password_encryption");
  if (encryption == "md5" || !live.md5_password_roles.empty()) {
    Finding f = NewFinding("security/md5-passwords", Server(), live.server);
    f.message = !live.md5_password_roles.empty()
                    ? fmt::format("{} role(s) have MD5 password hashes: {}", live.md5_password_roles.size(),
                                  fmt::join(live.md5_password_roles, ", "))
                    : "password_encryption = md5: new passwords are stored as MD5";
    f.explanation = "An MD5 hash is derived from the role name and password only: it is cheap to brute-force and, "
                    "stolen from pg_authid or a backup, can log in directly. SCRAM-SHA-256 is neither.";
    if (!encryption.empty()) f.evidence.push_back("password_encryption = " + encryption);
    f.fix_sql = "ALTER SYSTEM SET password_encryption = 'scram-sha-256';\nSELECT pg_reload_conf();\n"
                "-- then have each listed role set its password again (\\password in psql), and switch pg_hba.conf "
                "md5 lines to scram-sha-256";
    out->push_back(std::move(f));
  }
}

void RunSslOff(const SecuritySnapshot& live, Findings* out) {
  if (SettingValue(live, "ssl") != "off") return;
  Finding f = NewFinding("security/ssl-off", Server(), live.server);
  f.message = "ssl = off: connections over the network are unencrypted";
  f.explanation = "Credentials (for password methods) and every query and result cross the network in the clear. "
                  "Enable TLS and require it with hostssl lines in pg_hba.conf (clients: sslmode=verify-full).";
  f.fix_sql = "# postgresql.conf: ssl = on, ssl_cert_file = 'server.crt', ssl_key_file = 'server.key',\n"
              "# ssl_min_protocol_version = 'TLSv1.2'; then SELECT pg_reload_conf();";
  out->push_back(std::move(f));
}

void RunPublicSchemaCreate(const SecuritySnapshot& live, Findings* out) {
  if (!live.public_schema_create_by_public) return;
  Finding f = NewFinding("security/public-schema-create", Server(), live.server);
  f.message = "every role may CREATE in schema public (the default before PostgreSQL 15)";
  f.explanation = "A role can plant a function or operator in public that shadows one another role's queries "
                  "resolve through search_path (CVE-2018-1058) and have it run with that role's privileges.";
  f.fix_sql = "REVOKE CREATE ON SCHEMA public FROM PUBLIC;";
  out->push_back(std::move(f));
}

void RunPublicDefaultPrivileges(const SecuritySnapshot& live, Findings* out) {
  for (const auto& acl : live.public_default_acls) {
    Finding f = NewFinding("security/public-default-privileges", Server(), live.server);
    f.message = "default privileges grant new objects to PUBLIC: " + acl;
    f.explanation = "Every table or function these roles create later is open to every role, without anyone "
                    "reviewing a GRANT.";
    f.fix_sql = "ALTER DEFAULT PRIVILEGES … REVOKE … FROM PUBLIC;  -- the same clause with REVOKE";
    out->push_back(std::move(f));
  }
}

void RunAuditLogging(const SecuritySnapshot& live, Findings* out) {
  const std::string preload = SettingValue(live, "shared_preload_libraries");
  const std::string log_statement = SettingValue(live, "log_statement");
  if (preload.find("pgaudit") != std::string::npos || log_statement == "ddl" || log_statement == "all") return;
  Finding f = NewFinding("security/audit-logging", Server(), live.server);
  f.message = "no audit trail of schema and role changes (pgaudit not loaded, log_statement = " +
              (log_statement.empty() ? std::string("none") : log_statement) + ")";
  const bool available = std::find(live.available_extensions.begin(), live.available_extensions.end(), "pgaudit") !=
                         live.available_extensions.end();
  f.explanation = std::string("Who changed a table, a role or a grant, and when, should be answerable after the "
                              "fact. pgaudit logs it as structured session audit records; ") +
                  (available ? "it is installed on this server." : "install it (Debian: postgresql-15-pgaudit).");
  f.evidence.push_back("shared_preload_libraries = '" + preload + "'");
  f.fix_sql = "# postgresql.conf:\nshared_preload_libraries = '" + (preload.empty() ? std::string() : preload + ",") +
              "pgaudit'    # restart\npgaudit.log = 'ddl, role'    # schema and privilege changes\n"
              "pgaudit.log_relation = on\npgaudit.log_parameter = off    # keep values out of the log\n"
              "-- then: CREATE EXTENSION pgaudit;";
  out->push_back(std::move(f));
}

}  // namespace dbarch::analyzers::security
