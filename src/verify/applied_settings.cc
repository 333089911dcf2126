#include "verify/applied_settings.h"

#include <cctype>

#include "model/server_settings.h"

namespace dbarch::verify {

const std::map<std::string, std::string>& ProductionLikeSettings() {
  static const std::map<std::string, std::string> kSettings = {
      {"fsync", "on"},          {"synchronous_commit", "on"}, {"full_page_writes", "on"},
      {"wal_level", "replica"}, {"max_wal_senders", "10"},    {"autovacuum", "on"},
  };
  return kSettings;
}

std::string QuotedSettingValue(const std::string& value) {
  if (value.empty()) return "''";
  if (value.front() == '\'') return value;
  // Bare numbers and words PostgreSQL accepts as they are; anything with a unit or a comma is quoted.
  for (char c : value) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return "'" + value + "'";
  }
  return value;
}

void ApplyConfiguration(const std::map<std::string, std::string>& settings, ScratchClusterOptions* cluster) {
  for (const auto& [name, value] : ProductionLikeSettings()) cluster->settings[name] = value;
  for (const auto& [name, value] : settings) cluster->settings[name] = QuotedSettingValue(value);
}

Result<std::map<std::string, std::string>> ReadAppliedSettings(PgConnection& connection,
                                                               const std::map<std::string, std::string>& settings) {
  std::map<std::string, std::string> applied;
  for (const auto& [name, value] : settings) {
    auto shown = connection.QueryParams(
        "SELECT name, setting, coalesce(unit, '') AS unit FROM pg_settings WHERE name = $1", {name});
    if (!shown.ok()) return shown.status();
    if (shown->rows() == 1) {
      model::ServerSetting s{shown->Get(0, "name"), shown->Get(0, "setting"), shown->Get(0, "unit"), "", "", "", false};
      applied[name] = model::DisplayValue(s);
    }
  }
  return applied;
}

}  // namespace dbarch::verify
