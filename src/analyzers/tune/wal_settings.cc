// WAL and checkpoints. A checkpoint writes every dirty buffer and makes the next change of each page log a
// full-page image, so checkpoints that come too often cost both I/O and WAL volume. They should come from
// checkpoint_timeout (planned), not from max_wal_size running out (forced); the sizes here leave room for
// the workload kind's write volume, and crash recovery time grows with checkpoint_timeout.
#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

namespace {

struct WalSizes {
  int64_t min_kb, max_kb;
  int checkpoint_minutes;
};

WalSizes SizesFor(WorkloadClass kind) {
  switch (kind) {
    case WorkloadClass::kWeb: return {1 * kGb, 4 * kGb, 15};
    case WorkloadClass::kOltp: return {2 * kGb, 8 * kGb, 15};
    case WorkloadClass::kMixed: return {1 * kGb, 4 * kGb, 15};
    case WorkloadClass::kWarehouse: return {4 * kGb, 16 * kGb, 30};
  }
  return {1 * kGb, 4 * kGb, 15};
}

double WritesPerHour(const ops::PressureMap& pressure) {
  double writes = 0;
  for (const auto& [name, p] : pressure) writes += p.inserts + p.updates + p.deletes;
  return writes;
}

}  // namespace

void AddWalSettings(const TuneContext& c, TuneAdvice& advice) {
  WalSizes sizes = SizesFor(c.Class());
  const double writes = WritesPerHour(c.pressure);
  std::string volume = fmt::format("the {} workload", WorkloadClassName(c.Class()));
  if (writes >= 1'000'000 && sizes.max_kb < 16 * kGb) {
    sizes.max_kb *= 2;
    sizes.min_kb *= 2;
    volume += fmt::format(" writing {} statements/h", ops::FormatCount(writes));
  } else if (writes > 0) {
    volume += fmt::format(" ({} writing statements/h)", ops::FormatCount(writes));
  }
  // A small machine has a small disk, and recycled WAL segments are disk it cannot use.
  if (c.ram_kb < 4 * kGb) {
    sizes.max_kb = std::min<int64_t>(sizes.max_kb, 2 * kGb);
    sizes.min_kb = std::min<int64_t>(sizes.min_kb, 512 * kMb);
  }

  AddSetting(advice, "checkpoint_timeout", fmt::format("{}min", sizes.checkpoint_minutes), "wal",
             fmt::format("fewer checkpoints write each hot page once per interval instead of every 5 minutes and "
                         "log fewer full-page images; crash recovery replays at most this much WAL{}",
                         c.Class() == WorkloadClass::kWarehouse ? " (a warehouse loads in bulk and tolerates longer recovery)" : ""),
             "5min");
  AddSetting(advice, "max_wal_size", model::FormatMemoryKb(sizes.max_kb), "wal",
             fmt::format("room for {} minutes of WAL from {} so checkpoints are started by checkpoint_timeout, not "
                         "forced by WAL volume (watch checkpoints_req in pg_stat_bgwriter); the disk must hold it",
                         sizes.checkpoint_minutes, volume),
             "1GB");
  AddSetting(advice, "min_wal_size", model::FormatMemoryKb(sizes.min_kb), "wal",
             "WAL segments kept for reuse instead of being removed and recreated around write bursts", "80MB");
  const bool lz4 = c.request.server_major >= 15;
  AddSetting(advice, "wal_compression", lz4 ? "lz4" : "on", "wal",
             fmt::format("compresses the full-page images written after each checkpoint (often half the WAL of "
                         "an update-heavy workload) for little CPU{}",
                         lz4 ? "; lz4 is faster than the default pglz (PostgreSQL 15+ built with lz4, as Debian's is)" : ""),
             "off");
}

}  // namespace dbarch::analyzers::tune
