#include "sources/workload_loader.h"

#include "sources/workload/comment_directives.h"
#include "sources/workload/query_walker.h"

namespace dbarch::sources {

namespace {

// Statements a workload may contain (possibly wrapped in EXPLAIN / PREPARE / DECLARE CURSOR).
bool IsQuery(const pg_query::Node& node) {
  switch (node.node_case()) {
    case pg_query::Node::kSelectStmt:
    case pg_query::Node::kInsertStmt:
    case pg_query::Node::kUpdateStmt:
    case pg_query::Node::kDeleteStmt:
    case pg_query::Node::kMergeStmt:
      return true;
    case pg_query::Node::kExplainStmt: return IsQuery(node.explain_stmt().query());
    case pg_query::Node::kPrepareStmt: return IsQuery(node.prepare_stmt().query());
    case pg_query::Node::kDeclareCursorStmt: return IsQuery(node.declare_cursor_stmt().query());
    default:
      return false;
  }
}

}  // namespace

model::Query AnalyzeQueryShape(const sql::Statement& statement, const model::Catalog& catalog) {
  model::Query query;
  query.text = statement.text;
  query.occurrences.push_back(statement.location);
  workload::QueryWalker walker(catalog, statement, &query);
  walker.Walk();
  return query;
}

model::Query AnalyzeQuery(const sql::Statement& statement, const model::Catalog& catalog) {
  model::Query query = AnalyzeQueryShape(statement, catalog);
  auto fingerprint = sql::Fingerprint(statement.text);
  if (fingerprint.ok()) query.fingerprint = *fingerprint;
  auto normalized = sql::Normalize(statement.text);
  query.normalized = normalized.ok() ? *normalized : statement.text;
  return query;
}

void AddWorkloadFile(const sql::ParsedFile& file, const model::Catalog& catalog, model::Workload* workload) {
  for (const auto& statement : file.statements) {
    if (!IsQuery(statement.node)) {
      workload->diagnostics.push_back({Severity::kWarning, statement.location, "not-a-query",
                                       "statement is not a query (SELECT, INSERT, UPDATE, DELETE or MERGE); "
                                       "ignored in the workload"});
      continue;
    }
    auto directives = workload::ParseCommentDirectives(statement.leading_comments);
    for (const auto& problem : directives.problems) {
      workload->diagnostics.push_back({Severity::kWarning, statement.location, "invalid-weight", problem});
    }
    double calls = directives.calls.value_or(1.0);

    auto fingerprint = sql::Fingerprint(statement.text);
    if (fingerprint.ok()) {
      auto same = std::find_if(workload->queries.begin(), workload->queries.end(),
                               [&](const model::Query& q) { return q.fingerprint == *fingerprint; });
      if (same != workload->queries.end()) {
        // The same query again (other constants, other spacing): one entry, more calls.
        same->calls += calls;
        same->occurrences.push_back(statement.location);
        if (same->label.empty()) same->label = directives.label;
        continue;
      }
    }
    model::Query query = AnalyzeQuery(statement, catalog);
    query.calls = calls;
    query.label = directives.label;
    workload->queries.push_back(std::move(query));
  }
}

}  // namespace dbarch::sources
