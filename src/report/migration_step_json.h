// A migration step as JSON, the same in the report's migration plan and in `dbarch diff --format json`.
#pragma once

#include <nlohmann/json.hpp>

#include "analyzers/migration_plan.h"

namespace dbarch::report {

// {number, title, up, down, lock_level, locked, rewrites_table, outside_transaction, loses_data, estimated_seconds (null: unknown), duration_basis, resolves, notes}
nlohmann::json MigrationStepJson(const analyzers::MigrationStep& step);

}  // namespace dbarch::report
