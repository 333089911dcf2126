// `dbarch lint --since REF` end to end on a throwaway git repository: every file is replayed (the changed one
// alters a table an unchanged one created), only the changed files' findings are reported, in every format,
// and the exit code follows the reported findings alone.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "../support/temp_git_repo.h"

namespace dbarch {
namespace {

namespace fs = std::filesystem;

struct Output {
  int exit_code = -1;
  std::string text;
};

class LintSinceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Hazards in the base: an index built without CONCURRENTLY on a table of an earlier file.
    Write("migrations/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);\n");
    Write("migrations/V2__index.sql", "CREATE INDEX orders_total ON orders (total);\n");
    Git("add -A");
    Git("commit -q -m base");
    Git("checkout -q -b feature");
  }

  void Git(const std::string& args) { repo_.Git(args); }
  void Write(const std::string& name, const std::string& text) { repo_.Write(name, text); }
  Output Lint(const std::string& args) {
    const std::string command =
        "cd " + root_.string() + " && " + std::string(DBARCH_BINARY) + " lint migrations " + args + " 2>&1";
    Output out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) out.text.append(buffer, n);
    const int status = pclose(pipe);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
  }

  test_support::TempGitRepo repo_;
  const fs::path& root_ = repo_.root();
};

TEST_F(LintSinceTest, ReportsOnlyTheChangedFilesFindings) {
  // Changed on the branch: a NOT NULL set on the table V1 created (found only if V1 was replayed too).
  Write("migrations/V3__not_null.sql", "ALTER TABLE orders ALTER COLUMN total DROP NOT NULL;\n"
                                       "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");
  Git("add -A");
  Git("commit -q -m v3");

  Output all = Lint("--format json --fail-on never");
  ASSERT_EQ(all.exit_code, 0) << all.text;
  EXPECT_NE(all.text.find("V2__index.sql"), std::string::npos) << all.text;
  EXPECT_NE(all.text.find("V3__not_null.sql"), std::string::npos) << all.text;

  for (const std::string format : {"json", "text", "sarif", "github"}) {
    Output since = Lint("--since main --fail-on never --format " + format);
    EXPECT_EQ(since.exit_code, 0) << format << "\n" << since.text;
    EXPECT_NE(since.text.find("migration/set-not-null"), std::string::npos) << format << "\n" << since.text;
    EXPECT_NE(since.text.find("V3__not_null.sql"), std::string::npos) << format << "\n" << since.text;
    EXPECT_EQ(since.text.find("V2__index.sql"), std::string::npos) << format << "\n" << since.text;
    EXPECT_EQ(since.text.find("V1__orders.sql"), std::string::npos) << format << "\n" << since.text;
  }
}

TEST_F(LintSinceTest, ExitCodeFollowsTheReportedFindingsOnly) {
  // The unchanged V2 has an error-level hazard; the changed file has none.
  Write("migrations/V3__comment.sql", "COMMENT ON TABLE orders IS 'customer orders';\n");
  Git("add -A");
  Git("commit -q -m v3");

  Output all = Lint("--format json --fail-on warning");
  EXPECT_EQ(all.exit_code, 1) << all.text;
  Output since = Lint("--since main --format json --fail-on warning");
  EXPECT_EQ(since.exit_code, 0) << since.text;
  EXPECT_EQ(since.text, "[]\n");
}

}  // namespace
}  // namespace dbarch
