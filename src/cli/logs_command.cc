// `dbarch logs FILES…`: PostgreSQL log analysis — queries grouped by fingerprint with their durations, and
// the lock waits, deadlocks, temporary files, checkpoints, autovacuum runs, connections and errors the
// server logged. Exit 0 even when some lines could not be read (they are counted and listed); 2 for a
// missing file, an unrecognised log_line_prefix or corrupt compressed data; 3 when the output cannot be
// written.
#include <iostream>

#include <fmt/format.h>

#include "analyzers/logs/log_analysis.h"
#include "cli/cli_common.h"
#include "cli/progress.h"
#include "report/log_text.h"

namespace dbarch::cli {
namespace {

struct LogsFlags {
  std::vector<std::string> files;
  std::string prefix;
  std::string format = "text";
  std::string output;
  bool show_literals = false;
  int jobs = 0;
  size_t top = 10;
};

int Run(const LogsFlags& flags, const GlobalOptions& global) {
  analyzers::logs::LogAnalysisOptions options;
  options.prefix = flags.prefix;
  options.jobs = flags.jobs;
  options.show_literals = flags.show_literals;
  Progress progress(global);
  options.progress = [&](int64_t done, int64_t total) {
    progress.Update(fmt::format("reading logs ({} MB)", done >> 20), done >> 20, total >> 20);
  };
  auto summary = analyzers::logs::AnalyzeLogs(flags.files, options);
  progress.Finish();
  if (!summary.ok()) {
    std::cerr << summary.status().ToString() << "\n";
    return summary.status().ExitCode();
  }
  if (summary->malformed > 0 && global.verbosity() != Verbosity::kQuiet) {
    std::cerr << fmt::format("warning: {} log lines could not be read (listed in the output)\n", summary->malformed);
  }
  const std::string text = flags.format == "json" ? report::LogSummaryJson(*summary, flags.top).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                                                  : report::LogSummaryText(*summary, flags.top);
  if (Status written = WriteOutput(flags.output, text); !written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return kExitOk;
}

}  // namespace

void RegisterLogsCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<LogsFlags>();
  CLI::App* cmd = app->add_subcommand(
      "logs", "Analyze PostgreSQL logs: slow queries by fingerprint, locks, deadlocks, temp files, checkpoints, "
              "autovacuum, connections, errors");
  cmd->add_option("files", flags->files, "Log files: stderr, csvlog or jsonlog, plain, .gz or .zst ('-' for standard input)")
      ->required();
  cmd->add_option("--prefix", flags->prefix, "log_line_prefix as in postgresql.conf (default: detected from the first lines)");
  cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_flag("--show-literals", flags->show_literals,
                "Show examples with their literals and bind parameters (default: masked as $n, since they may hold "
                "personal data)");
  cmd->add_option("-j,--jobs", flags->jobs, "Parser threads (default: the hardware threads)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--top", flags->top, "Queries (and tables, error kinds) to list; 0 = all");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
