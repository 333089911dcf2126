// Reads a live server's configuration from pg_settings (every setting, its unit, where its value came
// from and what applying a change takes). Read-only; any role may read pg_settings.
#pragma once

#include <vector>

#include "dbarch/status.h"
#include "model/server_settings.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

Result<std::vector<model::ServerSetting>> ReadServerSettings(verify::PgConnection& connection);

}  // namespace dbarch::sources
