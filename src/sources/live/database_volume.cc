#include "sources/live/database_volume.h"

#include <chrono>
#include <cmath>
#include <thread>

#include <fmt/format.h>

namespace dbarch::sources {
namespace {

// pg_stat_wal's average is used when its counters cover at least this long (a daily cycle is better).
constexpr double kMinStatsAgeSeconds = 3600;

}  // namespace

Result<DatabaseVolume> ReadDatabaseVolume(verify::PgConnection& connection, int sample_seconds) {
  DatabaseVolume volume;
  auto size = connection.Query(
      "SELECT current_database() AS db, pg_database_size(current_database()) AS bytes, "
      "current_setting('server_version_num')::int / 10000 AS major");
  if (!size.ok()) return size.status();
  volume.database = size->Get(0, "db");
  volume.size_bytes = size->GetInt(0, "bytes");
  volume.server_major_version = static_cast<int>(size->GetInt(0, "major"));
  if (volume.server_major_version >= 14) {
    auto wal = connection.Query(
        "SELECT wal_bytes::float8 AS bytes, extract(epoch FROM now() - stats_reset)::float8 AS age FROM pg_stat_wal");
    if (wal.ok() && wal->rows() == 1) {
      double age = wal->GetDouble(0, "age");
      double bytes = wal->GetDouble(0, "bytes");
      if (age >= kMinStatsAgeSeconds && bytes > 0) {
        volume.wal_bytes_per_day = static_cast<int64_t>(std::llround(bytes / age * 86400));
        volume.how = fmt::format("WAL rate from pg_stat_wal: {:.0f} bytes over the {:.1f} h since its last reset", bytes,
                                 age / 3600);
        return volume;
      }
    }
  }
  const char* lsn = "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text AS lsn";
  auto first = connection.Query(lsn);
  if (!first.ok()) return first.status();
  const auto started = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(sample_seconds));
  auto second = connection.Query(lsn);
  if (!second.ok()) return second.status();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto diff = connection.QueryParams("SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 AS bytes",
                                     {second->Get(0, "lsn"), first->Get(0, "lsn")});
  if (!diff.ok()) return diff.status();
  const double bytes = diff->GetDouble(0, "bytes");
  volume.wal_bytes_per_day = static_cast<int64_t>(std::llround(bytes / elapsed * 86400));
  volume.how = fmt::format(
      "WAL rate sampled from pg_current_wal_lsn over {:.0f}s ({:.0f} bytes): a short sample of the current load, "
      "not a daily average — pass --change-rate if the peak differs",
      elapsed, bytes);
  return volume;
}

}  // namespace dbarch::sources
