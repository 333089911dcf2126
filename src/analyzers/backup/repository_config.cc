// The repository and the stanza: where backups go, how they are compressed and encrypted, how many processes
// copy files, and how pgBackRest reaches the database. Secrets never appear in the configuration: the cipher
// passphrase and S3 keys are read from environment variables the plan names.
#include <fmt/format.h>

#include "analyzers/backup/backup_internal.h"

namespace dbarch::analyzers::backup {

void RepositoryConfig(const BackupTargets& t, const Retention& retention, int backup_processes,
                      int restore_processes, BackupPlan& plan) {
  auto& g = plan.pgbackrest_global;
  if (t.repository.type == RepositoryType::kS3) {
    g.push_back({"repo1-type", "s3", "object storage: off the database host, durable, versionable"});
    g.push_back({"repo1-s3-bucket", t.repository.bucket, "from --repo"});
    g.push_back({"repo1-path", t.repository.path, "prefix inside the bucket, from --repo"});
    g.push_back({"repo1-s3-endpoint", "s3.amazonaws.com", "ASSUMED AWS; set your provider's endpoint"});
    g.push_back({"repo1-s3-region", "us-east-1", "ASSUMED; the bucket's region"});
    g.push_back({"repo1-s3-key-type", "shared",
                 "access key from PGBACKREST_REPO1_S3_KEY / PGBACKREST_REPO1_S3_KEY_SECRET (never in this file); "
                 "use 'auto' for an instance role"});
    plan.environment.push_back({"PGBACKREST_REPO1_S3_KEY", "", "S3 access key id"});
    plan.environment.push_back({"PGBACKREST_REPO1_S3_KEY_SECRET", "", "S3 secret access key"});
  } else {
    g.push_back({"repo1-type", "posix", "a filesystem path; mount it from another host (NFS) or copy it off-site: "
                                        "a repository on the database's own disk dies with it"});
    g.push_back({"repo1-path", t.repository.path, "from --repo"});
  }
  g.push_back({"repo1-retention-full-type", "count", "retention counted in full backups (see the schedule)"});
  g.push_back({"repo1-retention-full", std::to_string(retention.full), retention.reasons.front()});
  if (retention.diff > 0) {
    g.push_back({"repo1-retention-diff", std::to_string(retention.diff), retention.reasons.back()});
  }
  g.push_back({"repo1-bundle", "y", "bundle small files into fewer repository objects (fewer requests, faster)"});
  if (t.encrypt) {
    g.push_back({"repo1-cipher-type", "aes-256-cbc",
                 "--encrypt: backups and WAL are encrypted before they leave the host; the passphrase comes from "
                 "PGBACKREST_REPO1_CIPHER_PASS, never from this file — lose it and the backups are unreadable"});
    plan.environment.push_back(
        {"PGBACKREST_REPO1_CIPHER_PASS", "",
         "repository passphrase (e.g. `openssl rand -base64 48`), kept in a secret store and in the environment of "
         "the postgres user's cron jobs and of the PostgreSQL server (archive_command runs there)"});
  }
  g.push_back({"compress-type", "zst", "zstd: compresses like gzip -6 at several times the speed"});
  g.push_back({"process-max", std::to_string(backup_processes),
               fmt::format("{} of the {} cores copy and compress files during backup; the rest keep serving queries",
                           backup_processes, t.cores)});
  g.push_back({"start-fast", "y", "request an immediate checkpoint so a backup starts at once, not at the next "
                                  "scheduled checkpoint"});
  g.push_back({"archive-check", "y", "a backup waits until the WAL that makes it consistent is in the repository"});
  g.push_back({"log-level-file", "detail", "per-file detail in /var/log/pgbackrest for investigating failures"});

  plan.pgbackrest_restore.push_back(
      {"process-max", std::to_string(restore_processes),
       fmt::format("during a restore the database is down: use all {} cores", t.cores)});

  plan.pgbackrest_stanza.push_back({"pg1-path", t.pg_path, "the data directory being backed up (--pg-path)"});
}

}  // namespace dbarch::analyzers::backup
