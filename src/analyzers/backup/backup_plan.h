// The backup and point-in-time-recovery plan: from the recovery objectives, the database's size and change
// rate and the repository, which pgBackRest backups run when (schedule.cc), how many are kept
// (retention.cc), how WAL reaches the repository (archive_settings.cc) and the repository's configuration
// (repository_config.cc). Every setting carries the reason it has this value; renderers (report/
// backup_files.h) turn the plan into pgbackrest.conf, a postgresql.conf fragment, a crontab, the PITR
// procedure and a restore-test script. Throughputs the estimates rest on are stated as assumptions until
// `dbarch backup --verify` measures them.
#pragma once

#include <string>
#include <vector>

#include "analyzers/backup/backup_targets.h"
#include "dbarch/status.h"

namespace dbarch::analyzers::backup {

struct Setting {
  std::string name;
  std::string value;   // as written in the file (quoted for postgresql.conf where needed)
  std::string reason;  // one line: why this value
};

enum class BackupType { kFull, kDiff, kIncr };
std::string_view BackupTypeName(BackupType type);  // "full", "diff", "incr" (pgBackRest's --type)

struct CronEntry {
  std::string schedule;  // the five crontab fields, e.g. "0 1 * * 0"
  BackupType type = BackupType::kFull;
  std::string reason;
};

// Throughputs the estimates use (ASSUMED until measured on the real hardware).
struct Throughput {
  double backup_bytes_per_second_per_process = 100.0 * 1024 * 1024;  // read + zstd + write, per process
  double restore_bytes_per_second_per_process = 150.0 * 1024 * 1024;
  double max_bytes_per_second = 1000.0 * 1024 * 1024;  // storage / network ceiling
  double wal_replay_bytes_per_second = 30.0 * 1024 * 1024;  // single-threaded startup process
  double fixed_restore_overhead_seconds = 300;  // fetching the manifest, starting, checks
};

struct Schedule {
  int full_every_days = 7;          // 1 = daily full, 7 = weekly full
  bool daily_differential = false;  // diff each day between fulls
  bool daily_incremental = false;   // incr each day between fulls (when a diff would approach a full)
  int incremental_every_hours = 0;  // extra incrementals within the day; 0 = none
  std::vector<CronEntry> cron;
  double full_backup_seconds = 0;   // estimated duration of a full backup
  double restore_seconds = 0;       // estimated worst case: restore + WAL since the last backup replayed
  double max_wal_to_replay_bytes = 0;
  bool meets_rto = true;
  std::vector<std::string> reasons;  // why this schedule, in order
};

struct Retention {
  int full = 2;   // repo1-retention-full (count)
  int diff = 0;   // repo1-retention-diff (count); 0 = not written
  int pitr_days = 14;  // the window point-in-time recovery reaches at least
  std::vector<std::string> reasons;
};

struct BackupPlan {
  BackupTargets targets;
  Throughput throughput;
  int backup_processes = 1;   // process-max for backup
  int restore_processes = 1;  // process-max for restore
  Schedule schedule;
  Retention retention;
  // pgbackrest.conf, by section: [global], [global:archive-push], [global:restore], [<stanza>].
  std::vector<Setting> pgbackrest_global;
  std::vector<Setting> pgbackrest_archive_push;
  std::vector<Setting> pgbackrest_restore;
  std::vector<Setting> pgbackrest_stanza;
  std::vector<Setting> postgresql;  // the postgresql.conf fragment
  // Environment variables the configuration expects (passphrase, S3 keys): names only, never values.
  std::vector<Setting> environment;
  std::vector<std::string> notes;      // assumptions and warnings, most important first
};

// The plan for these targets. kInvalidInput when the targets contradict each other (e.g. a retention shorter
// than the backup interval).
Result<BackupPlan> PlanBackup(const BackupTargets& targets, const Throughput& throughput = {});

}  // namespace dbarch::analyzers::backup
