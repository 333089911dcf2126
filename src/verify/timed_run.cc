#include "verify/timed_run.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "verify/explain.h"

namespace dbarch::verify {

double Percentile(std::vector<double> samples, double fraction) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double position = fraction * static_cast<double>(samples.size() - 1);
  const size_t lower = static_cast<size_t>(std::floor(position));
  const size_t upper = static_cast<size_t>(std::ceil(position));
  const double weight = position - static_cast<double>(lower);
  return samples[lower] * (1 - weight) + samples[upper] * weight;
}

Result<TimingSummary> TimeStatement(PgConnection& connection, const std::string& sql,
                                    const std::vector<std::optional<std::string>>& parameters,
                                    const TimingOptions& options) {
  ExplainOptions explain;
  explain.analyze = true;
  explain.timing = false;
  explain.parameters = parameters;
  TimingSummary summary;
  summary.parameters = parameters;
  for (int run = 0; run < options.warmup + options.repetitions; ++run) {
    auto result = Explain(connection, sql, explain);
    if (!result.ok()) return result.status();
    if (run < options.warmup) continue;
    summary.samples_ms.push_back(result->plan.execution_ms.value_or(0));
    if (run + 1 == options.warmup + options.repetitions) summary.executed_plan = result->plan.Outline();
  }
  summary.runs = static_cast<int>(summary.samples_ms.size());
  if (summary.runs == 0) return summary;
  summary.median_ms = Percentile(summary.samples_ms, 0.5);
  summary.p25_ms = Percentile(summary.samples_ms, 0.25);
  summary.p75_ms = Percentile(summary.samples_ms, 0.75);
  summary.min_ms = *std::min_element(summary.samples_ms.begin(), summary.samples_ms.end());
  summary.max_ms = *std::max_element(summary.samples_ms.begin(), summary.samples_ms.end());
  return summary;
}

namespace {

// Text for types with no natural neutral value; accepted by every string-like type.
constexpr const char* kNoNeutralValue = "a";

std::string NeutralValue(const std::string& type) {
  if (type == "integer" || type == "bigint" || type == "smallint" || type == "numeric" || type == "real" ||
      type == "double precision" || type == "money") {
    return "10";
  }
  if (type == "boolean") return "true";
  if (type.starts_with("timestamp") || type == "date") return "now";
  if (type == "uuid") return "00000000-0000-0000-0000-000000000000";
  if (type == "jsonb" || type == "json") return "{}";
  if (type.ends_with("[]")) return "{}";
  return kNoNeutralValue;
}

// A domain's neutral value is its base type's (a domain of integer gets 10, not "a"); other types as they are.
std::string NeutralValueOf(PgConnection& connection, const std::string& type) {
  std::string resolved = type;
  for (int depth = 0; depth < 4 && NeutralValue(resolved) == kNoNeutralValue; ++depth) {
    auto base = connection.QueryParams(
        "SELECT format_type(typbasetype, NULL) AS base FROM pg_type WHERE oid = $1::regtype AND typtype = 'd'",
        {resolved});
    if (!base.ok() || base->rows() != 1) break;
    resolved = base->Get(0, "base");
  }
  return NeutralValue(resolved);
}

}  // namespace

Result<std::vector<std::optional<std::string>>> SampleParameters(PgConnection& connection, const model::Query& query,
                                                                 const std::string& sql, unsigned seed) {
  auto types = ParameterTypes(connection, sql);
  if (!types.ok()) return types.status();
  std::vector<std::optional<std::string>> values(types->size());
  std::map<int, const model::Predicate*> by_parameter;
  for (const model::Predicate& predicate : query.predicates) {
    if (predicate.parameter > 0 && !predicate.column.table.name.empty() && predicate.expression.empty()) {
      by_parameter.emplace(predicate.parameter, &predicate);
    }
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::string& type = (*types)[i];
    auto it = by_parameter.find(number);
    if (it != by_parameter.end()) {
      const model::Predicate& predicate = *it->second;
      // A row picked by position among the first thousand non-null values: cheap on any table size.
      auto sampled = connection.Query(fmt::format(
          "SELECT {0}::text AS value FROM {1} WHERE {0} IS NOT NULL OFFSET ({2} % greatest(1, least(1000, "
          "(SELECT count(*) FROM (SELECT 1 FROM {1} WHERE {0} IS NOT NULL LIMIT 1000) s)))) LIMIT 1",
          connection.QuoteIdentifier(predicate.column.column), predicate.column.table.ToSql(),
          (seed * 2654435761u + static_cast<unsigned>(number) * 40503u) % 1000003u));
      if (sampled.ok() && sampled->rows() == 1) {
        std::string value = sampled->Get(0, "value");
        if (predicate.op == "LIKE" || predicate.op == "ILIKE") {
          value = value.substr(0, std::min<size_t>(3, value.size())) + "%";
        } else if (type.ends_with("[]")) {
          value = "{\"" + value + "\"}";
        }
        values[i] = value;
        continue;
      }
    }
    values[i] = query.has_parameter_offset && type == "bigint" && number == static_cast<int>(values.size())
                    ? "0"
                    : NeutralValueOf(connection, type);
  }
  return values;
}

}  // namespace dbarch::verify
