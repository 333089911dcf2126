// What only a live server tells about its security: pg_hba rules, password hashes, settings, privileges on
// the public schema, default privileges, installable extensions. Read by sources/live/security_snapshot.h,
// judged by analyzers/security.h.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/server_settings.h"

namespace dbarch::model {

// One line of pg_hba.conf as pg_hba_file_rules shows it.
struct HbaRule {
  int line = 0;
  std::string type;      // local, host, hostssl, hostnossl, …
  std::vector<std::string> databases, users;
  std::string address;   // "" for local; "all", "0.0.0.0", "::", "10.0.0.0", …
  std::string netmask;
  std::string auth_method;  // trust, reject, scram-sha-256, md5, password, peer, ident, cert, …
  std::string error;
};

// What only a live server can tell. Each part may be unreadable for the role; then it is absent and a note
// says why (pg_hba_file_rules and pg_authid need a superuser).
struct SecuritySnapshot {
  std::string server;  // the redacted connection description
  std::vector<model::ServerSetting> settings;
  bool public_schema_create_by_public = false;  // PUBLIC has CREATE on schema public
  bool hba_known = false;
  std::vector<HbaRule> hba_rules;
  bool passwords_known = false;
  std::vector<std::string> md5_password_roles;   // roles whose stored hash is MD5
  std::vector<std::string> public_default_acls;  // "ALTER DEFAULT PRIVILEGES … GRANT … TO PUBLIC" as text
  std::vector<std::string> available_extensions; // installable on the server (pgaudit?)
  // Up to 50 non-null values of each text column (schema.table.column → values), to recognize personal data by
  // content when the name does not say it. Kept in memory only; findings cite counts, never values.
  std::map<std::string, std::vector<std::string>> column_samples;
  std::map<std::string, Role> roles;             // every role but the pg_ built-ins (the catalog has only referenced ones)
  std::vector<std::string> notes;
};

}  // namespace dbarch::model
