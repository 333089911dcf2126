// The workload as the server saw it: pg_stat_statements' normalized statements with their calls, total and
// mean execution time and rows, analysed against the catalog like queries from files (model::Query, with
// `observed` filled). Read-only. Degrades to notes, never to an error, when the extension is missing from
// shared_preload_libraries or the database, or when the role may not see other users' statements.
#pragma once

#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/workload.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

struct PgStatStatementsOptions {
  int limit = 500;  // the statements with the most total execution time
  bool include_utility = false;  // BEGIN, SET, VACUUM, … are left out by default
};

// Adds the statements to *workload (merged by fingerprint with what is there). Notes explain what could not
// be read.
Status AddPgStatStatements(verify::PgConnection& connection, const model::Catalog& catalog,
                           const PgStatStatementsOptions& options, model::Workload* workload,
                           std::vector<std::string>* notes);

}  // namespace dbarch::sources
