// Proof of a schema design on the scratch cluster: the original rows are loaded as text into
// staging.<table>, the generated migration runs (creating the tables with their primary keys, copying the
// data, adding the foreign keys — so every constraint is checked on the real data), and the natural join of
// the new tables is compared with the original rows in both directions (EXCEPT): empty both ways means the
// decomposition is lossless.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/design_sql.h"
#include "analyzers/normalize/table_data.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct DesignVerification {
  bool ran = false;
  std::string not_run_reason;
  bool migration_ok = false;
  std::string migration_error;       // PostgreSQL's message when the migration failed (a constraint, a cast)
  long long original_rows = 0;       // distinct original rows
  long long missing_rows = -1;       // original EXCEPT join
  long long extra_rows = -1;         // join EXCEPT original
  std::vector<std::pair<std::string, long long>> table_rows;  // rows in each new table
  bool lossless() const { return migration_ok && missing_rows == 0 && extra_rows == 0; }
};

// Runs in the connection's database, which should be empty (a fresh scratch database).
DesignVerification VerifyDesign(PgConnection& connection, const analyzers::normalize::TableData& table,
                                const analyzers::normalize::DesignSql& sql,
                                const std::vector<std::string>& new_tables);

}  // namespace dbarch::verify
