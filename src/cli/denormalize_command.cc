// `dbarch denormalize [PATHS…]`: summaries (materialized views) for the workload's heavy aggregate queries,
// each with the query rewritten to read it — exact for any parameters, partial days read from the tables —
// and proven on a scratch PostgreSQL: same rows for sampled (non-aligned) ranges, planner cost and time before
// and after, REFRESH … CONCURRENTLY time and the summary's size (--no-verify skips it).
#include <iostream>

#include "analyzers/denormalize.h"
#include "cli/cli_common.h"
#include "cli/scratch_flags.h"
#include "report/denormalize_text.h"

namespace dbarch::cli {
namespace {

struct DenormalizeFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;
  std::string format = "text";
  std::string output;
};

int Run(const DenormalizeFlags& flags, const GlobalOptions& global) {
  auto inputs = LoadInputs(flags.inputs, flags.scratch, global);
  if (!inputs.ok()) {
    std::cerr << inputs.status().ToString() << "\n";
    return inputs.status().ExitCode();
  }
  PrintDiagnostics(inputs->project.diagnostics, global);
  const auto advice = analyzers::ProposeSummaries(inputs->project.catalog, inputs->project.workload);
  std::vector<verify::SummaryCheck> checks;
  std::string not_verified = "--no-verify was given";
  if (!flags.scratch.no_verify && !advice.proposals.empty()) {
    ScratchRunOptions run_options;
    run_options.check_workload = false;
    run_options.advise_indexes = false;
    run_options.check_rewrites = false;
    checks = RunScratchFor(*inputs, flags.scratch, global, run_options, &not_verified).evidence.summaries;
  }
  const auto entries = report::PairSummaries(advice, checks, inputs->project.workload);
  const std::string text =
      flags.format == "json" ? report::SummariesJson(entries, advice, not_verified).dump(2) + "\n"
      : flags.format == "md" ? report::SummariesMarkdown(entries, not_verified)
                             : report::SummariesText(entries, advice, inputs->project.workload, not_verified);
  if (Status written = WriteOutput(flags.output, text); !written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  for (const auto& check : checks) {
    if (check.ran && !check.same_rows) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void RegisterDenormalizeCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<DenormalizeFlags>();
  CLI::App* cmd = app->add_subcommand(
      "denormalize", "Summaries (materialized views) for heavy aggregate queries, with the query rewritten to read "
                     "them, proven on a scratch PostgreSQL (same rows, cost and time, refresh cost)");
  AddInputFlags(cmd, &flags->inputs);
  AddScratchFlags(cmd, &flags->scratch);
  cmd->add_option("--format", flags->format, "text, md or json")->check(CLI::IsMember({"text", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
