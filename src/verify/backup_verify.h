// The proof of a backup plan: its pgbackrest.conf and postgresql.conf settings run for real with the
// installed pgBackRest against a scratch cluster — stanza-create, check, a full backup, more writes, a noted
// moment, writes after it, then a point-in-time restore (--type=time) to that moment into a second scratch
// cluster, which must hold every row committed before the target and none after; then the generated
// restore-test.sh runs as is and must restore every row. Only the repository is moved into the scratch
// directory (an S3 repository cannot be exercised offline; its settings are replaced by a local path and the
// run says so). Both clusters and the repository are removed at the end, also on error
// and on Ctrl-C (the scratch clusters' watchdogs).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyzers/backup/backup_plan.h"
#include "dbarch/status.h"

namespace dbarch::verify {

struct BackupVerifyOptions {
  std::string pg_bindir;            // "" = FindPostgresBinaries()
  std::string pgbackrest;           // "" = `pgbackrest` from PATH
  int64_t rows_before_backup = 100000;
  int64_t rows_before_target = 1000;  // written after the backup, before the target time: must be restored
  int64_t rows_after_target = 1000;   // written after the target time: must not be
  bool keep = false;                  // keep the scratch directories for inspection
  std::function<void(const std::string& step)> progress;  // called as each step starts
};

struct BackupVerification {
  std::string pgbackrest_version;    // "pgBackRest 2.45"
  std::string postgres_version;
  std::vector<std::string> deviations;  // where the run differs from the plan (repository path, S3 → posix)
  std::vector<std::string> steps;       // what ran, in order, each with its outcome
  std::string backup_label;             // the full backup restored from
  std::string target_time;              // the PITR target, UTC
  int64_t database_bytes = 0;           // pg_database_size of the probe database at backup time
  int64_t backup_bytes = 0;             // the full backup's size in the repository (compressed)
  double backup_seconds = 0;            // `pgbackrest backup --type=full`
  double restore_seconds = 0;           // `pgbackrest restore --type=time`
  double recovery_seconds = 0;          // server start until promoted (WAL replayed to the target)
  int64_t rows_expected = 0;            // committed before the target
  int64_t rows_restored = 0;            // found in the restored cluster
  int64_t rows_after_target_restored = 0;  // must be 0
  bool restore_test_passed = false;     // the generated restore-test.sh restored every row
  std::string restore_test_output;      // its output (row counts, pg_amcheck, durations)
  bool passed = false;
};

// Runs the plan's configuration for real. Errors (pgBackRest or PostgreSQL missing, a failing command with its
// log) are kUnavailable; a restore that does not match the target is a BackupVerification with passed=false
// and the mismatch in its steps.
Result<BackupVerification> VerifyBackupPlan(const analyzers::backup::BackupPlan& plan,
                                            const BackupVerifyOptions& options = {});

}  // namespace dbarch::verify
