// Plans one statement on a connection: EXPLAIN (FORMAT JSON), optionally with ANALYZE and BUFFERS. A
// statement with $n parameters is planned as PostgreSQL would plan it from a driver's prepared statement:
// PREPARE + plan_cache_mode = force_generic_plan + EXPLAIN EXECUTE, or with the given parameter values.
// EXPLAIN ANALYZE of a statement that writes runs inside a transaction that is rolled back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/plan.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct ExplainOptions {
  bool analyze = false;
  bool buffers = false;
  bool timing = true;  // with analyze: per-node timing (costs overhead on fast nodes)
  // Values for $1…$n (text form, nullopt = NULL). Empty: a generic plan (parameters unknown to the planner).
  std::vector<std::optional<std::string>> parameters;
};

struct ExplainResult {
  model::Plan plan;
  bool generic_plan = false;  // planned without parameter values
  int parameter_count = 0;
};

// kInvalidInput with PostgreSQL's message when the statement cannot be planned (syntax, unknown relation,
// a utility statement EXPLAIN does not accept, …).
Result<ExplainResult> Explain(PgConnection& connection, const std::string& sql, const ExplainOptions& options = {});

// Number of $n parameters PostgreSQL infers for a statement, and their types ("integer", "text", …).
Result<std::vector<std::string>> ParameterTypes(PgConnection& connection, const std::string& sql);

}  // namespace dbarch::verify
