// A progress line on stderr for long work (data generation, what-if search): redrawn in place on a
// terminal, silent when stderr is a pipe or a file (logs stay clean) or with --quiet. With --verbose on a
// non-terminal, each stage is logged once as a plain line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/cli_common.h"

namespace dbarch::cli {

class Progress {
 public:
  explicit Progress(const GlobalOptions& global);
  ~Progress();
  // Shows "<stage> 42% (4 200/10 000)"; total 0 shows just the stage.
  void Update(const std::string& stage, int64_t done, int64_t total);
  void Finish();

 private:
  bool terminal_ = false;
  bool verbose_log_ = false;
  bool active_ = false;
  std::string last_stage_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace dbarch::cli
