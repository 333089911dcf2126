// Reads EXPLAIN output in PostgreSQL's text format — with or without ANALYZE, BUFFERS, TIMING, VERBOSE,
// SETTINGS, COSTS — into the same plan model as explain_json.h. Accepts what people paste: psql's "QUERY PLAN"
// header, its "(n rows)" footer and "+" wrap markers, and auto_explain's tab-indented plans with their
// "Query Text:" line. Several plans in one file are returned in order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"
#include "model/plan.h"

namespace dbarch::sources {

// `name` names the input in error messages (name:line:column).
Result<std::vector<model::Plan>> ParseExplainText(std::string_view text, const std::string& name = "<explain>");

// JSON when the first non-blank character is '[' or '{', text otherwise.
Result<std::vector<model::Plan>> ParseExplain(std::string_view text, const std::string& name = "<explain>");

}  // namespace dbarch::sources
