#include "verify/denormalize_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "verify/explain.h"

namespace dbarch::verify {
namespace {

using analyzers::RangeParameter;

double ElapsedMs(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Result<double> TimedExecute(PgConnection& connection, const std::string& sql) {
  const auto start = std::chrono::steady_clock::now();
  if (Status st = connection.Execute(sql); !st.ok()) return st;
  return ElapsedMs(start);
}

std::string DescribeParameters(const std::vector<std::optional<std::string>>& parameters) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < parameters.size(); ++i) {
    parts.push_back(fmt::format("${} = {}", i + 1, parameters[i] ? *parameters[i] : "NULL"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// Sampled values, with the range's parameters made useful: window lengths that reach into the data, and
// lower ≤ upper.
Result<std::vector<std::optional<std::string>>> RangeSample(PgConnection& connection, const model::Query& query,
                                                            const analyzers::SummaryProposal& proposal, int sample) {
  auto parameters = SampleParameters(connection, query, proposal.original_sql, static_cast<unsigned>(sample) + 1);
  if (!parameters.ok()) return parameters.status();
  auto types = ParameterTypes(connection, proposal.original_sql);
  if (!types.ok()) return types.status();
  int lower = 0, upper = 0;
  for (const RangeParameter& p : proposal.range_parameters) {
    if (p.number < 1 || static_cast<size_t>(p.number) > parameters->size()) continue;
    if (p.role == RangeParameter::Role::kWindow) {
      (*parameters)[p.number - 1] = WindowParameterValue((*types)[p.number - 1], sample);
    } else {
      (p.role == RangeParameter::Role::kLowerBound ? lower : upper) = p.number;
    }
  }
  // The last sample spans (nearly) all the data, its bounds off midnight: the case a summary is for.
  const size_t dot = proposal.time_column.rfind('.');
  if (sample == 2 && (lower > 0 || upper > 0) && dot != std::string::npos) {
    const std::string column = connection.QuoteIdentifier(proposal.time_column.substr(dot + 1));
    auto span = connection.Query(fmt::format(
        "SELECT (min({0}) + interval '7 hours 13 minutes')::text AS low, (max({0}) - interval '5 hours 7 minutes')::text "
        "AS high FROM {1}",
        column, proposal.time_column.substr(0, dot)));
    if (span.ok() && span->rows() == 1 && !span->IsNull(0, 0)) {
      if (lower > 0) (*parameters)[lower - 1] = span->Get(0, "low");
      if (upper > 0) (*parameters)[upper - 1] = span->Get(0, "high");
    }
  }
  if (lower > 0 && upper > 0 && (*parameters)[lower - 1] && (*parameters)[upper - 1]) {
    auto swapped = connection.QueryParams(fmt::format("SELECT (CAST($1 AS {0}) > CAST($2 AS {0}))::text AS swapped",
                                                      proposal.time_type),
                                          {(*parameters)[lower - 1], (*parameters)[upper - 1]});
    if (swapped.ok() && swapped->rows() == 1 && swapped->Get(0, "swapped") == "true") {
      std::swap((*parameters)[lower - 1], (*parameters)[upper - 1]);
    }
  }
  return parameters;
}

Result<long long> CountRows(PgConnection& connection, const std::string& relation) {
  auto result = connection.Query("SELECT count(*)::text AS n FROM " + relation);
  if (!result.ok()) return result.status();
  return std::stoll(result->Get(0, "n"));
}

}  // namespace

std::string WindowParameterValue(const std::string& type, int sample) {
  static const int kDays[] = {30, 400, 3000};
  const int days = kDays[std::clamp(sample, 0, 2)];
  if (type == "interval") return fmt::format("{} days", days);
  return std::to_string(days);
}

SummaryCheck CheckSummary(PgConnection& connection, const model::Query& query,
                          const analyzers::SummaryProposal& proposal, const SummaryCheckOptions& options) {
  SummaryCheck check;
  check.fingerprint = proposal.fingerprint;
  check.summary_name = proposal.summary_name;
  const std::string relation = proposal.summary_name;
  if (proposal.reuses_existing) {
    // The scratch copy of the schema was created before the data: fill the existing view once.
    if (Status st = connection.Execute("REFRESH MATERIALIZED VIEW " + relation); !st.ok()) {
      check.error = "refreshing the existing materialized view failed: " + st.message();
      return check;
    }
  } else {
    auto created = TimedExecute(connection, proposal.create_sql);
    if (!created.ok()) {
      check.error = "creating the summary failed: " + created.status().message();
      return check;
    }
    check.create_ms = *created;
  }
  auto drop = [&] {
    if (!proposal.reuses_existing) (void)connection.Execute("DROP MATERIALIZED VIEW IF EXISTS " + relation);
    if (!proposal.supporting_index_name.empty()) {
      (void)connection.Execute("DROP INDEX IF EXISTS " + proposal.supporting_index_name);
    }
  };
  if (!proposal.supporting_index_sql.empty()) {
    if (Status st = connection.Execute(proposal.supporting_index_sql); !st.ok()) {
      check.error = "creating the index for the partial days failed: " + st.message();
      drop();
      return check;
    }
  }
  (void)connection.Execute("ANALYZE " + relation);
  std::vector<double> refresh;
  for (int i = 0; i < std::max(1, options.refresh_runs); ++i) {
    auto ms = TimedExecute(connection, proposal.refresh_sql);
    if (!ms.ok()) {
      check.error = "refreshing the summary failed: " + ms.status().message();
      drop();
      return check;
    }
    refresh.push_back(*ms);
  }
  check.refresh_runs = static_cast<int>(refresh.size());
  check.refresh_ms = Percentile(refresh, 0.5);
  if (auto size = connection.Query("SELECT pg_total_relation_size('" + relation + "'::regclass)::text AS bytes");
      size.ok() && size->rows() == 1) {
    check.summary_bytes = std::stoll(size->Get(0, "bytes"));
  }
  if (auto n = CountRows(connection, relation); n.ok()) check.summary_rows = *n;
  if (auto n = CountRows(connection, proposal.fact_table); n.ok()) check.fact_rows = *n;

  const std::string& original = proposal.compare_original_sql.empty() ? proposal.original_sql
                                                                       : proposal.compare_original_sql;
  const std::string& rewritten = proposal.compare_rewritten_sql.empty() ? proposal.rewritten_sql
                                                                        : proposal.compare_rewritten_sql;
  std::vector<std::optional<std::string>> widest;
  long long widest_rows = -1;
  check.same_rows = true;
  for (int sample = 0; sample < std::max(1, options.samples); ++sample) {
    auto parameters = RangeSample(connection, query, proposal, sample);
    if (!parameters.ok()) {
      check.error = "no parameter values: " + parameters.status().message();
      drop();
      return check;
    }
    auto before = DigestRows(connection, original, *parameters);
    auto after = DigestRows(connection, rewritten, *parameters);
    if (!before.ok() || !after.ok()) {
      check.error = (before.ok() ? "the rewritten query failed: " + after.status().message()
                                 : "the original query failed: " + before.status().message());
      drop();
      return check;
    }
    ++check.samples;
    check.parameter_sets.push_back(DescribeParameters(*parameters));
    if (before->rows >= widest_rows) {
      widest_rows = before->rows;
      widest = *parameters;
    }
    if (before->rows != after->rows || before->md5 != after->md5) {
      check.same_rows = false;
      check.difference = fmt::format("with {}: {} rows before, {} after{}", DescribeParameters(*parameters),
                                     before->rows, after->rows, before->rows == after->rows ? " (different rows)" : "");
      break;
    }
  }
  check.rows = std::max(0LL, widest_rows);
  ExplainOptions explain;
  explain.parameters = widest;
  auto plan_before = Explain(connection, proposal.original_sql, explain);
  auto plan_after = Explain(connection, proposal.rewritten_sql, explain);
  if (!plan_before.ok() || !plan_after.ok()) {
    check.error = "EXPLAIN failed: " + (plan_before.ok() ? plan_after.status() : plan_before.status()).message();
    drop();
    return check;
  }
  check.cost_before = plan_before->plan.TotalCost();
  check.cost_after = plan_after->plan.TotalCost();
  check.plan_before = plan_before->plan.Outline();
  check.plan_after = plan_after->plan.Outline();
  auto time_before = TimeStatement(connection, proposal.original_sql, widest, options.timing);
  auto time_after = TimeStatement(connection, proposal.rewritten_sql, widest, options.timing);
  if (time_before.ok()) check.before = std::move(time_before).value();
  if (time_after.ok()) check.after = std::move(time_after).value();
  drop();
  check.ran = true;
  check.verdict = check.same_rows ? JudgeSpeed(check.before, check.after, check.cost_before, check.cost_after)
                                  : RewriteCheck::Verdict::kDifferentRows;
  check.recommended = check.verdict == RewriteCheck::Verdict::kFaster;
  return check;
}

std::vector<SummaryCheck> CheckSummaries(ScratchEnvironment& environment, const model::Workload& workload,
                                         const analyzers::DenormalizationAdvice& advice,
                                         const SummaryCheckOptions& options) {
  std::vector<SummaryCheck> out;
  if (advice.proposals.empty()) return out;
  auto connection = environment.Connect();
  int64_t done = 0;
  for (const auto& proposal : advice.proposals) {
    SummaryCheck check;
    const model::Query* query = workload.FindByFingerprint(proposal.fingerprint);
    if (!connection.ok() || query == nullptr) {
      check.fingerprint = proposal.fingerprint;
      check.summary_name = proposal.summary_name;
      check.error = connection.ok() ? "the query is not in the workload" : connection.status().message();
    } else {
      check = CheckSummary(*connection, *query, proposal, options);
    }
    out.push_back(std::move(check));
    if (options.progress) options.progress(++done, static_cast<int64_t>(advice.proposals.size()));
  }
  return out;
}

}  // namespace dbarch::verify
