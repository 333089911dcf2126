// `dbarch index`: indexes to add and drop for the workload, chosen by what-if costs on the scratch cluster and
// proven there by building them and timing the queries they help.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "analyzers/index_advisor/budget.h"
#include "cli/scratch_flags.h"
#include "report/index_advice_text.h"
#include "verify/index_advisor_run.h"

namespace dbarch::cli {
namespace {

struct IndexFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;
  std::string format = "text";
  std::string output;
};

int Run(const IndexFlags& flags, const GlobalOptions& global) {
  if (auto budget = analyzers::ParseIndexBudget(flags.scratch.budget); !budget.ok()) {
    std::cerr << budget.status().ToString() << "\n";
    return budget.status().ExitCode();
  }
  auto inputs = LoadInputs(flags.inputs, flags.scratch, global);
  if (!inputs.ok()) {
    std::cerr << inputs.status().ToString() << "\n";
    return inputs.status().ExitCode();
  }
  PrintDiagnostics(inputs->project.diagnostics, global);
  if (!inputs->project.has_workload() && global.verbosity() != Verbosity::kQuiet) {
    std::cerr << "warning: no workload queries were given: only drops can be proposed (give .sql query files, "
                 "--workload, or --db with pg_stat_statements)\n";
  }
  const model::Statistics* live = inputs->live_statistics ? &*inputs->live_statistics : nullptr;
  analyzers::IndexAdvice advice;
  if (flags.scratch.no_verify) {
    advice = verify::AdviseIndexDropsOnly(inputs->project.catalog, live, "--no-verify was given");
  } else {
    ScratchRunOptions run_options;
    run_options.check_workload = false;
    run_options.check_rewrites = false;
    run_options.check_summaries = false;
    ScratchRun run = RunScratch(inputs->project.catalog, inputs->project.workload, live, flags.scratch, global,
                                run_options);
    advice = std::move(run.index_advice);
    if (!advice.ran && global.verbosity() != Verbosity::kQuiet)
      std::cerr << "warning: no scratch PostgreSQL: " << advice.not_run_reason << "\n";
  }
  std::string text = flags.format == "json"  ? report::IndexAdviceJson(advice).dump(2) + "\n"
                     : flags.format == "sql" ? report::IndexAdviceSql(advice)
                                             : report::IndexAdviceText(advice);
  Status written = WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return kExitOk;
}

}  // namespace

void RegisterIndexCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<IndexFlags>();
  CLI::App* cmd = app->add_subcommand(
      "index", "Recommend indexes to add and drop for the workload, verified on a scratch PostgreSQL");
  AddInputFlags(cmd, &flags->inputs);
  AddScratchFlags(cmd, &flags->scratch);
  cmd->add_option("--format", flags->format, "text, json or sql (a migration script)")
      ->check(CLI::IsMember({"text", "json", "sql"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
