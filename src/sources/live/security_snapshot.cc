#include "sources/live/security_snapshot.h"

#include <map>

#include <fmt/format.h>

#include "sources/live/pg_settings.h"

namespace dbarch::sources {

Result<model::SecuritySnapshot> ReadSecuritySnapshot(verify::PgConnection& connection) {
  model::SecuritySnapshot snapshot;
  snapshot.server = connection.Describe();
  auto settings = ReadServerSettings(connection);
  if (!settings.ok()) return settings.status();
  snapshot.settings = std::move(settings).value();

  if (auto rows = connection.Query(
          "SELECT line_number, type, database, user_name, coalesce(address, '') AS address, "
          "coalesce(netmask, '') AS netmask, coalesce(auth_method, '') AS auth_method, coalesce(error, '') AS error "
          "FROM pg_hba_file_rules ORDER BY line_number");
      rows.ok()) {
    snapshot.hba_known = true;
    for (int r = 0; r < rows->rows(); ++r) {
      model::HbaRule rule;
      rule.line = static_cast<int>(rows->GetInt(r, "line_number"));
      rule.type = rows->Get(r, "type");
      rule.databases = rows->GetArray(r, "database");
      rule.users = rows->GetArray(r, "user_name");
      rule.address = rows->Get(r, "address");
      rule.netmask = rows->Get(r, "netmask");
      rule.auth_method = rows->Get(r, "auth_method");
      rule.error = rows->Get(r, "error");
      snapshot.hba_rules.push_back(std::move(rule));
    }
  } else {
    snapshot.notes.push_back("pg_hba.conf rules not read (pg_hba_file_rules needs a superuser): " +
                             rows.status().message());
  }

  // Only the hash kind is read, never the hash.
  if (auto rows = connection.Query(
          "SELECT rolname FROM pg_authid WHERE rolcanlogin AND rolpassword LIKE 'md5%' ORDER BY rolname");
      rows.ok()) {
    snapshot.passwords_known = true;
    for (int r = 0; r < rows->rows(); ++r) snapshot.md5_password_roles.push_back(rows->Get(r, "rolname"));
  } else {
    snapshot.notes.push_back("password hash kinds not read (pg_authid needs a superuser): " + rows.status().message());
  }

  if (auto rows = connection.Query(
          "SELECT has_schema_privilege('public', 'public', 'CREATE') AS public_create "
          "FROM pg_namespace WHERE nspname = 'public'");
      rows.ok()) {
    snapshot.public_schema_create_by_public = rows->rows() == 1 && rows->GetBool(0, "public_create");
  } else {
    snapshot.notes.push_back("privileges on schema public not read: " + rows.status().message());
  }

  if (auto rows = connection.Query(
          "SELECT pg_get_userbyid(d.defaclrole) AS owner, coalesce(n.nspname, '') AS schema, d.defaclobjtype AS kind, "
          "a.privilege_type AS privilege "
          "FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, "
          "LATERAL aclexplode(d.defaclacl) a WHERE a.grantee = 0 ORDER BY 1, 2, 3, 4");
      rows.ok()) {
    static const std::map<std::string, std::string> kKinds = {
        {"r", "TABLES"}, {"S", "SEQUENCES"}, {"f", "FUNCTIONS"}, {"T", "TYPES"}, {"n", "SCHEMAS"}};
    for (int r = 0; r < rows->rows(); ++r) {
      const std::string schema = rows->Get(r, "schema");
      auto kind = kKinds.find(rows->Get(r, "kind"));
      snapshot.public_default_acls.push_back(fmt::format(
          "ALTER DEFAULT PRIVILEGES FOR ROLE {}{} GRANT {} ON {} TO PUBLIC", rows->Get(r, "owner"),
          schema.empty() ? "" : " IN SCHEMA " + schema, rows->Get(r, "privilege"),
          kind == kKinds.end() ? rows->Get(r, "kind") : kind->second));
    }
  } else {
    snapshot.notes.push_back("default privileges not read: " + rows.status().message());
  }

  if (auto rows = connection.Query(
          "SELECT rolname, rolsuper, rolcanlogin, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
          "WHERE rolname !~ '^pg_' ORDER BY rolname");
      rows.ok()) {
    for (int r = 0; r < rows->rows(); ++r) {
      model::Role role;
      role.name = rows->Get(r, "rolname");
      role.superuser = rows->GetBool(r, "rolsuper");
      role.login = rows->GetBool(r, "rolcanlogin");
      role.create_role = rows->GetBool(r, "rolcreaterole");
      role.create_db = rows->GetBool(r, "rolcreatedb");
      role.bypass_rls = rows->GetBool(r, "rolbypassrls");
      snapshot.roles[role.name] = std::move(role);
    }
  } else {
    snapshot.notes.push_back("roles not read: " + rows.status().message());
  }
  // Samples of text columns (the first 300 of user tables), for personal data recognized by content.
  if (auto columns = connection.Query(
          "SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name FROM pg_attribute a "
          "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
          "AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype) "
          "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_' "
          "ORDER BY 1, 2, a.attnum LIMIT 300");
      columns.ok()) {
    for (int r = 0; r < columns->rows(); ++r) {
      const std::string schema = columns->Get(r, "schema"), table = columns->Get(r, "table_name"),
                        column = columns->Get(r, "column_name");
      const std::string col = connection.QuoteIdentifier(column);
      auto values = connection.Query(fmt::format("SELECT {0}::text AS v FROM {1}.{2} WHERE {0} IS NOT NULL LIMIT 50", col,
                                                 connection.QuoteIdentifier(schema), connection.QuoteIdentifier(table)));
      if (!values.ok()) continue;  // a table the role may not read
      auto& samples = snapshot.column_samples[schema + "." + table + "." + column];
      for (int v = 0; v < values->rows(); ++v) samples.push_back(values->Get(v, "v"));
    }
  } else {
    snapshot.notes.push_back("column samples not read: " + columns.status().message());
  }
  if (auto rows = connection.Query("SELECT name FROM pg_available_extensions ORDER BY name"); rows.ok()) {
    for (int r = 0; r < rows->rows(); ++r) snapshot.available_extensions.push_back(rows->Get(r, "name"));
  }
  return snapshot;
}

}  // namespace dbarch::sources
