// The backup planner's parsing and the properties its files must keep whatever the inputs: no secret in any
// file, archive_command naming the stanza, archive_timeout from the RPO, every pgbackrest.conf setting with its
// reason. The schedule choices themselves are data-driven cases in tests/cases/backup/.
#include <gtest/gtest.h>

#include <sstream>

#include "analyzers/backup/backup_plan.h"
#include "report/backup_files.h"

namespace dbarch::analyzers::backup {
namespace {

TEST(BackupTargetsTest, ParsesDurationsSizesRatesAndRepositories) {
  EXPECT_EQ(*ParseDuration("0", "--rpo"), 0);
  EXPECT_EQ(*ParseDuration("1min", "--rpo"), 60);
  EXPECT_EQ(*ParseDuration("15 min", "--rpo"), 900);
  EXPECT_EQ(*ParseDuration("1h", "--rto"), 3600);
  EXPECT_FALSE(ParseDuration("5", "--rpo").ok());  // a bare number other than 0 has no unit
  EXPECT_FALSE(ParseDuration("1fortnight", "--rpo").ok());
  EXPECT_EQ(*ParseBytes("50GB", "--size"), 50LL << 30);
  EXPECT_EQ(*ParseBytes("1.5TB", "--size"), 3LL << 39);
  EXPECT_EQ(*ParseBytesPerDay("5GB/day", "--change-rate"), 5LL << 30);
  EXPECT_EQ(*ParseBytesPerDay("100MB/h", "--change-rate"), 2400LL << 20);
  EXPECT_FALSE(ParseBytesPerDay("5GB", "--change-rate").ok());
  auto s3 = ParseRepository("s3://bucket-1/prod/db/");
  ASSERT_TRUE(s3.ok());
  EXPECT_EQ(s3->type, RepositoryType::kS3);
  EXPECT_EQ(s3->bucket, "bucket-1");
  EXPECT_EQ(s3->path, "/prod/db");
  EXPECT_EQ(ParseRepository("posix:/srv/backups")->path, "/srv/backups");
  EXPECT_FALSE(ParseRepository("relative/path").ok());
  EXPECT_FALSE(ParseRepository("/path with blanks").ok());
  EXPECT_EQ(*ParseRetentionDays("4w"), 28);
  EXPECT_FALSE(ParseRetentionDays("0d").ok());
  EXPECT_FALSE(CheckStanzaName("a;b").ok());
}

BackupPlan Plan(BackupTargets t) {
  auto plan = PlanBackup(t);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return std::move(plan).value();
}

const Setting* Find(const std::vector<Setting>& settings, const std::string& name) {
  for (const auto& s : settings) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

TEST(BackupPlanTest, ArchiveTimeoutFollowsTheRpoWithinBounds) {
  BackupTargets t;
  t.size_bytes = 10LL << 30;
  t.size_source = VolumeSource::kGiven;
  t.rpo_seconds = 900;
  EXPECT_EQ(Find(Plan(t).postgresql, "archive_timeout")->value, "900s");
  t.rpo_seconds = 0;
  BackupPlan zero = Plan(t);
  EXPECT_EQ(Find(zero.postgresql, "archive_timeout")->value, "60s");
  bool standby_note = false;
  for (const auto& n : zero.notes) standby_note |= n.find("synchronous standby") != std::string::npos ||
                                                   n.find("synchronous_standby_names") != std::string::npos;
  EXPECT_TRUE(standby_note);
}

TEST(BackupPlanTest, EncryptionNamesTheEnvironmentVariableAndNeverAPassphrase) {
  BackupTargets t;
  t.encrypt = true;
  t.stanza = "prod";
  t.repository = *ParseRepository("s3://b/p");
  BackupPlan plan = Plan(t);
  EXPECT_EQ(Find(plan.pgbackrest_global, "repo1-cipher-type")->value, "aes-256-cbc");
  EXPECT_EQ(Find(plan.pgbackrest_global, "repo1-cipher-pass"), nullptr);
  for (const auto& [name, content] : report::BackupFiles(plan)) {
    EXPECT_EQ(content.find("cipher-pass="), std::string::npos) << name;
    EXPECT_EQ(content.find("s3-key="), std::string::npos) << name;
  }
  EXPECT_NE(report::PgBackRestConf(plan).find("PGBACKREST_REPO1_CIPHER_PASS"), std::string::npos);
  EXPECT_NE(report::PostgresqlBackupConf(plan).find("'pgbackrest --stanza=prod archive-push %p'"), std::string::npos);
}

TEST(BackupPlanTest, EverySettingHasItsReasonOnTheLineAbove) {
  BackupTargets t;
  t.size_bytes = 3LL << 40;
  t.change_bytes_per_day = 200LL << 30;
  t.size_source = t.change_source = VolumeSource::kGiven;
  BackupPlan plan = Plan(t);
  std::string conf = report::PgBackRestConf(plan);
  std::istringstream lines(conf);
  std::string previous, line;
  int settings = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#' && line[0] != '[') {
      ++settings;
      EXPECT_TRUE(previous.starts_with("# ")) << line;
      EXPECT_EQ(line.find('#'), std::string::npos) << "pgBackRest has no trailing comments: " << line;
    }
    previous = line;
  }
  EXPECT_GT(settings, 10);
  EXPECT_NE(conf.find("archive-async=y"), std::string::npos);  // 200 GB of WAL a day
}

TEST(BackupPlanTest, UnknownVolumesAreAssumedAndSaidSoButAMeasuredZeroIsKept) {
  BackupTargets t;
  BackupPlan assumed = Plan(t);
  EXPECT_EQ(assumed.targets.size_bytes, 10LL << 30);
  EXPECT_EQ(assumed.targets.change_bytes_per_day, 1LL << 30);
  ASSERT_GE(assumed.notes.size(), 2u);
  EXPECT_TRUE(assumed.notes[0].starts_with("ASSUMED database size"));
  t.size_bytes = 8 << 20;
  t.change_bytes_per_day = 0;  // an idle server
  t.size_source = t.change_source = VolumeSource::kLiveDatabase;
  BackupPlan measured = Plan(t);
  EXPECT_EQ(measured.targets.size_bytes, 8 << 20);
  EXPECT_EQ(measured.targets.change_bytes_per_day, 0);
}

TEST(BackupPlanTest, FilesAreTheFiveTheBriefNames) {
  BackupTargets t;
  t.busiest_tables = {"public.orders"};
  auto files = report::BackupFiles(Plan(t));
  std::vector<std::string> names;
  for (const auto& [name, content] : files) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"pgbackrest.conf", "postgresql.conf", "crontab", "restore-pitr.md",
                                             "restore-test.sh"}));
  const std::string& script = files.back().second;
  EXPECT_TRUE(script.starts_with("#!/bin/bash\n"));
  EXPECT_NE(script.find("trap cleanup EXIT"), std::string::npos);
  EXPECT_NE(script.find("TABLES=('public.orders')"), std::string::npos);
  EXPECT_NE(files[3].second.find("--type=time"), std::string::npos);
  EXPECT_NE(files[3].second.find("--target-action=promote"), std::string::npos);
}

}  // namespace
}  // namespace dbarch::analyzers::backup
