// What the workload tells the backup plan when nothing is measured: the tables written most (their row counts
// are what a restore test checks) and a rough WAL volume from the write rate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/backup/backup_targets.h"
#include "model/workload.h"

namespace dbarch::analyzers::backup {

// WAL per writing statement, ASSUMED: a row image plus index entries, and a full-page image for the first
// change of a page after each checkpoint.
inline constexpr double kAssumedWalBytesPerWrite = 2048;

struct WorkloadVolume {
  double writes_per_hour = 0;             // INSERT/UPDATE/DELETE calls per hour
  int64_t wal_bytes_per_day = 0;          // writes_per_hour × 24 × kAssumedWalBytesPerWrite
  std::vector<std::string> busiest_tables;  // schema.table as SQL, most written first (at most 5)
};

WorkloadVolume EstimateWorkloadVolume(const model::Workload& workload);

// Fills what the workload can tell into `targets`: the busiest tables, and the change rate when it is still
// unknown (with the reason appended to `evidence`).
void ApplyWorkloadVolume(const WorkloadVolume& volume, BackupTargets* targets, std::vector<std::string>* evidence);

}  // namespace dbarch::analyzers::backup
