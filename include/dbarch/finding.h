// Finding: everything an analyzer says. Analyzers never print; renderers turn findings into text,
// JSON, SARIF and report sections.
#pragma once

#include <string>
#include <vector>

#include "dbarch/location.h"
#include "dbarch/severity.h"

namespace dbarch {

struct Finding {
  std::string rule_id;       // stable, category-prefixed kebab-case, e.g. "schema/missing-primary-key"
  Severity severity = Severity::kWarning;
  SourceLocation location;   // where the offending object or statement was defined
  std::string object;        // the schema object concerned, e.g. "public.orders" or "public.orders.customer_id"
  std::string message;       // one sentence: what is wrong
  std::string explanation;   // why it matters and what the fix does
  std::vector<std::string> evidence;  // facts supporting the finding (other objects, statistics, queries)
  std::string fix_sql;       // the fix as SQL; empty when there is no mechanical fix
};

using Findings = std::vector<Finding>;

// The unit of the report's advice. A recommendation that was not verified says so.
struct Recommendation {
  std::string what_sql;
  std::string why;
  std::vector<std::string> evidence;   // costs/timings before and after
  enum class Verification { kNotVerified, kPlannerCost, kMeasured } verified = Verification::kNotVerified;
  std::string how_verified;            // free text: what was run where
};

}  // namespace dbarch
