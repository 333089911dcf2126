#include "sources/live/pg_settings.h"

namespace dbarch::sources {

Result<std::vector<model::ServerSetting>> ReadServerSettings(verify::PgConnection& connection) {
  auto rows = connection.Query(
      "SELECT name, setting, coalesce(unit, '') AS unit, source, context, coalesce(boot_val, '') AS boot_val, "
      "pending_restart FROM pg_settings ORDER BY name");
  if (!rows.ok()) return Status::Unavailable("cannot read pg_settings: " + rows.status().message());
  std::vector<model::ServerSetting> settings;
  settings.reserve(static_cast<size_t>(rows->rows()));
  for (int row = 0; row < rows->rows(); ++row) {
    model::ServerSetting s;
    s.name = rows->Get(row, "name");
    s.setting = rows->Get(row, "setting");
    s.unit = rows->Get(row, "unit");
    s.source = rows->Get(row, "source");
    s.context = rows->Get(row, "context");
    s.boot_val = rows->Get(row, "boot_val");
    s.pending_restart = rows->GetBool(row, "pending_restart");
    settings.push_back(std::move(s));
  }
  return settings;
}

}  // namespace dbarch::sources
