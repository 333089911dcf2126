// `dbarch workload`: the workload model — queries grouped by fingerprint, weighted, resolved.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "model/model_json.h"

namespace dbarch::cli {
namespace {

struct WorkloadFlags {
  sources::LoadOptions inputs;
  std::string format = "text";
  std::string output;
};

std::string TextSummary(const model::Workload& workload) {
  std::string out;
  for (const auto& q : workload.queries) {
    out += fmt::format("{} {:>10.0f} calls  {}  {}\n", q.fingerprint, q.calls, model::StatementKindName(q.kind),
                       q.normalized);
    std::string tables;
    for (const auto& t : q.tables) tables += (tables.empty() ? "" : ", ") + t.ToString();
    if (!tables.empty()) out += "    tables: " + tables + "\n";
    for (const auto& p : q.predicates) {
      out += fmt::format("    {} {} {}\n", p.clause, p.expression.empty() ? p.column.ToString() : p.expression, p.op);
    }
  }
  out += fmt::format("{} distinct queries, {:.0f} calls in all\n", workload.queries.size(), workload.TotalCalls());
  return out;
}

int Run(const WorkloadFlags& flags, const GlobalOptions& global) {
  auto project = LoadAndDescribe(flags.inputs, global);
  if (!project.ok()) {
    std::cerr << project.status().ToString() << "\n";
    return project.status().ExitCode();
  }
  std::string text = flags.format == "json" ? model::ToJson(project->workload).dump(2) + "\n"
                                            : TextSummary(project->workload);
  Status written = WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return kExitOk;
}

}  // namespace

void RegisterWorkloadCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<WorkloadFlags>();
  CLI::App* cmd = app->add_subcommand("workload", "Show the workload model: queries, weights and what they touch");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
