#include "report/migration_step_json.h"

namespace dbarch::report {

nlohmann::json MigrationStepJson(const analyzers::MigrationStep& s) {
  return {{"number", s.number},
          {"title", s.title},
          {"up", s.up_sql},
          {"down", s.down_sql},
          {"lock_level", s.lock_level},
          {"locked", s.locked},
          {"rewrites_table", s.rewrites_table},
          {"outside_transaction", s.outside_transaction},
          {"loses_data", s.loses_data},
          {"estimated_seconds", s.estimated_seconds < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.estimated_seconds)},
          {"duration_basis", s.duration_basis},
          {"resolves", s.resolves},
          {"notes", s.notes}};
}

}  // namespace dbarch::report
