// Turns workload statements (.sql files of the queries an application runs) into model::Query entries,
// grouped by libpg_query fingerprint, and resolves every table and column they touch against the Catalog.
//
// Frequency comes from a comment directly above the statement: `-- calls: N` or `-- weight: N`
// (default 1); `-- name: label` names the query. Occurrences with the same fingerprint are merged and
// their calls summed. Unresolved tables/columns become diagnostics on the query ("unresolved-table",
// "unresolved-column", "ambiguous-column"). DDL statements in a workload file are ignored with a warning.
#pragma once

#include "dbarch/diagnostic.h"
#include "model/catalog.h"
#include "model/workload.h"
#include "sql/parser.h"

namespace dbarch::sources {

// Adds each statement of a parsed file to the workload.
void AddWorkloadFile(const sql::ParsedFile& file, const model::Catalog& catalog, model::Workload* workload);

// Analyses one statement against the catalog (without grouping). Exposed for tests and for other inputs
// (pg_stat_statements, logs) that bring their own weights.
model::Query AnalyzeQuery(const sql::Statement& statement, const model::Catalog& catalog);
// The same without the fingerprint and the normalized text (each one more parse of the statement's text), for
// callers that only need the query's shape — its tables, columns, predicates, joins and sort keys (lint rules).
model::Query AnalyzeQueryShape(const sql::Statement& statement, const model::Catalog& catalog);

}  // namespace dbarch::sources
