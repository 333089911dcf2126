#include "sources/git_changes.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

namespace dbarch::sources {

namespace {

namespace fs = std::filesystem;

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `git -C dir args`; its standard output, or an error carrying git's message.
Result<std::string> Git(const std::string& dir, const std::string& args) {
  const std::string command = "git -C " + Quote(dir) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return Status::InvalidInput("cannot run git");
  std::string out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (status != 0) return Status::InvalidInput(out.empty() ? "git " + args + " failed" : out);
  return out;
}

}  // namespace

Result<std::set<std::string>> FilesChangedSince(const std::string& ref, const std::string& dir) {
  if (ref.empty() || ref.front() == '-' ||
      ref.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/@^~{}-+") !=
          std::string::npos)
    return Status::InvalidInput(fmt::format("--since {}: not a git revision", ref));
  auto root = Git(dir, "rev-parse --show-toplevel");
  if (!root.ok()) return Status::InvalidInput(fmt::format("--since needs a git repository: {}", root.status().message()));
  if (!Git(dir, "rev-parse --verify --quiet " + Quote(ref + "^{commit}")).ok())
    return Status::InvalidInput(fmt::format("--since {}: unknown git revision", ref));
  std::set<std::string> changed;
  for (const std::string& args : {"diff --name-only --no-renames " + Quote(ref + "...HEAD"),
                                  std::string("diff --name-only --no-renames HEAD"),
                                  std::string("ls-files --others --exclude-standard --full-name")}) {
    auto listed = Git(*root, args);
    if (!listed.ok()) return listed.status();
    std::istringstream lines(*listed);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) changed.insert(fs::weakly_canonical(fs::path(*root) / line).string());
    }
  }
  return changed;
}

}  // namespace dbarch::sources
