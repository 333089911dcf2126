// `dbarch report` end to end with the scratch cluster: the report shows the rows loaded per table and a
// planner cost, plan and measured time for every query (and why a query could not be planned); Ctrl-C in
// the middle of loading leaves no server and no directory behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

namespace dbarch {
namespace {

namespace fs = std::filesystem;
const std::string kProject = std::string(DBARCH_TEST_DATA_DIR) + "/integration/projects/orders";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ReportScratchTest, ReportShowsRowsPlansAndTimings) {
  const fs::path output = fs::temp_directory_path() / ("dbarch-report-" + std::to_string(getpid()) + ".json");
  const std::string command = std::string(DBARCH_BINARY) + " --quiet report " + kProject +
                              " --rows 2000 --repetitions 2 --bench-seconds 1 --bench-scale 1 --bench-clients 2 --format json -o " + output.string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const nlohmann::json report = nlohmann::json::parse(ReadFile(output));
  fs::remove(output);
  const nlohmann::json& queries_section = report["sections"]["query_examples"];
  const nlohmann::json& scratch = queries_section["scratch"];
  ASSERT_TRUE(scratch["ran"].get<bool>()) << scratch.dump(2);
  EXPECT_EQ(scratch["total_rows"], 4000);
  ASSERT_EQ(scratch["tables"].size(), 2u);
  for (const auto& table : scratch["tables"]) EXPECT_EQ(table["rows"], 2000) << table.dump();

  int planned = 0, failed = 0;
  for (const auto& query : queries_section["queries"]) {
    const auto& evidence = query["scratch"];
    if (evidence["planned"].get<bool>()) {
      ++planned;
      EXPECT_GT(evidence["total_cost"].get<double>(), 0) << query.dump();
      EXPECT_FALSE(evidence["plan"].get<std::string>().empty());
      EXPECT_EQ(evidence["timing"]["runs"], 2);
      EXPECT_FALSE(evidence["analyzed_plan"].get<std::string>().empty()) << query.dump();  // EXPLAIN ANALYZE ran
    } else {
      ++failed;
      EXPECT_NE(evidence["error"].get<std::string>().find("no_such_column"), std::string::npos);
    }
  }
  EXPECT_EQ(planned, 3);
  EXPECT_EQ(failed, 1);

  // Section 6: the configuration, measured with pgbench on two scratch clusters.
  const nlohmann::json& configuration = report["sections"]["performance"]["configuration"];
  ASSERT_FALSE(configuration["settings"].empty()) << configuration.dump(2);
  ASSERT_TRUE(configuration.contains("benchmark")) << configuration.dump(2);
  for (const char* run : {"baseline", "recommended"}) {
    ASSERT_EQ(configuration["benchmark"][run]["results"].size(), 2u) << run;
    for (const auto& result : configuration["benchmark"][run]["results"]) EXPECT_GT(result["tps"].get<double>(), 0);
  }
  EXPECT_EQ(configuration["benchmark"]["baseline"]["applied"]["shared_buffers"], "128MB");

  // …and the project's own statements replayed under both configurations, with the report's --rows and
  // --repetitions; the statement that cannot be planned is listed with its reason, not dropped.
  ASSERT_TRUE(configuration.contains("workload_benchmark")) << configuration.dump(2);
  const nlohmann::json& replay = configuration["workload_benchmark"];
  EXPECT_EQ(replay["total_rows"], 4000);
  EXPECT_EQ(replay["repetitions"], 2);
  EXPECT_EQ(replay["baseline"]["applied"]["work_mem"], "4MB");
  ASSERT_EQ(replay["statements"].size(), 4u);
  int timed_on_both = 0;
  for (const auto& statement : replay["statements"]) {
    if (!statement["baseline"]["planned"].get<bool>()) {
      EXPECT_NE(statement["baseline"]["error"].get<std::string>().find("no_such_column"), std::string::npos);
      EXPECT_EQ(statement["verdict"], "not compared");
      continue;
    }
    EXPECT_EQ(statement["baseline"]["runs"], 2) << statement.dump();
    EXPECT_EQ(statement["recommended"]["runs"], 2) << statement.dump();
    ++timed_on_both;
  }
  EXPECT_EQ(timed_on_both, 3);
  EXPECT_EQ(replay["call_weighted_total"]["statements_compared"], 3);
}

std::vector<fs::path> ScratchDirectories(const fs::path& parent) {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    if (entry.path().filename().string().starts_with("dbarch-scratch-")) found.push_back(entry.path());
  }
  return found;
}

TEST(ReportScratchTest, InterruptDuringLoadCleansUp) {
  // A private TMPDIR, so other tests' clusters do not interfere with what this test looks for.
  const fs::path parent = fs::temp_directory_path() / ("dbarch-sigint-" + std::to_string(getpid()));
  fs::create_directories(parent);
  fs::permissions(parent, fs::perms::all);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("TMPDIR", parent.c_str(), 1);
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    execl(DBARCH_BINARY, DBARCH_BINARY, "report", kProject.c_str(), "--rows", "20000000", "--format", "json",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the server is up and loading has begun (its data directory exists), then interrupt.
  bool started = false;
  for (int i = 0; i < 600 && !started; ++i) {
    for (const fs::path& dir : ScratchDirectories(parent)) started |= fs::exists(dir / "data" / "postmaster.pid");
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(started) << "the scratch cluster never started";
  std::this_thread::sleep_for(std::chrono::seconds(1));
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) || WIFEXITED(status));
  if (WIFSIGNALED(status)) {
    EXPECT_EQ(WTERMSIG(status), SIGINT);
  }
  auto processes = [] {
    std::string out;
    FILE* pipe = popen("ps -eo args", "r");
    char line[4096];
    while (pipe != nullptr && fgets(line, sizeof(line), pipe) != nullptr) out += line;
    if (pipe != nullptr) pclose(pipe);
    return out;
  };
  // The watchdog finishes the shutdown after dbarch has exited; on a loaded machine that takes a moment.
  for (int i = 0; i < 150; ++i) {
    if (ScratchDirectories(parent).empty() && processes().find(parent.string()) == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // On failure, say what was left: the directory's files and the processes naming it.
  auto leftovers = [&] {
    std::string listing;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(parent, error); it != fs::recursive_directory_iterator(); ++it) {
      if (it.depth() <= 2) listing += it->path().string() + "\n";
    }
    std::string matching;
    std::istringstream lines(processes());
    for (std::string line; std::getline(lines, line);) {
      if (line.find(parent.string()) != std::string::npos) matching += line + "\n";
    }
    return "files:\n" + listing + "processes:\n" + matching;
  };
  EXPECT_TRUE(ScratchDirectories(parent).empty()) << "scratch directory left behind\n" << leftovers();
  EXPECT_EQ(processes().find(parent.string()), std::string::npos) << "a server of the interrupted run still runs\n"
                                                                  << leftovers();
  fs::remove_all(parent);
}

}  // namespace
}  // namespace dbarch
