#include "analyzers/backup/workload_volume.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::backup {

WorkloadVolume EstimateWorkloadVolume(const model::Workload& workload) {
  WorkloadVolume volume;
  ops::PressureMap pressure = ops::EstimatePressure(workload);
  std::vector<const ops::TablePressure*> written;
  for (const auto& [name, p] : pressure) {
    double writes = p.inserts + p.updates + p.deletes;
    if (writes <= 0) continue;
    volume.writes_per_hour += writes;
    written.push_back(&p);
  }
  std::stable_sort(written.begin(), written.end(), [](const ops::TablePressure* a, const ops::TablePressure* b) {
    return a->inserts + a->updates + a->deletes > b->inserts + b->updates + b->deletes;
  });
  for (size_t i = 0; i < written.size() && i < 5; ++i) volume.busiest_tables.push_back(written[i]->table.ToSql());
  volume.wal_bytes_per_day = static_cast<int64_t>(std::llround(volume.writes_per_hour * 24 * kAssumedWalBytesPerWrite));
  return volume;
}

void ApplyWorkloadVolume(const WorkloadVolume& volume, BackupTargets* targets, std::vector<std::string>* evidence) {
  targets->busiest_tables = volume.busiest_tables;
  if (targets->change_source == VolumeSource::kAssumed && volume.wal_bytes_per_day > 0) {
    targets->change_bytes_per_day = volume.wal_bytes_per_day;
    targets->change_source = VolumeSource::kWorkloadEstimate;
    evidence->push_back(fmt::format("WAL volume estimated from the workload: {:.0f} writing statements/h × {:.0f} bytes "
                                    "(ASSUMED per write) × 24h",
                                    volume.writes_per_hour, kAssumedWalBytesPerWrite));
  }
}

}  // namespace dbarch::analyzers::backup
