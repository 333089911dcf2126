// `dbarch explain FILE…`: reads captured EXPLAIN output (text or JSON, with or without ANALYZE; psql's
// decorations and auto_explain's indentation are fine) and says what is slow, why, and how to fix it.
#include <iostream>

#include <fmt/format.h>

#include "analyzers/plan_analysis.h"
#include "cli/cli_common.h"
#include "report/plan_text.h"
#include "sources/explain_text.h"
#include "sql/source_text.h"

namespace dbarch::cli {
namespace {

struct ExplainFlags {
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
  std::string fail_on = "never";
};

int Run(const ExplainFlags& flags, const GlobalOptions&) {
  std::vector<report::AnalyzedPlan> analyzed;
  bool failing = false;
  for (const std::string& file : flags.files) {
    auto source = sql::SourceText::ReadFile(file);
    if (!source.ok()) {
      std::cerr << source.status().ToString() << "\n";
      return source.status().ExitCode();
    }
    auto plans = sources::ParseExplain(source->content(), source->name());
    if (!plans.ok()) {
      std::cerr << "error: " << plans.status().message() << "\n";
      return plans.status().ExitCode();
    }
    for (size_t i = 0; i < plans->size(); ++i) {
      report::AnalyzedPlan entry;
      entry.source = plans->size() == 1 ? source->name() : fmt::format("{} (plan {})", source->name(), i + 1);
      entry.plan = std::move((*plans)[i]);
      entry.findings = analyzers::AnalyzePlan(entry.plan);
      for (const Finding& finding : entry.findings) {
        failing = failing || (flags.fail_on == "warning" && finding.severity >= Severity::kWarning) ||
                  (flags.fail_on == "info");
      }
      analyzed.push_back(std::move(entry));
    }
  }
  const std::string text = flags.format == "json" ? report::PlanAnalysisJson(analyzed).dump(2) + "\n"
                                                  : report::PlanAnalysisText(analyzed);
  if (Status written = WriteOutput(flags.output, text); !written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  return failing ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterExplainCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* cmd = app->add_subcommand(
      "explain", "Analyze captured EXPLAIN output (text or JSON): the hot path, misestimates, spills, and fixes");
  cmd->add_option("files", flags->files, "EXPLAIN output files ('-' for standard input)")->required();
  cmd->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_option("--fail-on", flags->fail_on, "exit 1 when a finding of this severity or above is found")
      ->check(CLI::IsMember({"never", "info", "warning"}));
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
