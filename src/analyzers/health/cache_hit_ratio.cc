// health/cache-hit-ratio: too many reads miss shared_buffers, for the database and for single tables.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  const std::string explanation = fmt::format(
      "A block not in shared_buffers is read from the OS cache or the disk; an OLTP database should find "
      "nearly all of them in memory. A low ratio means the working set is larger than shared_buffers, or "
      "queries scan whole tables they should reach by index (see dbarch index). Thresholds: below {} after at "
      "least {} block accesses. shared_buffers needs a restart; 25% of RAM is the usual start.",
      Percent(limits.cache_hit_ratio_min), Count(limits.cache_min_blocks));
  if (snapshot.database_stats) {
    const double hit = static_cast<double>(snapshot.database_stats->blocks_hit);
    const double total = hit + static_cast<double>(snapshot.database_stats->blocks_read);
    if (total >= limits.cache_min_blocks && hit / total < limits.cache_hit_ratio_min) {
      Finding f = self.NewFinding(Severity::kWarning, snapshot.database,
                                  fmt::format("Database {} finds {} of the blocks it reads in shared_buffers.",
                                              snapshot.database, Percent(hit / total)));
      f.evidence.push_back(fmt::format("blks_hit {}, blks_read {}", Count(hit), Count(total - hit)));
      f.explanation = explanation;
      f.fix_sql = "SHOW shared_buffers;\nALTER SYSTEM SET shared_buffers = '<25% of RAM>';  -- then restart";
      out->push_back(std::move(f));
    }
  }
  for (const sources::HealthTable& table : snapshot.tables) {
    const double hit = static_cast<double>(table.heap_blocks_hit);
    const double total = hit + static_cast<double>(table.heap_blocks_read);
    if (total < limits.cache_min_blocks || hit / total >= limits.cache_hit_ratio_min) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(Severity::kInfo, name,
                                fmt::format("Table {} finds {} of its heap blocks in shared_buffers.", name,
                                            Percent(hit / total)));
    f.evidence.push_back(fmt::format("heap_blks_hit {}, heap_blks_read {}, size {}", Count(hit), Count(total - hit),
                                     Bytes(static_cast<double>(table.table_bytes))));
    f.explanation = explanation;
    f.fix_sql = fmt::format("-- which queries read it: dbarch workload --db … ; then dbarch index for missing indexes\n"
                            "SELECT seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE relid = {}::regclass;",
                            Literal(name));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& CacheHitRatioCheck() {
  static const HealthCheck kCheck{"health/cache-hit-ratio", "reads missing shared_buffers (database and tables)", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
