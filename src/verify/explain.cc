#include "verify/explain.h"

#include <fmt/format.h>

#include "sources/explain_json.h"

namespace dbarch::verify {
namespace {

constexpr const char* kStatementName = "dbarch_explain";

std::string ExplainPrefix(const ExplainOptions& options) {
  std::string prefix = "EXPLAIN (FORMAT JSON";
  if (options.analyze) {
    prefix += ", ANALYZE";
    if (!options.timing) prefix += ", TIMING OFF";
  }
  if (options.buffers) prefix += ", BUFFERS";
  return prefix + ") ";
}

Result<model::Plan> RunExplain(PgConnection& connection, const std::string& explain_sql) {
  auto result = connection.Query(explain_sql);
  if (!result.ok()) return result.status();
  if (result->rows() < 1 || result->columns() < 1) return Status::Internal("EXPLAIN returned no rows");
  auto plans = sources::ParseExplainJson(result->Get(0, 0), "EXPLAIN output");
  if (!plans.ok()) return Status::Internal("cannot read PostgreSQL's EXPLAIN output: " + plans.status().message());
  return std::move(plans->front());
}

// EXPLAIN ANALYZE executes the statement: writes are undone by running it in a transaction rolled back.
// *sql_state gets the SQLSTATE of the EXPLAIN itself (the ROLLBACK would clear the connection's).
Result<model::Plan> RunExplainGuarded(PgConnection& connection, const std::string& explain_sql, bool analyze,
                                      std::string* sql_state) {
  if (!analyze) {
    // In a caller's transaction a failed EXPLAIN (e.g. 42P02 for $n, retried as a prepared statement) must not
    // abort the transaction.
    const bool guarded = connection.InTransaction();
    if (guarded) DBARCH_RETURN_IF_ERROR(connection.Execute("SAVEPOINT dbarch_explain"));
    auto plan = RunExplain(connection, explain_sql);
    *sql_state = connection.sql_state();
    if (guarded) connection.Execute(plan.ok() ? "RELEASE SAVEPOINT dbarch_explain" : "ROLLBACK TO SAVEPOINT dbarch_explain");
    return plan;
  }
  DBARCH_RETURN_IF_ERROR(connection.Execute("BEGIN"));
  auto plan = RunExplain(connection, explain_sql);
  *sql_state = connection.sql_state();
  Status rollback = connection.Execute("ROLLBACK");
  if (plan.ok() && !rollback.ok()) return rollback;
  return plan;
}

}  // namespace

// DEALLOCATE of a statement that does not exist is an error, which would abort a caller's transaction.
static void DeallocateIfPrepared(PgConnection& connection) {
  auto exists = connection.Query(fmt::format("SELECT 1 FROM pg_prepared_statements WHERE name = '{}'", kStatementName));
  if (exists.ok() && exists->rows() > 0) connection.Execute(fmt::format("DEALLOCATE {}", kStatementName));
}

Result<std::vector<std::string>> ParameterTypes(PgConnection& connection, const std::string& sql) {
  DeallocateIfPrepared(connection);  // a leftover from a failed call
  DBARCH_RETURN_IF_ERROR(connection.Execute(fmt::format("PREPARE {} AS {}", kStatementName, sql)));
  auto types = connection.Query(fmt::format(
      "SELECT coalesce(array_to_string(parameter_types::text[], ','), '') AS types FROM pg_prepared_statements "
      "WHERE name = '{}'", kStatementName));
  connection.Execute(fmt::format("DEALLOCATE {}", kStatementName));
  if (!types.ok()) return types.status();
  std::vector<std::string> out;
  const std::string list = types->rows() > 0 ? types->Get(0, "types") : "";
  size_t start = 0;
  while (start < list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<ExplainResult> Explain(PgConnection& connection, const std::string& sql, const ExplainOptions& options) {
  ExplainResult result;
  if (options.parameters.empty()) {
    std::string sql_state;
    auto plan = RunExplainGuarded(connection, ExplainPrefix(options) + sql, options.analyze, &sql_state);
    if (plan.ok()) {
      result.plan = std::move(plan).value();
      return result;
    }
    // 42P02 undefined_parameter: the statement has $n placeholders; plan it as a prepared statement.
    if (sql_state != "42P02") return plan.status();
  }
  DeallocateIfPrepared(connection);
  DBARCH_RETURN_IF_ERROR(connection.Execute(fmt::format("PREPARE {} AS {}", kStatementName, sql)));
  auto count = connection.Query(fmt::format(
      "SELECT coalesce(cardinality(parameter_types), 0) AS n FROM pg_prepared_statements WHERE name = '{}'",
      kStatementName));
  if (!count.ok()) {
    connection.Execute(fmt::format("DEALLOCATE {}", kStatementName));
    return count.status();
  }
  result.parameter_count = static_cast<int>(count->GetInt(0, "n"));
  result.generic_plan = options.parameters.empty();
  std::string arguments;
  for (int i = 0; i < result.parameter_count; ++i) {
    if (i > 0) arguments += ", ";
    const bool given = static_cast<size_t>(i) < options.parameters.size() && options.parameters[i].has_value();
    arguments += given ? connection.QuoteLiteral(*options.parameters[i]) : "NULL";
  }
  const std::string execute =
      result.parameter_count > 0 ? fmt::format("EXECUTE {}({})", kStatementName, arguments)
                                 : fmt::format("EXECUTE {}", kStatementName);
  const char* mode = result.generic_plan ? "force_generic_plan" : "force_custom_plan";
  Status set_mode = connection.Execute(fmt::format("SET plan_cache_mode = {}", mode));
  std::string sql_state;
  auto plan = set_mode.ok() ? RunExplainGuarded(connection, ExplainPrefix(options) + execute, options.analyze, &sql_state)
                            : Result<model::Plan>(set_mode);
  connection.Execute("RESET plan_cache_mode");
  connection.Execute(fmt::format("DEALLOCATE {}", kStatementName));
  if (!plan.ok()) return plan.status();
  result.plan = std::move(plan).value();
  return result;
}

}  // namespace dbarch::verify
