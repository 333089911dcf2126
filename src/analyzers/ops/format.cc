// How ops advice cites its evidence: counts with separators, statements on one line with their weight and
// where they were written.
#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "common/text.h"
#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

std::string FormatCount(double value) {
  if (value < 10 && std::fabs(value - std::round(value)) > 1e-9) return fmt::format("{:.1f}", value);
  std::string digits = fmt::format("{:.0f}", value);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0 && std::isdigit(static_cast<unsigned char>(digits[i - 1]))) out += ',';
    out += digits[i];
  }
  return out;
}

std::string OneLine(const std::string& text, size_t max_chars) {
  std::string out = CollapseWhitespace(text);
  if (out.size() > max_chars) out = out.substr(0, max_chars - 3) + "...";
  return out;
}

std::string DescribeQuery(const model::Query& query) {
  std::string out = "`" + OneLine(query.text) + "`";
  out += fmt::format(" ({}, {} calls/h", model::StatementKindName(query.kind), FormatCount(query.calls));
  if (!query.label.empty()) out += ", \"" + query.label + "\"";
  if (!query.occurrences.empty() && query.occurrences.front().known()) {
    out += ", " + query.occurrences.front().ToString();
  }
  return out + ")";
}

std::vector<const model::Query*> QueriesByCalls(const model::Workload& workload) {
  std::vector<const model::Query*> out;
  for (const auto& q : workload.queries) out.push_back(&q);
  std::stable_sort(out.begin(), out.end(),
                   [](const model::Query* a, const model::Query* b) { return a->calls > b->calls; });
  return out;
}

bool IsTimeType(const model::TypeName& type) {
  return type.array_dims == 0 && (type.name == "timestamp with time zone" || type.name == "timestamp without time zone" ||
                                  type.name == "date");
}

bool IsToastableType(const model::TypeName& type) {
  if (type.array_dims > 0) return true;
  static const std::set<std::string> kVarlena = {"text", "jsonb", "json", "bytea", "xml", "character varying",
                                                 "tsvector"};
  return kVarlena.count(type.name) > 0;
}

double SlowQueryWarningMs(double calls_per_hour) {
  if (calls_per_hour <= 0) return 1000;
  // 5 % of one core for an hour = 180 s of execution spread over the calls.
  double ms = 0.05 * 3600.0 * 1000.0 / calls_per_hour;
  ms = std::clamp(ms, 1.0, 1000.0);
  // Thresholds are read by people: one decimal below 10 ms, whole milliseconds above.
  return ms < 10 ? std::round(ms * 10) / 10 : std::round(ms);
}

}  // namespace dbarch::analyzers::ops
