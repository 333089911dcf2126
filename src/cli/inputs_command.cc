// `dbarch inputs`: how dbarch reads a repository — every .sql file and the role it was given.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"

namespace dbarch::cli {
namespace {

int Run(const sources::LoadOptions& inputs, const GlobalOptions& global) {
  GlobalOptions quiet = global;
  quiet.quiet = true;  // the listing below is the output
  auto project = LoadAndDescribe(inputs, quiet);
  if (!project.ok()) {
    std::cerr << project.status().ToString() << "\n";
    return project.status().ExitCode();
  }
  for (const auto& f : project->files) std::cout << fmt::format("{:<9} {}  ({})\n", f.role, f.path, f.detail);
  PrintDiagnostics(project->diagnostics, global);
  return kExitOk;
}

}  // namespace

void RegisterInputsCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto inputs = std::make_shared<sources::LoadOptions>();
  CLI::App* cmd = app->add_subcommand("inputs", "List the input files found and how each is classified");
  AddInputFlags(cmd, inputs.get());
  cmd->callback([inputs, global, exit_code] { *exit_code = Run(*inputs, *global); });
}

}  // namespace dbarch::cli
