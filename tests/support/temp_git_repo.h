// Test helper shared by unit and integration tests: a throwaway git repository under /tmp with a `main` branch,
// removed when the object goes. Git commands that fail fail the calling test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace dbarch::test_support {

class TempGitRepo {
 public:
  TempGitRepo() {
    char pattern[] = "/tmp/dbarch_git_XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return;
    }
    root_ = std::filesystem::weakly_canonical(pattern);
    Git("init -q -b main");
  }
  ~TempGitRepo() {
    if (!root_.empty()) std::filesystem::remove_all(root_);
  }
  TempGitRepo(const TempGitRepo&) = delete;
  TempGitRepo& operator=(const TempGitRepo&) = delete;

  // Runs `git <args>` in the repository (an identity set, signing off), output discarded.
  void Git(const std::string& args) const {
    const std::string command = "git -C " + root_.string() +
                                " -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false " + args +
                                " > /dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
  }
  // Writes a file (creating its folders), relative to the repository's root.
  void Write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name) << text;
  }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace dbarch::test_support
