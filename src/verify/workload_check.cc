#include "verify/workload_check.h"

#include "analyzers/plan_analysis.h"
#include "verify/explain.h"

#include <chrono>

namespace dbarch::verify {

WorkloadCheck CheckWorkload(ScratchEnvironment& environment, const model::Workload& workload,
                            const WorkloadCheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  WorkloadCheck check;
  std::vector<CostRequest> requests;
  for (const model::Query& query : workload.queries) requests.push_back({query.text, query.tables, {}});
  const int64_t total = static_cast<int64_t>(requests.size()) * (options.measure ? 2 : 1);
  if (options.progress) options.progress(0, total);
  std::vector<Result<CostEstimate>> costs = environment.whatif().CostAll(requests);
  int64_t done = static_cast<int64_t>(requests.size());
  if (options.progress) options.progress(done, total);

  // Timings run one at a time on their own connection: parallel runs would slow each other down.
  std::optional<PgConnection> timing_connection;
  if (options.measure) {
    auto connection = environment.Connect();
    if (connection.ok()) timing_connection = std::move(connection).value();
  }
  for (size_t i = 0; i < workload.queries.size(); ++i) {
    const model::Query& query = workload.queries[i];
    QueryCheck entry;
    entry.fingerprint = query.fingerprint;
    if (!costs[i].ok()) {
      entry.error = costs[i].status().message();
    } else {
      entry.planned = true;
      entry.total_cost = costs[i]->total_cost;
      entry.estimated_rows = costs[i]->rows;
      entry.generic_plan = costs[i]->generic_plan;
      entry.plan_outline = costs[i]->plan.Outline();
      entry.indexes_used = costs[i]->indexes_used;
    }
    if (entry.planned && timing_connection) {
      auto parameters = SampleParameters(*timing_connection, query, query.text, static_cast<unsigned>(i) + 1);
      auto timing = parameters.ok() ? TimeStatement(*timing_connection, query.text, *parameters, options.timing)
                                    : Result<TimingSummary>(parameters.status());
      if (timing.ok()) {
        entry.timing = std::move(timing).value();
        ExplainOptions analyze;
        analyze.analyze = true;
        analyze.buffers = true;
        analyze.parameters = *parameters;
        if (auto executed = Explain(*timing_connection, query.text, analyze); executed.ok()) {
          entry.analyzed_plan = executed->plan.Outline();
          for (auto& finding : analyzers::AnalyzePlan(executed->plan)) {
            if (finding.rule_id == "plan/dominant-node") continue;
            finding.location = query.occurrences.empty() ? SourceLocation{} : query.occurrences.front();
            entry.plan_findings.push_back(std::move(finding));
          }
        }
      } else {
        entry.timing_error = timing.status().message();
      }
    }
    if (options.measure && options.progress) options.progress(++done, total);
    check.queries.push_back(std::move(entry));
  }
  check.counters = environment.whatif().counters();
  check.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return check;
}

}  // namespace dbarch::verify
