#include "verify/backup_verify.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "report/backup_files.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {
namespace {

namespace fs = std::filesystem;
using analyzers::backup::BackupPlan;
using analyzers::backup::Setting;
using Clock = std::chrono::steady_clock;

constexpr const char* kProbeDatabase = "backup_probe";
constexpr int kPromoteTimeoutSeconds = 600;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

std::string ReadFile(const fs::path& path, size_t max_bytes = 3000) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > max_bytes) text = "…" + text.substr(text.size() - max_bytes);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

Result<std::string> FindPgBackRest(const std::string& hint) {
  if (!hint.empty()) {
    if (access(hint.c_str(), X_OK) == 0) return hint;
    return Status::NotFound(hint + " is not an executable pgbackrest");
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    fs::path candidate = fs::path(dir) / "pgbackrest";
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return Status::NotFound("pgbackrest is not installed (Debian/Ubuntu: `apt-get install pgbackrest`, or ./setup.sh)");
}

std::string RandomPassphrase() {
  std::random_device random;
  std::string out;
  const char* alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int i = 0; i < 40; ++i) out += alphabet[random() % 62];
  return out;
}

void SetOrAdd(std::vector<Setting>& settings, const std::string& name, const std::string& value,
              const std::string& reason) {
  for (auto& s : settings) {
    if (s.name == name) {
      s.value = value;
      s.reason = reason;
      return;
    }
  }
  settings.push_back({name, value, reason});
}

void Remove(std::vector<Setting>& settings, const std::string& prefix) {
  std::erase_if(settings, [&](const Setting& s) { return s.name.starts_with(prefix); });
}

// The plan as it runs inside the scratch directory: the same settings, with the repository, the data
// directory, and pgBackRest's lock, log and spool paths moved there.
BackupPlan ScratchPlan(const BackupPlan& plan, const ScratchCluster& cluster, BackupVerification& result) {
  BackupPlan p = plan;
  const fs::path dir = cluster.directory();
  if (p.targets.repository.type == analyzers::backup::RepositoryType::kS3) {
    result.deviations.push_back(fmt::format("the S3 repository s3://{}{} is replaced by a local one: object storage is "
                                            "not reachable from a scratch run",
                                            p.targets.repository.bucket, p.targets.repository.path));
    Remove(p.pgbackrest_global, "repo1-s3-");
    SetOrAdd(p.pgbackrest_global, "repo1-type", "posix", "scratch run");
  } else {
    result.deviations.push_back(fmt::format("repository {} moved into the scratch directory", p.targets.repository.path));
  }
  SetOrAdd(p.pgbackrest_global, "repo1-path", (dir / "repo").string(), "scratch repository");
  SetOrAdd(p.pgbackrest_global, "lock-path", (dir / "lock").string(), "scratch run");
  SetOrAdd(p.pgbackrest_global, "log-path", (dir / "log").string(), "scratch run");
  SetOrAdd(p.pgbackrest_global, "log-level-console", "warn", "scratch run: errors on the console");
  if (p.targets.encrypt) {
    SetOrAdd(p.pgbackrest_global, "repo1-cipher-pass", RandomPassphrase(),
             "scratch run only: a random passphrase in place of PGBACKREST_REPO1_CIPHER_PASS");
  }
  for (auto& s : p.pgbackrest_archive_push) {
    if (s.name == "spool-path") s.value = (dir / "spool").string();
  }
  p.pgbackrest_stanza.clear();
  p.pgbackrest_stanza.push_back({"pg1-path", cluster.data_dir(), "the scratch cluster"});
  p.pgbackrest_stanza.push_back({"pg1-socket-path", cluster.socket_dir(), "the scratch cluster's private socket"});
  p.pgbackrest_stanza.push_back({"pg1-port", std::to_string(cluster.port()), "the scratch cluster"});
  p.pgbackrest_stanza.push_back({"pg1-user", cluster.superuser(), "the scratch cluster's superuser"});
  return p;
}

// The plan's postgresql.conf settings for a scratch cluster, archive_command pointed at the scratch config.
std::map<std::string, std::string> ServerSettings(const BackupPlan& plan, bool archiving) {
  std::map<std::string, std::string> settings;
  for (const auto& s : plan.postgresql) settings[s.name] = s.value;
  if (archiving) {
    settings["archive_command"] = fmt::format(
        "'pgbackrest --config={{scratch_dir}}/pgbackrest.conf --stanza={} archive-push %p'", plan.targets.stanza);
  } else {
    settings["archive_mode"] = "off";
    settings.erase("archive_command");
  }
  return settings;
}

class Runner {
 public:
  Runner(const ScratchCluster& owner, std::string pgbackrest, std::string config, std::string stanza,
         BackupVerification& result)
      : owner_(owner), pgbackrest_(std::move(pgbackrest)), config_(std::move(config)), stanza_(std::move(stanza)),
        result_(result) {}

  // Runs `pgbackrest --config=… --stanza=… ARGS…` as the server's user; the output is kept for errors.
  Status PgBackRest(const std::vector<std::string>& args, double* seconds = nullptr) {
    std::vector<std::string> argv = {pgbackrest_, "--config=" + config_, "--stanza=" + stanza_};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string log = (fs::path(owner_.directory()) / "pgbackrest-command.log").string();
    std::error_code ignored;
    fs::remove(log, ignored);
    auto started = Clock::now();
    auto code = owner_.RunAsServerUser(argv, log);
    if (!code.ok()) return code.status();
    double took = Seconds(started);
    if (seconds) *seconds = took;
    std::string shown = fmt::format("pgbackrest {}", fmt::join(args, " "));
    if (*code != 0) {
      return Status::Unavailable(fmt::format("`{}` failed (exit {}):\n{}", shown, *code, ReadFile(log)));
    }
    result_.steps.push_back(fmt::format("{}: ok ({:.1f}s)", shown, took));
    return Status::Ok();
  }

  std::string Output() const { return ReadFile(fs::path(owner_.directory()) / "pgbackrest-command.log", 1 << 20); }

 private:
  const ScratchCluster& owner_;
  std::string pgbackrest_, config_, stanza_;
  BackupVerification& result_;
};

Result<int64_t> CountRows(PgConnection& db, const std::string& phase) {
  auto r = db.QueryParams("SELECT count(*) AS n FROM backup_probe WHERE phase = $1", {phase});
  if (!r.ok()) return r.status();
  return static_cast<int64_t>(r->GetInt(0, "n"));
}

Status InsertRows(PgConnection& db, const std::string& phase, int64_t rows) {
  auto r = db.QueryParams(
      "INSERT INTO backup_probe (phase, payload) SELECT $1, md5(g::text) || repeat('x', 100) "
      "FROM generate_series(1, $2::bigint) g",
      {phase, std::to_string(rows)});
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace

Result<BackupVerification> VerifyBackupPlan(const BackupPlan& plan, const BackupVerifyOptions& options) {
  BackupVerification result;
  auto say = [&](const std::string& step) {
    if (options.progress) options.progress(step);
  };
  auto pgbackrest = FindPgBackRest(options.pgbackrest);
  if (!pgbackrest.ok()) return pgbackrest.status();

  say("starting a scratch PostgreSQL with the plan's archive settings");
  ScratchClusterOptions primary_options;
  primary_options.bindir = options.pg_bindir;
  primary_options.keep = options.keep;
  primary_options.settings = ServerSettings(plan, /*archiving=*/true);
  auto primary = ScratchCluster::Start(primary_options);
  if (!primary.ok()) return primary.status();
  ScratchCluster& source = **primary;
  result.postgres_version = source.binaries().version_string;

  // pgbackrest.conf and its directories, owned by the server's user (archive_command runs as it).
  const BackupPlan scratch_plan = ScratchPlan(plan, source, result);
  const fs::path dir = source.directory();
  const std::string config = (dir / "pgbackrest.conf").string();
  {
    std::error_code error;
    for (const char* sub : {"repo", "lock", "log", "spool"}) fs::create_directories(dir / sub, error);
    std::ofstream out(config, std::ios::trunc);
    out << report::PgBackRestConf(scratch_plan);
    if (!out) return Status::IoError("cannot write " + config);
  }
  fs::permissions(config, fs::perms::owner_read | fs::perms::owner_write);
  for (const char* sub : {"repo", "lock", "log", "spool"}) DBARCH_RETURN_IF_ERROR(source.HandToServerUser((dir / sub).string()));
  DBARCH_RETURN_IF_ERROR(source.HandToServerUser(config));
  Runner run(source, *pgbackrest, config, plan.targets.stanza, result);
  {
    std::error_code error;
    const std::string log = (dir / "version.log").string();
    if (auto code = source.RunAsServerUser({*pgbackrest, "version"}, log); code.ok() && *code == 0) {
      result.pgbackrest_version = ReadFile(log);
    }
  }

  say("writing the rows the backup must hold");
  DBARCH_RETURN_IF_ERROR(source.CreateDatabase(kProbeDatabase).status());
  auto db = source.Connect(kProbeDatabase);
  if (!db.ok()) return db.status();
  DBARCH_RETURN_IF_ERROR(
      db->Execute("CREATE TABLE backup_probe (id bigserial PRIMARY KEY, phase text NOT NULL, payload text NOT NULL, "
                  "written_at timestamptz NOT NULL DEFAULT clock_timestamp())"));
  DBARCH_RETURN_IF_ERROR(InsertRows(*db, "before-backup", options.rows_before_backup));
  if (auto size = db->Query("SELECT pg_database_size(current_database()) AS b"); size.ok()) {
    result.database_bytes = size->GetInt(0, "b");
  }

  say("pgbackrest stanza-create, check, full backup");
  DBARCH_RETURN_IF_ERROR(run.PgBackRest({"stanza-create"}));
  DBARCH_RETURN_IF_ERROR(run.PgBackRest({"check"}));
  DBARCH_RETURN_IF_ERROR(run.PgBackRest({"--type=full", "backup"}, &result.backup_seconds));
  DBARCH_RETURN_IF_ERROR(run.PgBackRest({"--output=json", "info"}));
  try {
    auto info = nlohmann::json::parse(run.Output());
    const auto& backups = info.at(0).at("backup");
    if (!backups.empty()) {
      result.backup_label = backups.back().at("label").get<std::string>();
      result.backup_bytes = backups.back().at("info").at("repository").at("delta").get<int64_t>();
    }
  } catch (const std::exception& e) {
    return Status::Unavailable(fmt::format("cannot read `pgbackrest info --output=json`: {}", e.what()));
  }

  say("writing after the backup, noting the target time, writing after it");
  DBARCH_RETURN_IF_ERROR(InsertRows(*db, "before-target", options.rows_before_target));
  auto target = db->Query(
      "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS t");
  if (!target.ok()) return target.status();
  result.target_time = target->Get(0, "t");
  // Commit timestamps come from the same clock; a few milliseconds keep the next commit clearly after it.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  DBARCH_RETURN_IF_ERROR(InsertRows(*db, "after-target", options.rows_after_target));
  // check switches to a new WAL segment and waits until it is archived: the commits after the target are in
  // the repository, so recovery sees where to stop.
  DBARCH_RETURN_IF_ERROR(run.PgBackRest({"check"}));
  result.rows_expected = options.rows_before_backup + options.rows_before_target;

  say("restoring to the target time into a second scratch cluster");
  ScratchClusterOptions restored_options;
  restored_options.bindir = options.pg_bindir;
  restored_options.keep = options.keep;
  restored_options.settings = ServerSettings(plan, /*archiving=*/false);
  restored_options.populate_data_dir = [&](const ScratchCluster&, const std::string& data_dir) -> Status {
    // --set names the backup: pgBackRest picks one by comparing whole-second stop times with the target, which
    // falls within the second the backup ended in a run this short.
    return run.PgBackRest({"--pg1-path=" + data_dir, "--set=" + result.backup_label, "--type=time", "--target=" + result.target_time,
                           "--target-action=promote", "--archive-mode=off", "restore"},
                          &result.restore_seconds);
  };
  const auto started = Clock::now();
  auto restored = ScratchCluster::Start(restored_options);
  if (!restored.ok()) return restored.status();
  auto copy = (*restored)->Connect(kProbeDatabase);
  if (!copy.ok()) return copy.status();
  // Connections are accepted once recovery is consistent; the rows are final only after promotion.
  bool promoted = false;
  while (Seconds(started) < kPromoteTimeoutSeconds) {
    auto in_recovery = copy->Query("SELECT pg_is_in_recovery() AS r");
    if (!in_recovery.ok()) return in_recovery.status();
    if (!in_recovery->GetBool(0, "r")) {
      promoted = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!promoted) {
    return Status::Unavailable(fmt::format("the restored server did not finish recovery within {}s:\n{}",
                                           kPromoteTimeoutSeconds, (*restored)->ReadServerLog()));
  }
  result.recovery_seconds = Seconds(started) - result.restore_seconds;
  result.steps.push_back(fmt::format("restored server promoted after replaying WAL ({:.1f}s)", result.recovery_seconds));

  int64_t restored_rows = 0;
  for (const char* phase : {"before-backup", "before-target"}) {
    auto n = CountRows(*copy, phase);
    if (!n.ok()) return n.status();
    restored_rows += *n;
  }
  auto after = CountRows(*copy, "after-target");
  if (!after.ok()) return after.status();
  result.rows_restored = restored_rows;
  result.rows_after_target_restored = *after;
  result.passed = result.rows_restored == result.rows_expected && result.rows_after_target_restored == 0;
  result.steps.push_back(fmt::format(
      "rows committed before the target: {} expected, {} restored; rows committed after it: {} restored (0 "
      "expected) — {}",
      result.rows_expected, result.rows_restored, result.rows_after_target_restored,
      result.passed ? "point-in-time recovery is exact" : "MISMATCH"));

  Status stopped_copy = (*restored)->Stop();
  if (!stopped_copy.ok()) return stopped_copy;

  // The generated restore-test.sh, run as is: latest backup plus all archived WAL into its own scratch
  // directory, started, row counts and pg_amcheck, removed. Every row written must be there.
  say("running the generated restore-test.sh");
  {
    BackupPlan script_plan = plan;
    script_plan.targets.database = kProbeDatabase;
    script_plan.targets.busiest_tables.clear();
    const std::string script = (dir / "restore-test.sh").string();
    {
      std::ofstream out(script, std::ios::trunc);
      out << report::RestoreTestScript(script_plan);
      if (!out) return Status::IoError("cannot write " + script);
    }
    DBARCH_RETURN_IF_ERROR(source.HandToServerUser(script));
    const std::string log = (dir / "restore-test.log").string();
    auto code = source.RunAsServerUser(
        {"/usr/bin/env", "PGBACKREST_CONFIG=" + config, "PGBIN=" + source.binaries().bindir, "TMPDIR=" + dir.string(),
         "PORT=" + std::to_string(source.port() + 1), "/bin/bash", script},
        log);
    if (!code.ok()) return code.status();
    const std::string output = ReadFile(log, 1 << 16);
    if (*code != 0) return Status::Unavailable(fmt::format("restore-test.sh failed (exit {}):\n{}", *code, output));
    const int64_t all_rows = result.rows_expected + options.rows_after_target;
    const std::string expected_line = fmt::format("rows public.backup_probe: {}", all_rows);
    result.restore_test_output = output;
    result.restore_test_passed = output.find(expected_line) != std::string::npos;
    result.steps.push_back(fmt::format("restore-test.sh: exit 0, {}{} ({})",
                                       result.restore_test_passed ? "all " + std::to_string(all_rows) + " rows restored"
                                                                  : "row count WRONG, expected " + expected_line,
                                       output.find("pg_amcheck: no corruption found") != std::string::npos
                                           ? ", pg_amcheck found no corruption"
                                           : "",
                                       output.substr(output.rfind('\n') + 1)));
    result.passed = result.passed && result.restore_test_passed;
  }

  Status stopped_source = source.Stop();
  if (!stopped_source.ok()) return stopped_source;
  return result;
}

}  // namespace dbarch::verify
