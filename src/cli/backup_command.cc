// `dbarch backup`: a pgBackRest backup and point-in-time-recovery plan from the recovery objectives and the
// database's size and change rate (given, measured with --db, or estimated from the workload's writes), as a
// text summary or as files (-o DIR); --verify runs it for real on scratch clusters.
#include <sys/stat.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "analyzers/backup/backup_plan.h"
#include "analyzers/backup/workload_volume.h"
#include "cli/cli_common.h"
#include "cli/progress.h"
#include "report/backup_files.h"
#include "sources/live/database_volume.h"
#include "verify/backup_verify.h"
#include "verify/pg_connection.h"

namespace dbarch::cli {
namespace {

namespace fs = std::filesystem;
namespace backup = analyzers::backup;

struct BackupFlags {
  sources::LoadOptions inputs;
  std::string db;
  std::string rpo = "1min";
  std::string rto = "1h";
  std::string size;
  std::string change_rate;
  std::string repo = "posix:/var/lib/pgbackrest";
  bool encrypt = false;
  std::string retention = "14d";
  int cores = 0;
  std::string stanza = "main";
  std::string pg_path;
  int pg_version = 15;
  int wal_sample_seconds = 30;
  std::string output;
  bool verify = false;
  std::string pg_bindir;
  bool keep_scratch = false;
};

bool HasFiles(const sources::LoadOptions& o) {
  return !o.paths.empty() || !o.schema_paths.empty() || !o.workload_paths.empty() || !o.log_paths.empty();
}

// Parses the flags into targets; the volumes from --size/--change-rate, else --db, else the workload.
Result<backup::BackupTargets> ReadTargets(const BackupFlags& flags, const GlobalOptions& global) {
  backup::BackupTargets t;
  auto rpo = backup::ParseDuration(flags.rpo, "--rpo");
  if (!rpo.ok()) return rpo.status();
  auto rto = backup::ParseDuration(flags.rto, "--rto");
  if (!rto.ok()) return rto.status();
  if (*rto <= 0) return Status::InvalidInput("--rto " + flags.rto + ": must be longer than 0");
  auto repo = backup::ParseRepository(flags.repo);
  if (!repo.ok()) return repo.status();
  auto retention = backup::ParseRetentionDays(flags.retention);
  if (!retention.ok()) return retention.status();
  DBARCH_RETURN_IF_ERROR(backup::CheckStanzaName(flags.stanza));
  t.rpo_seconds = *rpo;
  t.rto_seconds = *rto;
  t.repository = *repo;
  t.retention_days = *retention;
  t.encrypt = flags.encrypt;
  t.stanza = flags.stanza;
  t.pg_major_version = flags.pg_version;
  t.pg_path = flags.pg_path.empty() ? fmt::format("/var/lib/postgresql/{}/main", flags.pg_version) : flags.pg_path;
  t.cores = flags.cores > 0 ? flags.cores : 4;
  if (!flags.size.empty()) {
    auto size = backup::ParseBytes(flags.size, "--size");
    if (!size.ok()) return size.status();
    t.size_bytes = *size;
    t.size_source = backup::VolumeSource::kGiven;
  }
  if (!flags.change_rate.empty()) {
    auto rate = backup::ParseBytesPerDay(flags.change_rate, "--change-rate");
    if (!rate.ok()) return rate.status();
    t.change_bytes_per_day = *rate;
    t.change_source = backup::VolumeSource::kGiven;
  }
  std::vector<std::string> evidence;
  if (flags.cores <= 0) evidence.push_back("ASSUMED 4 cores on the database host: pass --cores");
  const auto unknown = backup::VolumeSource::kAssumed;
  if (!flags.db.empty() && (t.size_source == unknown || t.change_source == unknown)) {
    verify::ConnectOptions options;
    options.conninfo = flags.db == "env" ? "" : flags.db;
    auto connection = verify::PgConnection::Connect(options);
    if (!connection.ok()) return connection.status();
    if (global.verbosity() != Verbosity::kQuiet && t.change_source == unknown) {
      std::cerr << fmt::format("measuring the WAL rate of {} (up to {}s)…\n", connection->Describe(),
                               flags.wal_sample_seconds);
    }
    auto volume = sources::ReadDatabaseVolume(*connection, flags.wal_sample_seconds);
    if (!volume.ok()) return volume.status();
    t.database = volume->database;
    if (flags.pg_version == 15 && volume->server_major_version > 0) t.pg_major_version = volume->server_major_version;
    if (t.size_source == unknown) {
      t.size_bytes = volume->size_bytes;
      t.size_source = backup::VolumeSource::kLiveDatabase;
      evidence.push_back(fmt::format("database size from pg_database_size('{}')", volume->database));
    }
    if (t.change_source == unknown) {
      t.change_bytes_per_day = volume->wal_bytes_per_day;
      t.change_source = backup::VolumeSource::kLiveDatabase;
      evidence.push_back(volume->how);
    }
  }
  if (HasFiles(flags.inputs)) {
    auto project = LoadAndDescribe(flags.inputs, global);
    if (!project.ok()) return project.status();
    backup::ApplyWorkloadVolume(backup::EstimateWorkloadVolume(project->workload), &t, &evidence);
  }
  for (size_t i = 0; i < evidence.size(); ++i) t.volume_evidence += (i ? "; " : "") + evidence[i];
  return t;
}

Status WriteFiles(const std::string& dir, const backup::BackupPlan& plan, const GlobalOptions& global) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Status::IoError(fmt::format("cannot create {}: {}", dir, error.message()));
  for (const auto& [name, content] : report::BackupFiles(plan)) {
    const std::string path = (fs::path(dir) / name).string();
    DBARCH_RETURN_IF_ERROR(WriteOutput(path, content));
    if (name.ends_with(".sh") && chmod(path.c_str(), 0755) != 0) {
      return Status::IoError("cannot make " + path + " executable");
    }
  }
  if (global.verbosity() != Verbosity::kQuiet) {
    std::cerr << fmt::format("Wrote pgbackrest.conf, postgresql.conf, crontab, restore-pitr.md and restore-test.sh to {}\n",
                             dir);
  }
  return Status::Ok();
}

int Run(const BackupFlags& flags, const GlobalOptions& global) {
  auto targets = ReadTargets(flags, global);
  if (!targets.ok()) {
    std::cerr << targets.status().ToString() << "\n";
    return targets.status().ExitCode();
  }
  auto plan = backup::PlanBackup(*targets);
  if (!plan.ok()) {
    std::cerr << plan.status().ToString() << "\n";
    return plan.status().ExitCode();
  }
  if (flags.output.empty() || flags.output == "-") {
    std::cout << report::BackupSummaryText(*plan);
  } else if (Status written = WriteFiles(flags.output, *plan, global); !written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  if (!flags.verify) return kExitOk;

  verify::BackupVerifyOptions options;
  options.pg_bindir = flags.pg_bindir;
  options.keep = flags.keep_scratch;
  Progress progress(global);
  options.progress = [&](const std::string& step) { progress.Update(step, 0, 0); };
  auto verification = verify::VerifyBackupPlan(*plan, options);
  progress.Finish();
  if (!verification.ok()) {
    std::cerr << "backup verification failed: " << verification.status().ToString() << "\n";
    return verification.status().ExitCode();
  }
  std::cout << "\n" << report::BackupVerificationText(*verification);
  return verification->passed ? kExitOk : kExitFindings;
}

}  // namespace

void RegisterBackupCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<BackupFlags>();
  CLI::App* cmd = app->add_subcommand(
      "backup", "pgBackRest backup and point-in-time-recovery plan from RPO/RTO, size and change rate; --verify "
                "runs it for real (backup, more writes, PITR restore, data checked)");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--db", flags->db, "Live PostgreSQL to measure the size and WAL rate of (URL or conninfo; \"env\")");
  cmd->add_option("--rpo", flags->rpo, "Recovery point objective: committed work that may be lost (0, 1min, 15min)");
  cmd->add_option("--rto", flags->rto, "Recovery time objective: back in service within (30min, 1h, 4h)");
  cmd->add_option("--size", flags->size, "Database size (50GB); default: measured with --db");
  cmd->add_option("--change-rate", flags->change_rate,
                  "WAL written per day (5GB/day, 200MB/h); default: measured with --db or estimated from the workload");
  cmd->add_option("--repo", flags->repo, "Repository: posix:/path or s3://bucket/path");
  cmd->add_flag("--encrypt", flags->encrypt, "Encrypt the repository (passphrase from PGBACKREST_REPO1_CIPHER_PASS)");
  cmd->add_option("--retention", flags->retention, "How far back point-in-time recovery must reach (14d, 4w, 3months)");
  cmd->add_option("--cores", flags->cores, "CPU cores of the database host (process-max)")->check(CLI::Range(1, 1024));
  cmd->add_option("--stanza", flags->stanza, "pgBackRest stanza name");
  cmd->add_option("--pg-path", flags->pg_path, "Data directory on the database host (default /var/lib/postgresql/<version>/main)");
  cmd->add_option("--pg-version", flags->pg_version, "PostgreSQL major version on the database host")
      ->check(CLI::Range(10, 99));
  cmd->add_option("--wal-sample", flags->wal_sample_seconds,
                  "Seconds to sample the WAL position with --db when pg_stat_wal covers less than an hour")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("-o,--output", flags->output, "Directory for the files (default: a text summary on standard output)");
  cmd->add_flag("--verify", flags->verify,
                "Run the configuration with the installed pgbackrest on scratch clusters: backup, writes, PITR restore "
                "to a timestamp, rows checked; prints the measured durations");
  cmd->add_option("--pg-bindir", flags->pg_bindir, "Folder with PostgreSQL's initdb and postgres binaries (--verify)");
  cmd->add_flag("--keep-scratch", flags->keep_scratch, "Keep the scratch directories for inspection (--verify)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
