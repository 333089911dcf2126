#include "cli/cli_common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "analyzers/logs/log_analysis.h"
#include "analyzers/logs/log_workload.h"
#include "verify/scratch_cluster.h"

namespace dbarch::cli {
namespace {

namespace fs = std::filesystem;

// The temporary file being written, for the signal handler (async-signal-safe: a fixed buffer).
char g_temp_path[4096];
std::atomic<bool> g_temp_active{false};

void OnSignal(int signo) {
  if (g_temp_active.load()) unlink(g_temp_path);
  verify::StopAllScratchClustersFromSignalHandler();
  signal(signo, SIG_DFL);
  raise(signo);
}

}  // namespace

void InstallSignalHandlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
}

void AddInputFlags(CLI::App* command, sources::LoadOptions* options) {
  command->add_option("paths", options->paths,
                      "Folders or .sql files: an application repository, migration folders, DDL files, query files");
  command->add_option("--schema", options->schema_paths,
                      "DDL file or migration folder to replay (repeatable; overrides discovery)")
      ->allow_extra_args(false);
  command->add_option("--workload", options->workload_paths,
                      "Query file or folder of .sql files the application runs (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--log", options->log_paths,
                      "PostgreSQL log (stderr, csvlog or jsonlog; .gz/.zst) whose logged statements join the workload, "
                      "weighted by their executions (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--log-prefix", options->log_prefix, "log_line_prefix of the --log files (default: detected)");
}

Result<sources::LoadedProject> LoadAndDescribe(const sources::LoadOptions& options, const GlobalOptions& global,
                                               std::optional<analyzers::logs::LogSummary>* log_summary) {
  if (options.paths.empty() && options.schema_paths.empty() && options.workload_paths.empty() &&
      options.log_paths.empty()) {
    return Status::InvalidInput("no input: give a folder or .sql files (or --schema / --workload / --log)");
  }
  auto project = sources::LoadProject(options);
  if (!project.ok()) return project.status();
  if (!options.log_paths.empty()) {
    analyzers::logs::LogAnalysisOptions log_options;
    log_options.prefix = options.log_prefix;
    auto summary = analyzers::logs::AnalyzeLogs(options.log_paths, log_options);
    if (!summary.ok()) return summary.status();
    std::vector<std::string> notes;
    analyzers::logs::AddLogQueries(*summary, project->catalog, &project->workload, &notes);
    for (const std::string& path : options.log_paths) {
      project->files.push_back({path, "log", fmt::format("{} logged executions in {} query groups", summary->query_count,
                                                          summary->queries.size())});
    }
    for (const std::string& note : notes) {
      Diagnostic d;
      d.severity = Severity::kInfo;
      d.code = "log-workload";
      d.message = note;
      project->diagnostics.push_back(d);
    }
    if (log_summary != nullptr) *log_summary = std::move(summary).value();
  }
  if (global.verbosity() != Verbosity::kQuiet) {
    std::cerr << "Inputs:\n";
    for (const auto& f : project->files) {
      if (f.role == "ignored" && global.verbosity() != Verbosity::kVerbose) continue;
      std::cerr << fmt::format("  {:<9} {}  ({})\n", f.role, f.path, f.detail);
    }
    std::cerr << fmt::format("Loaded {} tables, {} indexes, {} views; {} distinct queries.\n",
                             project->catalog.tables.size(), project->catalog.indexes.size(),
                             project->catalog.views.size(), project->workload.queries.size());
  }
  PrintDiagnostics(project->diagnostics, global);
  return project;
}

void PrintDiagnostics(const Diagnostics& diagnostics, const GlobalOptions& global) {
  if (global.verbosity() == Verbosity::kQuiet) return;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::kInfo && global.verbosity() != Verbosity::kVerbose) continue;
    std::cerr << d.ToString() << "\n";
  }
}

Status WriteOutput(const std::string& path, const std::string& content) {
  return WriteOutput(path, std::vector<std::string_view>{content});
}

Status WriteOutput(const std::string& path, const std::vector<std::string_view>& pieces) {
  std::size_t next_piece = 0;
  return WriteOutput(path, [&]() -> std::optional<std::string_view> {
    if (next_piece == pieces.size()) return std::nullopt;
    return pieces[next_piece++];
  });
}

Status WriteOutput(const std::string& path, const std::function<std::optional<std::string_view>()>& next) {
  if (path.empty() || path == "-") {
    while (auto piece = next()) std::cout.write(piece->data(), static_cast<std::streamsize>(piece->size()));
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IoError("cannot write to standard output");
  }
  // A device or FIFO (-o /dev/null, -o /dev/stderr, a named pipe) is written in place: renaming the temporary
  // file over it would replace the device node itself with a regular file.
  if (struct stat existing; stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) &&
                            !S_ISDIR(existing.st_mode)) {
    std::ofstream out(path, std::ios::binary);
    while (auto piece = next()) out.write(piece->data(), static_cast<std::streamsize>(piece->size()));
    out.flush();
    return out ? Status::Ok() : Status::IoError(fmt::format("cannot write '{}'", path));
  }
  fs::path target(path);
  std::string temp = (target.parent_path().empty() ? fs::path(".") : target.parent_path()).string() + "/." +
                     target.filename().string() + ".dbarch-tmp-" + std::to_string(getpid());
  if (temp.size() >= sizeof(g_temp_path)) return Status::InvalidInput("output path is too long");
  std::memcpy(g_temp_path, temp.c_str(), temp.size() + 1);
  g_temp_active = true;
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    g_temp_active = false;
    return Status::IoError(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  while (auto piece = next()) {
    const std::string_view content = *piece;
    std::size_t written = 0;
    while (written < content.size()) {
      ssize_t n = write(fd, content.data() + written, content.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        close(fd);
        unlink(temp.c_str());
        g_temp_active = false;
        return Status::IoError(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
      }
      written += static_cast<std::size_t>(n);
    }
  }
  if (close(fd) != 0 || std::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    unlink(temp.c_str());
    g_temp_active = false;
    return Status::IoError(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
  }
  g_temp_active = false;
  return Status::Ok();
}

void RegisterProjectViewCommand(CLI::App* app, const GlobalOptions* global, int* exit_code, const std::string& name,
                                const std::string& description, ProjectView view) {
  struct Flags {
    sources::LoadOptions inputs;
    std::string format = "text";
    std::string output;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app->add_subcommand(name, description);
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code, view] {
    auto project = LoadAndDescribe(flags->inputs, *global);
    if (!project.ok()) {
      std::cerr << project.status().ToString() << "\n";
      *exit_code = project.status().ExitCode();
      return;
    }
    Status written = WriteOutput(flags->output, view(*project, flags->format));
    if (!written.ok()) std::cerr << written.ToString() << "\n";
    *exit_code = written.ok() ? kExitOk : written.ExitCode();
  });
}

}  // namespace dbarch::cli
