// What the subcommands share: the input flags, the verbosity, and writing output files atomically (a
// failed or interrupted run never leaves a half-written file at the -o path).
#pragma once

#include <optional>

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/logs/log_summary.h"
#include "dbarch/status.h"
#include "sources/project_loader.h"

namespace dbarch::cli {

enum class Verbosity { kQuiet, kNormal, kVerbose };

struct GlobalOptions {
  bool quiet = false;
  bool verbose = false;
  Verbosity verbosity() const { return quiet ? Verbosity::kQuiet : verbose ? Verbosity::kVerbose : Verbosity::kNormal; }
};

// Adds PATHS…, --schema and --workload to a subcommand.
void AddInputFlags(CLI::App* command, sources::LoadOptions* options);

// Loads the project and, unless quiet, tells on stderr how each input file was classified.
// `log_summary`, when given, receives the analysis of the --log files (what the report's section 4 shows).
Result<sources::LoadedProject> LoadAndDescribe(const sources::LoadOptions& options, const GlobalOptions& global,
                                               std::optional<analyzers::logs::LogSummary>* log_summary = nullptr);

// Prints diagnostics to stderr (warnings always unless quiet; info only when verbose).
void PrintDiagnostics(const Diagnostics& diagnostics, const GlobalOptions& global);

// Writes content to path ("" or "-" = stdout). Files are written to a temporary sibling and renamed
// into place, so the path holds either the old content or the complete new one.
Status WriteOutput(const std::string& path, const std::string& content);
// The same with the content in pieces, written one after the other (no copy into one string).
Status WriteOutput(const std::string& path, const std::vector<std::string_view>& pieces);
// The same with the pieces made one at a time: `next` returns the next piece (valid until it is called again) or
// nothing after the last. A large generated output need not be held in memory whole.
Status WriteOutput(const std::string& path, const std::function<std::optional<std::string_view>()>& next);

// Installs SIGINT/SIGTERM handlers that remove temporary files and exit with 128+signal.
void InstallSignalHandlers();

// Process exit codes (documented in the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;   // findings at or above --fail-on (lint)
inline constexpr int kExitUsage = 2;      // bad input: syntax error, bad flag, unknown file

// Registers a subcommand that loads the project and writes one view of it, as `--format text|json`, to -o
// or standard output (schema, workload).
using ProjectView = std::function<std::string(const sources::LoadedProject& project, const std::string& format)>;
void RegisterProjectViewCommand(CLI::App* app, const GlobalOptions* global, int* exit_code, const std::string& name,
                                const std::string& description, ProjectView view);

// Subcommands: each registers itself on the app and returns the callback result through *exit_code.
void RegisterReportCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterSchemaCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterWorkloadCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterInputsCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterIndexCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterExplainCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterLogsCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterHealthCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterLintCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);  // also `rules`
void RegisterNormalizeCommands(CLI::App* app, const GlobalOptions* global, int* exit_code);  // normalize, design
void RegisterDiffCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterTuneCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterSecurityCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterBackupCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterMonitorCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterRewriteCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);
void RegisterDenormalizeCommand(CLI::App* app, const GlobalOptions* global, int* exit_code);

}  // namespace dbarch::cli
