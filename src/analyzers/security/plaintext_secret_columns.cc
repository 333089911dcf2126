// Passwords, API keys and tokens kept as text: a database leak (a backup, a replica, a support query)
// hands them out. Passwords belong hashed by the application (argon2/bcrypt); tokens hashed (store
// sha256 and compare hashes) or encrypted with a key outside the database.
#include <fmt/format.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

bool LooksSecret(const std::string& column) {
  const std::string name = Lower(column);
  if (name.find("hash") != std::string::npos || name.find("digest") != std::string::npos ||
      name.find("encrypted") != std::string::npos || name.ends_with("_id") || name.ends_with("_at")) {
    return false;
  }
  for (std::string_view word : {"password", "passwd", "secret", "api_key", "apikey", "access_token", "refresh_token",
                                "auth_token", "private_key", "client_secret"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return name == "token";
}

}  // namespace

void RunPlaintextSecretColumns(const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    for (const auto& column : table.columns) {
      const std::string type = Lower(column.type.ToSql());
      const bool textual = type == "text" || type.starts_with("character") || type.starts_with("varchar") ||
                           type == "citext" || type == "jsonb" || type == "json";
      if (!textual || !LooksSecret(column.name)) continue;
      Finding f = NewFinding("security/plaintext-secret-column", column.location.known() ? column.location : table.location,
                             name.ToString() + "." + column.name);
      f.message = fmt::format("{}.{} looks like a secret stored as {}", name.ToString(), column.name, column.type.ToSql());
      f.explanation =
          "Anyone who reads the table, a backup or a replica gets working credentials. Store a password as a slow "
          "hash computed by the application (argon2id, bcrypt); store a token as its SHA-256 and compare hashes; "
          "store a secret the application must read back encrypted with a key kept outside the database.";
      f.fix_sql = fmt::format(
          "ALTER TABLE {0} ADD COLUMN {1}_hash bytea;  -- filled by the application, then\n"
          "ALTER TABLE {0} DROP COLUMN {1};            -- once every row has a hash",
          name.ToSql(), column.name);
      out->push_back(std::move(f));
    }
  }
}

}  // namespace dbarch::analyzers::security
