// Logged queries as the workload model, so the index advisor and the report can use a production log as
// their workload (`dbarch index --log postgresql.log`, like Dexter's log input): each query group becomes a
// model::Query analysed against the catalog, with its executions as calls and the logged durations as what
// the server measured (`observed`, source "log"). Utility statements (BEGIN, SET, …) are left out.
#pragma once

#include <string>
#include <vector>

#include "analyzers/logs/log_summary.h"
#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers::logs {

// Adds (or merges by fingerprint into) *workload. The groups' examples must be parseable SQL: their normalized
// text is used. Notes say what was left out.
void AddLogQueries(const LogSummary& summary, const model::Catalog& catalog, model::Workload* workload,
                   std::vector<std::string>* notes);

}  // namespace dbarch::analyzers::logs
