// How big a live database is and how much WAL it writes: pg_database_size, and the WAL rate either from
// pg_stat_wal's counter since its last reset (PostgreSQL 14+, when that covers at least an hour) or by sampling
// pg_current_wal_lsn twice. Read-only; what the backup plan's size and change rate come from with --db.
#pragma once

#include <cstdint>
#include <string>

#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

struct DatabaseVolume {
  std::string database;
  int64_t size_bytes = 0;
  int64_t wal_bytes_per_day = 0;
  int server_major_version = 0;
  std::string how;  // how the WAL rate was obtained, for the plan's notes
};

// sample_seconds: how long to sample pg_current_wal_lsn when pg_stat_wal cannot give a long-run average.
Result<DatabaseVolume> ReadDatabaseVolume(verify::PgConnection& connection, int sample_seconds);

}  // namespace dbarch::sources
