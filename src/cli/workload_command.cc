// `dbarch workload`: the workload model — queries grouped by fingerprint, weighted, resolved.
#include <fmt/format.h>

#include "cli/cli_common.h"
#include "model/model_json.h"

namespace dbarch::cli {
namespace {

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

}  // namespace

void RegisterWorkloadCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  RegisterProjectViewCommand(app, global, exit_code, "workload", "Show the workload model: queries, weights and what they touch",
                             [](const sources::LoadedProject& project, const std::string& format) {
                               return format == "json" ? model::ToJson(project.workload).dump(2) + "\n"
                                                       : TextSummary(project.workload);
                             });
}

}  // namespace dbarch::cli
