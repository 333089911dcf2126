// PlanBackup: fills unknown volumes with stated assumptions, then assembles schedule, retention, archive
// settings and repository configuration.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/backup/backup_internal.h"

namespace dbarch::analyzers::backup {
namespace {

constexpr int64_t kAssumedSizeBytes = 10LL * 1024 * 1024 * 1024;
// Without a measurement: WAL of 10 % of the database a day, a typical OLTP figure (full-page images included).
constexpr double kAssumedDailyChangeShare = 0.10;

}  // namespace

Result<BackupPlan> PlanBackup(const BackupTargets& input, const Throughput& throughput) {
  BackupPlan plan;
  plan.targets = input;
  plan.throughput = throughput;
  BackupTargets& t = plan.targets;
  DBARCH_RETURN_IF_ERROR(CheckStanzaName(t.stanza));
  if (t.rpo_seconds < 0 || t.rto_seconds <= 0) return Status::InvalidInput("--rpo and --rto must be positive (--rpo may be 0)");
  if (t.cores <= 0) return Status::InvalidInput("--cores must be at least 1");
  // Unknown volumes (source kAssumed) get assumed values; a measured 0 (an idle server) stays 0.
  if (t.size_source == VolumeSource::kAssumed || t.size_bytes < 0) {
    t.size_bytes = kAssumedSizeBytes;
    t.size_source = VolumeSource::kAssumed;
    plan.notes.push_back(fmt::format("ASSUMED database size {}: pass --size or --db for a real figure",
                                     FormatBytes(static_cast<double>(t.size_bytes))));
  }
  if (t.change_source == VolumeSource::kAssumed || t.change_bytes_per_day < 0) {
    t.change_bytes_per_day = static_cast<int64_t>(static_cast<double>(t.size_bytes) * kAssumedDailyChangeShare);
    t.change_source = VolumeSource::kAssumed;
    plan.notes.push_back(fmt::format(
        "ASSUMED WAL volume {} a day (10% of the database): pass --change-rate, or --db to measure it",
        FormatBytes(static_cast<double>(t.change_bytes_per_day))));
  }
  if (!t.volume_evidence.empty()) plan.notes.push_back(t.volume_evidence);
  plan.notes.push_back(fmt::format(
      "ASSUMED throughputs: backup {}/s and restore {}/s per process, WAL replay {}/s — `dbarch backup --verify` "
      "measures them on a scratch cluster; a restore test on the production hardware gives the real RTO",
      FormatBytes(throughput.backup_bytes_per_second_per_process),
      FormatBytes(throughput.restore_bytes_per_second_per_process),
      FormatBytes(throughput.wal_replay_bytes_per_second)));

  // Half the cores for backup (the server keeps running), all of them for restore (it is down).
  plan.backup_processes = std::clamp(t.cores / 2, 1, 8);
  plan.restore_processes = std::clamp(t.cores, 1, 16);
  plan.schedule = ChooseSchedule(t, throughput, plan.backup_processes, plan.restore_processes);
  plan.retention = ChooseRetention(t, plan.schedule);
  if (!plan.schedule.meets_rto) {
    plan.notes.insert(plan.notes.begin(),
                      fmt::format("RTO {} NOT MET by restoring from backup (≈ {} worst case): keep a streaming standby "
                                  "to promote, and use the backups for disasters and point-in-time recovery",
                                  FormatDuration(static_cast<double>(t.rto_seconds)),
                                  FormatDuration(plan.schedule.restore_seconds)));
  }
  ArchiveSettings(t, plan.postgresql, plan.pgbackrest_archive_push, plan.notes);
  RepositoryConfig(t, plan.retention, plan.backup_processes, plan.restore_processes, plan);
  if (t.repository.type == RepositoryType::kPosix && !t.encrypt) {
    plan.notes.push_back("the repository is a local path and unencrypted: keep a copy off the host (a second "
                         "repository, repo2-type=s3) and consider --encrypt");
  }
  if (t.retention_days > 35) {
    plan.notes.push_back(fmt::format(
        "a {}-day window keeps {} full backups and all WAL between them; for long compliance periods a second "
        "repository with time-based retention (repo2-retention-full-type=time) of weekly fulls is cheaper",
        t.retention_days, plan.retention.full));
  }
  return plan;
}

}  // namespace dbarch::analyzers::backup
