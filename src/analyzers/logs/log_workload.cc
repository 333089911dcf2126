#include "analyzers/logs/log_workload.h"

#include <algorithm>

#include <fmt/format.h>

#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::analyzers::logs {

void AddLogQueries(const LogSummary& summary, const model::Catalog& catalog, model::Workload* workload,
                   std::vector<std::string>* notes) {
  int unparsed = 0, utility = 0;
  for (const QueryGroup& group : summary.queries) {
    if (!group.parsed || group.normalized.empty()) {
      ++unparsed;
      continue;
    }
    auto parsed = sql::ParseString("log:" + group.fingerprint, group.normalized);
    if (!parsed.ok() || parsed->statements.size() != 1) {
      // Several statements in one simple-protocol call ("BEGIN; UPDATE …; COMMIT") are not one query.
      ++unparsed;
      continue;
    }
    model::Query query = sources::AnalyzeQuery(parsed->statements.front(), catalog);
    if (query.kind == model::StatementKind::kOther) {
      ++utility;
      continue;
    }
    model::QueryObservation observed;
    observed.source = "log";
    observed.total_ms = static_cast<double>(group.total_us) / 1000.0;
    observed.mean_ms = group.mean_ms();
    observed.min_ms = static_cast<double>(group.min_us) / 1000.0;
    observed.max_ms = static_cast<double>(group.max_us) / 1000.0;
    observed.rows = group.plan_rows;
    const double calls = static_cast<double>(group.count);
    auto same = std::find_if(workload->queries.begin(), workload->queries.end(), [&](const model::Query& q) {
      return !q.fingerprint.empty() && q.fingerprint == query.fingerprint;
    });
    if (same != workload->queries.end()) {
      same->calls = calls;  // what the server ran replaces a file's guess
      same->observed = observed;
      continue;
    }
    query.calls = calls;
    query.observed = observed;
    workload->queries.push_back(std::move(query));
  }
  if (utility > 0) notes->push_back(fmt::format("{} logged utility statements (BEGIN, SET, …) are not part of the workload", utility));
  if (unparsed > 0)
    notes->push_back(fmt::format("{} logged statements did not parse as one query and were left out of the workload", unparsed));
}

}  // namespace dbarch::analyzers::logs
