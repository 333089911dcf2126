// sources::FilesChangedSince (dbarch lint --since) on a throwaway git repository: committed on the branch since
// the ref, modified, staged and untracked files count; files unchanged since the ref, ignored files and files
// changed only on the ref's side do not.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "../support/temp_git_repo.h"
#include "sources/git_changes.h"

namespace dbarch::sources {
namespace {

namespace fs = std::filesystem;

class GitChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write("V1__init.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
    Write("V2__index.sql", "CREATE INDEX a_id ON a (id);\n");
    Write(".gitignore", "*.log\n");
    Run("add -A");
    Run("commit -q -m base");
  }

  void Run(const std::string& args) { repo_.Git(args); }
  void Write(const std::string& name, const std::string& text) { repo_.Write(name, text); }
  std::string Path(const std::string& name) const { return repo_.Path(name); }

  test_support::TempGitRepo repo_;
  const fs::path& root_ = repo_.root();
};

TEST_F(GitChangesTest, CommittedModifiedStagedAndUntrackedFilesSinceTheRef) {
  Run("checkout -q -b feature");
  Write("db/V3__column.sql", "ALTER TABLE a ADD COLUMN b text;\n");
  Run("add -A");
  Run("commit -q -m v3");
  Run("checkout -q main");  // a commit on main after the fork point does not count for the feature branch
  Write("V9__main_only.sql", "SELECT 9;\n");
  Run("add -A");
  Run("commit -q -m main-only");
  Run("checkout -q feature");
  Write("V2__index.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");  // modified, not staged
  Write("V4__staged.sql", "SELECT 1;\n");
  Run("add V4__staged.sql");
  Write("V5__untracked.sql", "SELECT 2;\n");
  Write("debug.log", "ignored\n");

  auto changed = FilesChangedSince("main", root_.string());
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, (std::set<std::string>{Path("db/V3__column.sql"), Path("V2__index.sql"),
                                             Path("V4__staged.sql"), Path("V5__untracked.sql")}));
  // From a subdirectory the paths are still the repository's.
  auto from_subdir = FilesChangedSince("main", Path("db"));
  ASSERT_TRUE(from_subdir.ok());
  EXPECT_EQ(*from_subdir, *changed);
}

TEST_F(GitChangesTest, NothingChangedSinceHead) {
  auto changed = FilesChangedSince("HEAD", root_.string());
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(changed->empty());
}

TEST_F(GitChangesTest, ClearErrors) {
  auto unknown = FilesChangedSince("no-such-branch", root_.string());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "--since no-such-branch: unknown git revision");
  auto injected = FilesChangedSince("main;touch x", root_.string());
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(injected.status().message(), "--since main;touch x: not a git revision");
  EXPECT_FALSE(fs::exists(root_ / "x"));
  char pattern[] = "/tmp/dbarch_nogit_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  auto not_repo = FilesChangedSince("main", pattern);
  fs::remove_all(pattern);
  ASSERT_FALSE(not_repo.ok());
  EXPECT_NE(not_repo.status().message().find("--since needs a git repository"), std::string::npos)
      << not_repo.status().message();
}

}  // namespace
}  // namespace dbarch::sources
