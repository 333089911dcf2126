// `dbarch report`: the seven-section architect's report from a repository.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "report/report.h"

namespace dbarch::cli {
namespace {

struct ReportFlags {
  sources::LoadOptions inputs;
  std::string format;
  std::string output;
};

std::string FormatFromPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".json") return "json";
  return "md";
}

int Run(const ReportFlags& flags, const GlobalOptions& global) {
  std::string format = flags.format.empty() ? FormatFromPath(flags.output) : flags.format;
  auto project = LoadAndDescribe(flags.inputs, global);
  if (!project.ok()) {
    std::cerr << project.status().ToString() << "\n";
    return project.status().ExitCode();
  }
  report::ReportInputs inputs;
  inputs.project_name = project->name;
  for (const auto& f : project->files) inputs.files.push_back({f.path, f.role, f.detail});
  inputs.has_workload = project->has_workload();
  report::Report built = report::BuildReport(std::move(inputs), std::move(project->catalog),
                                             std::move(project->workload), std::move(project->diagnostics));
  std::string text = format == "html" ? report::RenderHtml(built)
                     : format == "json" ? report::RenderJson(built)
                                        : report::RenderMarkdown(built);
  Status written = WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  if (!flags.output.empty() && flags.output != "-" && global.verbosity() != Verbosity::kQuiet) {
    std::cerr << fmt::format("Wrote {} report to {}\n", format, flags.output);
  }
  return kExitOk;
}

}  // namespace

void RegisterReportCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app->add_subcommand(
      "report", "Write the architect's report (schema, data model, indexes, queries, migration plan, performance, monitoring)");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--format", flags->format, "html, md or json (default: from the -o extension, else md)")
      ->check(CLI::IsMember({"html", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
