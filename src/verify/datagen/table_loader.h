// Streams a TablePlan's rows into PostgreSQL with COPY: straight into the table when every constraint is
// honoured by construction, else through a temporary staging table and
//   INSERT INTO t SELECT … FROM stage WHERE <filters> [ON CONFLICT DO NOTHING]
// so rows that would break a CHECK the generator does not understand, or a unique key it cannot enumerate,
// are dropped instead of failing the load.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "verify/datagen/table_plan.h"
#include "verify/pg_connection.h"

namespace dbarch::verify::datagen {

struct TableLoad {
  int64_t generated = 0;  // rows produced
  int64_t loaded = 0;     // rows now in the table
  bool staged = false;
};

// `progress` is called after each chunk with the rows produced so far. `freeze`: the table was created or
// truncated in the current transaction, so COPY may write frozen rows (COPY … FREEZE).
Result<TableLoad> LoadPlannedTable(PgConnection& connection, const TablePlan& plan, bool freeze,
                                   const std::function<void(int64_t rows)>& progress);

// Writes the values of the plan's cycle-breaking foreign keys (loaded NULL) with one UPDATE joined on
// `key_columns` (a primary key or NOT NULL unique key of the table).
Status FillNullFirstKeys(PgConnection& connection, const TablePlan& plan, const std::vector<std::string>& key_columns);

}  // namespace dbarch::verify::datagen
