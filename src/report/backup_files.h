// A backup plan as the files an operator installs: pgbackrest.conf, the postgresql.conf fragment, the postgres
// user's crontab, the point-in-time-recovery procedure (Markdown) and an executable restore-test script — each
// setting with a comment giving its reason — and the plan as a text summary (`dbarch backup` without -o).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analyzers/backup/backup_plan.h"
#include "verify/backup_verify.h"

namespace dbarch::report {

std::string PgBackRestConf(const analyzers::backup::BackupPlan& plan);
std::string PostgresqlBackupConf(const analyzers::backup::BackupPlan& plan);
std::string BackupCrontab(const analyzers::backup::BackupPlan& plan);
std::string RestorePitrMarkdown(const analyzers::backup::BackupPlan& plan);
std::string RestoreTestScript(const analyzers::backup::BackupPlan& plan);
std::string BackupSummaryText(const analyzers::backup::BackupPlan& plan);

// What `dbarch backup --verify` did and measured.
std::string BackupVerificationText(const verify::BackupVerification& verification);

// The files of `dbarch backup -o DIR`: name → content; restore-test.sh is the one to make executable.
std::vector<std::pair<std::string, std::string>> BackupFiles(const analyzers::backup::BackupPlan& plan);

}  // namespace dbarch::report
