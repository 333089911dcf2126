// The scratch cluster's life cycle: it starts, answers on its private socket only, and leaves nothing behind —
// after Stop(), and after the process that started it is killed with SIGKILL.
#include "verify/scratch_cluster.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "scratch_fixture.h"

namespace dbarch::verify {
namespace {

namespace fs = std::filesystem;

bool ProcessAlive(pid_t pid) { return kill(pid, 0) == 0; }

// Polls a condition for up to 60 s (the watchdog works asynchronously); never a timing assertion.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 600; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

TEST(ScratchClusterTest, StartsQueriesAndCleansUpOnStop) {
  auto cluster = ScratchCluster::Start();
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();
  const std::string directory = (*cluster)->directory();
  const pid_t postmaster = (*cluster)->postmaster_pid();
  EXPECT_TRUE(fs::exists(directory));
  EXPECT_TRUE(ProcessAlive(postmaster));

  auto connection = (*cluster)->Connect();
  ASSERT_TRUE(connection.ok()) << connection.status().ToString();
  auto settings = connection->Query(
      "SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync, "
      "current_setting('shared_preload_libraries') AS preload, current_user AS who");
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->Get(0, "listen"), "");  // no TCP listener
  EXPECT_EQ(settings->Get(0, "fsync"), "off");
  EXPECT_EQ(settings->Get(0, "preload"), "pg_stat_statements");
  EXPECT_EQ(settings->Get(0, "who"), "postgres");
  auto version = connection->Query("SELECT version()");
  ASSERT_TRUE(version.ok());
  EXPECT_GE(connection->server_version(), 130000);

  auto created = (*cluster)->CreateDatabase("app");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto app = (*cluster)->Connect("app");
  ASSERT_TRUE(app.ok());
  auto extensions = app->Query("SELECT string_agg(extname, ',' ORDER BY extname) AS names FROM pg_extension");
  ASSERT_TRUE(extensions.ok());
  EXPECT_EQ(extensions->Get(0, "names"), "hypopg,pg_stat_statements,plpgsql");

  ASSERT_TRUE((*cluster)->Stop().ok());
  EXPECT_FALSE(fs::exists(directory));
  EXPECT_FALSE(ProcessAlive(postmaster));
  EXPECT_TRUE((*cluster)->Stop().ok());  // idempotent
}

TEST(ScratchClusterTest, NothingOutlivesAKilledRun) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(report[0]);
    auto cluster = ScratchCluster::Start();
    if (!cluster.ok()) _exit(1);
    const std::string message = std::to_string((*cluster)->postmaster_pid()) + " " + (*cluster)->directory() + "\n";
    if (write(report[1], message.data(), message.size()) < 0) _exit(2);
    pause();  // until killed
    _exit(0);
  }
  close(report[1]);
  std::string message;
  char buffer[512];
  ssize_t n;
  while ((n = read(report[0], buffer, sizeof(buffer))) > 0) {
    message.append(buffer, static_cast<size_t>(n));
    if (message.find('\n') != std::string::npos) break;
  }
  close(report[0]);
  ASSERT_FALSE(message.empty()) << "the child could not start a cluster";
  const pid_t postmaster = std::stoi(message);
  const std::string directory = message.substr(message.find(' ') + 1, message.find('\n') - message.find(' ') - 1);
  ASSERT_TRUE(ProcessAlive(postmaster));
  ASSERT_TRUE(fs::exists(directory));

  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(Eventually([&] { return !ProcessAlive(postmaster); })) << "server still running";
  EXPECT_TRUE(Eventually([&] { return !fs::exists(directory); })) << directory << " left behind";
}

TEST(ScratchClusterTest, ServerRunsAsPostgresWhenRoot) {
  if (geteuid() != 0) GTEST_SKIP() << "only meaningful as root";
  auto cluster = ScratchCluster::Start();
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();
  struct stat info;
  ASSERT_EQ(stat((*cluster)->data_dir().c_str(), &info), 0);
  EXPECT_NE(info.st_uid, 0u);
}

TEST(ScratchClusterTest, MissingBinariesSayHowToInstall) {
  auto found = FindPostgresBinaries("/nonexistent/bin");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("initdb"), std::string::npos);
  ScratchClusterOptions options;
  options.bindir = "/nonexistent/bin";
  auto cluster = ScratchCluster::Start(options);
  ASSERT_FALSE(cluster.ok());
  EXPECT_EQ(cluster.status().code(), Status::Code::kNotFound);
}

TEST(ScratchClusterTest, ServerErrorsCarrySqlState) {
  auto cluster = ScratchCluster::Start();
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();
  auto connection = (*cluster)->Connect();
  ASSERT_TRUE(connection.ok());
  auto failed = connection->Query("SELECT * FROM no_such_table");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(connection->sql_state(), "42P01");
  EXPECT_NE(failed.status().message().find("no_such_table"), std::string::npos);
}

}  // namespace
}  // namespace dbarch::verify
