// `dbarch rewrite [PATHS…]`: equivalent forms of the workload's queries that plan better (NOT IN → NOT EXISTS,
// count(*) > 0 → EXISTS, OR across columns → UNION ALL, correlated aggregate → grouped join, OFFSET → keyset,
// one-row correlated subqueries → LATERAL), each proven on a scratch PostgreSQL with the same parameter values
// (keyset pages: a deep OFFSET page and its cursor): the same rows, planner cost and measured time before and
// after (--no-verify skips it).
#include <iostream>

#include "analyzers/rewrite.h"
#include "cli/cli_common.h"
#include "cli/scratch_flags.h"
#include "report/rewrite_text.h"

namespace dbarch::cli {
namespace {

struct RewriteFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;
  std::string format = "text";
  std::string output;
};

int Run(const RewriteFlags& flags, const GlobalOptions& global) {
  auto inputs = LoadInputs(flags.inputs, flags.scratch, global);
  if (!inputs.ok()) {
    std::cerr << inputs.status().ToString() << "\n";
    return inputs.status().ExitCode();
  }
  PrintDiagnostics(inputs->project.diagnostics, global);
  const auto rewrites = analyzers::ProposeRewrites(inputs->project.catalog, inputs->project.workload);
  std::vector<verify::RewriteCheck> checks;
  std::string not_verified = "--no-verify was given";
  if (!flags.scratch.no_verify && !rewrites.empty()) {
    ScratchRunOptions run_options;
    run_options.check_workload = false;
    run_options.advise_indexes = false;
    run_options.check_summaries = false;
    checks = RunScratchFor(*inputs, flags.scratch, global, run_options, &not_verified).evidence.rewrites;
  }
  const auto entries = report::PairRewrites(rewrites, checks, inputs->project.workload);
  const std::string text = flags.format == "json" ? report::RewritesJson(entries).dump(2) + "\n"
                           : flags.format == "md" ? report::RewritesMarkdown(entries, not_verified)
                                                  : report::RewritesText(entries, not_verified);
  if (Status written = WriteOutput(flags.output, text); !written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  for (const auto& check : checks) {
    if (check.verdict == verify::RewriteCheck::Verdict::kDifferentRows) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void RegisterRewriteCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<RewriteFlags>();
  CLI::App* cmd = app->add_subcommand(
      "rewrite", "Rewrite workload queries into forms that plan better, proven on a scratch PostgreSQL (same rows, "
                 "cost and time before and after)");
  AddInputFlags(cmd, &flags->inputs);
  AddScratchFlags(cmd, &flags->scratch);
  cmd->add_option("--format", flags->format, "text, md or json")->check(CLI::IsMember({"text", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
