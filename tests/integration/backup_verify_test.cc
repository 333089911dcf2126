// The backup plan run for real: pgBackRest backs up a scratch cluster, a point-in-time restore to a noted
// moment holds exactly the rows committed before it, the generated restore-test.sh restores everything, and
// nothing is left running or on disk.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "analyzers/backup/backup_plan.h"
#include "verify/backup_verify.h"

namespace dbarch {
namespace {

namespace fs = std::filesystem;

analyzers::backup::BackupPlan Plan(bool encrypt) {
  analyzers::backup::BackupTargets targets;
  targets.size_bytes = 1LL << 30;
  targets.change_bytes_per_day = 100LL << 20;
  targets.size_source = targets.change_source = analyzers::backup::VolumeSource::kGiven;
  targets.cores = 2;
  targets.encrypt = encrypt;
  targets.stanza = "probe";
  auto plan = analyzers::backup::PlanBackup(targets);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return std::move(plan).value();
}

std::vector<fs::path> ScratchDirectories(const fs::path& parent) {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    if (entry.path().filename().string().starts_with("dbarch-scratch-")) found.push_back(entry.path());
  }
  return found;
}

TEST(BackupVerifyTest, PointInTimeRestoreHoldsExactlyTheRowsBeforeTheTarget) {
  verify::BackupVerifyOptions options;
  options.rows_before_backup = 20000;
  options.rows_before_target = 500;
  options.rows_after_target = 700;
  auto result = verify::VerifyBackupPlan(Plan(/*encrypt=*/true), options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_expected, 20500);
  EXPECT_EQ(result->rows_restored, 20500);
  EXPECT_EQ(result->rows_after_target_restored, 0);
  EXPECT_TRUE(result->restore_test_passed) << result->restore_test_output;
  EXPECT_TRUE(result->passed);
  EXPECT_FALSE(result->backup_label.empty());
  EXPECT_GT(result->backup_bytes, 0);
  EXPECT_GT(result->backup_seconds, 0);
  EXPECT_GT(result->restore_seconds, 0);
  EXPECT_NE(result->pgbackrest_version.find("pgBackRest"), std::string::npos);
}

TEST(BackupVerifyTest, InterruptLeavesNothingBehind) {
  const fs::path parent = fs::temp_directory_path() / ("dbarch-backup-sigint-" + std::to_string(getpid()));
  fs::create_directories(parent);
  fs::permissions(parent, fs::perms::all);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("TMPDIR", parent.c_str(), 1);
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    execl(DBARCH_BINARY, DBARCH_BINARY, "backup", "--size", "1GB", "--verify", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Interrupt once the first cluster is up and pgBackRest's repository exists.
  bool started = false;
  for (int i = 0; i < 600 && !started; ++i) {
    for (const fs::path& dir : ScratchDirectories(parent)) started |= fs::exists(dir / "pgbackrest.conf");
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(started) << "the scratch cluster never started";
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  // The watchdogs remove the directories (repository included) before dbarch exits.
  for (int i = 0; i < 100 && !ScratchDirectories(parent).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(ScratchDirectories(parent).empty());
  std::error_code error;
  fs::remove_all(parent, error);
}

}  // namespace
}  // namespace dbarch
