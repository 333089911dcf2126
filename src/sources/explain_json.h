// Reads EXPLAIN (FORMAT JSON) output — with or without ANALYZE, BUFFERS, TIMING, VERBOSE, SETTINGS, WAL —
// and auto_explain's JSON into the plan model. Unknown properties are kept in PlanNode::other, so a newer
// PostgreSQL's output still loads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"
#include "model/plan.h"

namespace dbarch::sources {

// `text` is the whole output: a JSON array of plan objects (what EXPLAIN prints) or a single plan object
// (auto_explain). `name` names the input in error messages, which give line:column of malformed JSON.
Result<std::vector<model::Plan>> ParseExplainJson(std::string_view text, const std::string& name = "<explain>");

}  // namespace dbarch::sources
