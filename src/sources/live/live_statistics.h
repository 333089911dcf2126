// Reads what a live database knows about its data into model::Statistics: row counts and sizes (pg_class,
// pg_total_relation_size), per-column distributions (pg_stats), activity counters (pg_stat_user_tables,
// pg_stat_user_indexes) and when they were last reset. Read-only. A view the role may not read becomes a
// note in Statistics::notes and the rest is still read.
#pragma once

#include "dbarch/status.h"
#include "model/statistics.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

struct LiveStatisticsOptions {
  bool column_statistics = true;  // pg_stats (most common values can be large on wide schemas)
};

// kUnavailable only when even pg_class cannot be read.
Result<model::Statistics> ReadLiveStatistics(verify::PgConnection& connection, const LiveStatisticsOptions& options = {});

}  // namespace dbarch::sources
