// The data-driven test runner. Every folder below tests/cases/ that holds a `cmd` file is one case:
//
//   cmd              one line: the dbarch arguments, run with the case folder as working directory
//                    (split on blanks; '…' or "…" keep blanks together)
//   expected         the expected standard output, byte for byte
//   expected.stderr  (optional) the expected standard error
//   expected.exit    (optional) the expected exit code; 0 when absent
//   absent           (optional) paths, one per line, that must not exist after the run (e.g. a -o file
//                    that a failing run must not write); they are removed before the run
//   filter           (optional) an ECMAScript regular expression: only the output lines it matches (searched
//                    anywhere in the line) are compared with `expected` — for commands whose output also holds
//                    measurements that differ from run to run (timings, planner costs on generated data)
//
// Set DBARCH_UPDATE_EXPECTED=1 to (re)write expected, expected.stderr (only when it already exists or
// the output is non-empty and the run failed) and expected.exit from the actual run; review the diff.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

std::vector<std::string> SplitArgs(const std::string& line) {
  std::vector<std::string> args;
  std::string current;
  bool in_arg = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      else current += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_arg = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_arg) args.push_back(current);
      current.clear();
      in_arg = false;
    } else {
      current += c;
      in_arg = true;
    }
  }
  if (in_arg) args.push_back(current);
  return args;
}

struct RunResult {
  std::string out, err;
  int exit_code = -1;
};

RunResult RunDbarch(const fs::path& dir, const std::vector<std::string>& args) {
  fs::path out_file = fs::temp_directory_path() / ("dbarch-case-out-" + std::to_string(getpid()));
  fs::path err_file = fs::temp_directory_path() / ("dbarch-case-err-" + std::to_string(getpid()));
  std::vector<std::string> argv_storage = {DBARCH_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  RunResult result;
  if (posix_spawn(&pid, DBARCH_BINARY, &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  result.out = ReadAll(out_file);
  result.err = ReadAll(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return result;
}

std::vector<std::string> DiscoverCases() {
  std::vector<std::string> cases;
  fs::path root = fs::path(DBARCH_TEST_DATA_DIR) / "cases";
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().filename() == "cmd") {
      cases.push_back(fs::relative(entry.path().parent_path(), root).string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class CaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CaseTest, MatchesExpectedOutput) {
  fs::path dir = fs::path(DBARCH_TEST_DATA_DIR) / "cases" / GetParam();
  std::vector<std::string> absent;
  if (fs::exists(dir / "absent")) {
    std::istringstream lines(ReadAll(dir / "absent"));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) {
        absent.push_back(line);
        fs::remove(dir / line);
      }
    }
  }
  RunResult actual = RunDbarch(dir, SplitArgs(ReadAll(dir / "cmd")));
  ASSERT_GE(actual.exit_code, 0) << "could not run " << DBARCH_BINARY;
  if (fs::exists(dir / "filter")) {
    std::string pattern = ReadAll(dir / "filter");
    while (!pattern.empty() && (pattern.back() == '\n' || pattern.back() == '\r')) pattern.pop_back();
    const std::regex keep(pattern);
    std::istringstream lines(actual.out);
    std::string kept;
    for (std::string line; std::getline(lines, line);) {
      if (std::regex_search(line, keep)) kept += line + "\n";
    }
    actual.out = kept;
  }

  const char* update = std::getenv("DBARCH_UPDATE_EXPECTED");
  if (update && std::string(update) == "1") {
    WriteAll(dir / "expected", actual.out);
    if (fs::exists(dir / "expected.stderr") || (actual.exit_code != 0 && !actual.err.empty())) {
      WriteAll(dir / "expected.stderr", actual.err);
    }
    if (actual.exit_code != 0) {
      WriteAll(dir / "expected.exit", std::to_string(actual.exit_code) + "\n");
    } else {
      fs::remove(dir / "expected.exit");
    }
    return;
  }

  ASSERT_TRUE(fs::exists(dir / "expected"))
      << "case " << GetParam() << " has no `expected` file; run with DBARCH_UPDATE_EXPECTED=1 and review it";
  int expected_exit = fs::exists(dir / "expected.exit") ? std::stoi(ReadAll(dir / "expected.exit")) : 0;
  EXPECT_EQ(actual.exit_code, expected_exit) << "stderr:\n" << actual.err;
  EXPECT_EQ(actual.out, ReadAll(dir / "expected"));
  if (fs::exists(dir / "expected.stderr")) {
    EXPECT_EQ(actual.err, ReadAll(dir / "expected.stderr"));
  }
  for (const auto& path : absent) {
    EXPECT_FALSE(fs::exists(dir / path)) << path << " must not exist after this run";
    fs::remove(dir / path);
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTest, ::testing::ValuesIn(DiscoverCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CaseTest);

}  // namespace
