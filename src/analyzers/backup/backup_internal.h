// The pieces PlanBackup assembles, one responsibility per file.
#pragma once

#include "analyzers/backup/backup_plan.h"

namespace dbarch::analyzers::backup {

// schedule.cc: full/diff/incr cadence from size, change rate and RTO, with the estimates behind it.
Schedule ChooseSchedule(const BackupTargets& targets, const Throughput& throughput, int backup_processes,
                        int restore_processes);
// retention.cc: how many fulls/diffs keep the point-in-time window (and compliance period) restorable.
Retention ChooseRetention(const BackupTargets& targets, const Schedule& schedule);
// archive_settings.cc: the postgresql.conf fragment (archive_mode, archive_command, archive_timeout from the
// RPO, wal_level, max_wal_senders …) and pgBackRest's archive-push settings.
void ArchiveSettings(const BackupTargets& targets, std::vector<Setting>& postgresql,
                     std::vector<Setting>& archive_push, std::vector<std::string>& notes);
// repository_config.cc: [global] (repository, retention, compression, encryption, parallelism), [global:restore]
// and the stanza section, plus the environment variables the configuration expects.
void RepositoryConfig(const BackupTargets& targets, const Retention& retention, int backup_processes,
                      int restore_processes, BackupPlan& plan);

// Bytes of WAL per second the targets imply.
inline double WalBytesPerSecond(const BackupTargets& t) { return static_cast<double>(t.change_bytes_per_day) / 86400; }

}  // namespace dbarch::analyzers::backup
