#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace dbarch::cli {

Progress::Progress(const GlobalOptions& global) {
  const bool quiet = global.verbosity() == Verbosity::kQuiet;
  terminal_ = !quiet && isatty(STDERR_FILENO) == 1;
  verbose_log_ = !terminal_ && global.verbosity() == Verbosity::kVerbose;
}

Progress::~Progress() { Finish(); }

void Progress::Update(const std::string& stage, int64_t done, int64_t total) {
  if (verbose_log_ && stage != last_stage_) {
    std::fprintf(stderr, "%s…\n", stage.c_str());
    last_stage_ = stage;
    return;
  }
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  // At most ~10 redraws a second, but always show a new stage and the end of one.
  if (stage == last_stage_ && done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  last_stage_ = stage;
  std::string line = stage;
  if (total > 0) {
    line += fmt::format(" {:3.0f}% ({}/{})", 100.0 * static_cast<double>(done) / static_cast<double>(total), done, total);
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  active_ = true;
}

void Progress::Finish() {
  if (!active_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  active_ = false;
}

}  // namespace dbarch::cli
