#include "sources/explain_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "dbarch/location.h"

namespace dbarch::sources {
namespace {

using nlohmann::json;

std::string AsText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

std::optional<double> AsNumber(const json& value) {
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

std::vector<std::string> AsTextList(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const json& item : value) out.push_back(AsText(item));
  } else if (!value.is_null()) {
    out.push_back(AsText(value));
  }
  return out;
}

// Buffers appear as flat keys on the node ("Shared Hit Blocks", …) and on the top level under "Planning".
bool ReadBuffers(const json& object, model::PlanBuffers* buffers) {
  struct Field {
    const char* key;
    long long model::PlanBuffers::*member;
  };
  static constexpr Field kFields[] = {
      {"Shared Hit Blocks", &model::PlanBuffers::shared_hit},     {"Shared Read Blocks", &model::PlanBuffers::shared_read},
      {"Shared Dirtied Blocks", &model::PlanBuffers::shared_dirtied},
      {"Shared Written Blocks", &model::PlanBuffers::shared_written},
      {"Local Hit Blocks", &model::PlanBuffers::local_hit},       {"Local Read Blocks", &model::PlanBuffers::local_read},
      {"Local Dirtied Blocks", &model::PlanBuffers::local_dirtied},
      {"Local Written Blocks", &model::PlanBuffers::local_written},
      {"Temp Read Blocks", &model::PlanBuffers::temp_read},       {"Temp Written Blocks", &model::PlanBuffers::temp_written},
  };
  bool any = false;
  for (const Field& field : kFields) {
    auto it = object.find(field.key);
    if (it != object.end() && it->is_number()) {
      buffers->*field.member = it->get<long long>();
      any = true;
    }
  }
  if (auto it = object.find("I/O Read Time"); it != object.end() && it->is_number()) buffers->io_read_ms = it->get<double>();
  if (auto it = object.find("I/O Write Time"); it != object.end() && it->is_number()) buffers->io_write_ms = it->get<double>();
  return any;
}

bool IsBufferKey(const std::string& key) {
  return key.ends_with(" Blocks") || key == "I/O Read Time" || key == "I/O Write Time";
}

Status ReadNode(const json& object, model::PlanNode* node, int depth) {
  if (!object.is_object()) return Status::InvalidInput("a plan node is not a JSON object");
  if (depth > 1000) return Status::InvalidInput("plan nested deeper than 1000 levels");
  model::PlanBuffers buffers;
  if (ReadBuffers(object, &buffers)) node->buffers = buffers;
  for (const auto& [key, value] : object.items()) {
    if (key == "Plans") {
      if (!value.is_array()) return Status::InvalidInput("\"Plans\" is not an array");
      for (const json& child : value) {
        model::PlanNode child_node;
        DBARCH_RETURN_IF_ERROR(ReadNode(child, &child_node, depth + 1));
        node->children.push_back(std::move(child_node));
      }
    } else if (key == "Node Type") {
      node->node_type = AsText(value);
    } else if (key == "Parent Relationship") {
      node->parent_relationship = AsText(value);
    } else if (key == "Subplan Name") {
      node->subplan_name = AsText(value);
    } else if (key == "Relation Name") {
      node->relation = AsText(value);
    } else if (key == "Schema") {
      node->schema = AsText(value);
    } else if (key == "Alias") {
      node->alias = AsText(value);
    } else if (key == "Index Name") {
      node->index_name = AsText(value);
    } else if (key == "Join Type") {
      node->join_type = AsText(value);
    } else if (key == "Strategy") {
      node->strategy = AsText(value);
    } else if (key == "Scan Direction") {
      node->scan_direction = AsText(value);
    } else if (key == "Parallel Aware") {
      node->parallel_aware = value.is_boolean() && value.get<bool>();
    } else if (key == "Startup Cost") {
      node->startup_cost = AsNumber(value).value_or(0);
    } else if (key == "Total Cost") {
      node->total_cost = AsNumber(value).value_or(0);
    } else if (key == "Plan Rows") {
      node->plan_rows = AsNumber(value).value_or(0);
    } else if (key == "Plan Width") {
      node->plan_width = static_cast<int>(AsNumber(value).value_or(0));
    } else if (key == "Actual Startup Time") {
      node->actual_startup_ms = AsNumber(value);
    } else if (key == "Actual Total Time") {
      node->actual_total_ms = AsNumber(value);
    } else if (key == "Actual Rows") {
      node->actual_rows = AsNumber(value);
    } else if (key == "Actual Loops") {
      node->actual_loops = AsNumber(value);
    } else if (key == "Filter") {
      node->filter = AsText(value);
    } else if (key == "Index Cond") {
      node->index_cond = AsText(value);
    } else if (key == "Recheck Cond") {
      node->recheck_cond = AsText(value);
    } else if (key == "Join Filter") {
      node->join_filter = AsText(value);
    } else if (key == "Hash Cond") {
      node->hash_cond = AsText(value);
    } else if (key == "Merge Cond") {
      node->merge_cond = AsText(value);
    } else if (key == "One-Time Filter") {
      node->one_time_filter = AsText(value);
    } else if (key == "Sort Key") {
      node->sort_key = AsTextList(value);
    } else if (key == "Group Key") {
      node->group_key = AsTextList(value);
    } else if (key == "Output") {
      node->output = AsTextList(value);
    } else if (key == "Rows Removed by Filter") {
      node->rows_removed_by_filter = AsNumber(value);
    } else if (key == "Rows Removed by Index Recheck") {
      node->rows_removed_by_index_recheck = AsNumber(value);
    } else if (key == "Rows Removed by Join Filter") {
      node->rows_removed_by_join_filter = AsNumber(value);
    } else if (key == "Heap Fetches") {
      node->heap_fetches = AsNumber(value);
    } else if (key == "Exact Heap Blocks") {
      node->exact_heap_blocks = AsNumber(value);
    } else if (key == "Lossy Heap Blocks") {
      node->lossy_heap_blocks = AsNumber(value);
    } else if (key == "Sort Method") {
      node->sort_method = AsText(value);
    } else if (key == "Sort Space Type") {
      node->sort_space_type = AsText(value);
    } else if (key == "Sort Space Used") {
      node->sort_space_used_kb = AsNumber(value);
    } else if (key == "Hash Batches") {
      node->hash_batches = AsNumber(value);
    } else if (key == "Original Hash Batches") {
      node->original_hash_batches = AsNumber(value);
    } else if (key == "Peak Memory Usage") {
      node->peak_memory_usage_kb = AsNumber(value);
    } else if (key == "Workers Planned") {
      if (auto number = AsNumber(value)) node->workers_planned = static_cast<int>(*number);
    } else if (key == "Workers Launched") {
      if (auto number = AsNumber(value)) node->workers_launched = static_cast<int>(*number);
    } else if (key == "Subplans Removed") {
      if (auto number = AsNumber(value)) node->subplans_removed = static_cast<int>(*number);
    } else if (!IsBufferKey(key)) {
      node->other[key] = AsText(value);
    }
  }
  if (node->node_type.empty()) return Status::InvalidInput("a plan node has no \"Node Type\"");
  return Status::Ok();
}

Status ReadPlan(const json& object, model::Plan* plan) {
  if (!object.is_object()) return Status::InvalidInput("expected a JSON object with a \"Plan\" key");
  auto root = object.find("Plan");
  if (root == object.end()) return Status::InvalidInput("expected a \"Plan\" key (is this EXPLAIN (FORMAT JSON) output?)");
  DBARCH_RETURN_IF_ERROR(ReadNode(*root, &plan->root, 0));
  if (auto it = object.find("Planning Time"); it != object.end()) plan->planning_ms = AsNumber(*it);
  if (auto it = object.find("Execution Time"); it != object.end()) plan->execution_ms = AsNumber(*it);
  if (auto it = object.find("Query Text"); it != object.end()) plan->query_text = AsText(*it);
  if (auto it = object.find("Planning"); it != object.end() && it->is_object()) {
    model::PlanBuffers buffers;
    if (ReadBuffers(*it, &buffers)) plan->planning_buffers = buffers;
  }
  if (auto it = object.find("Settings"); it != object.end() && it->is_object()) {
    for (const auto& [name, value] : it->items()) plan->settings[name] = AsText(value);
  }
  if (auto it = object.find("Triggers"); it != object.end() && it->is_array()) {
    for (const json& trigger : *it) {
      model::PlanTrigger entry;
      entry.name = AsText(trigger.value("Trigger Name", json()));
      entry.relation = AsText(trigger.value("Relation", json()));
      entry.time_ms = AsNumber(trigger.value("Time", json())).value_or(0);
      entry.calls = AsNumber(trigger.value("Calls", json())).value_or(0);
      plan->triggers.push_back(std::move(entry));
    }
  }
  if (auto it = object.find("JIT"); it != object.end() && it->is_object()) {
    if (auto functions = AsNumber(it->value("Functions", json()))) plan->jit_functions = static_cast<int>(*functions);
    if (auto timing = it->find("Timing"); timing != it->end() && timing->is_object()) {
      auto phase = [&](const char* key) -> std::optional<double> {
        auto entry = timing->find(key);
        if (entry == timing->end()) return std::nullopt;
        if (entry->is_object()) return AsNumber(entry->value("Total", json()));  // PostgreSQL 15: {"Total": …}
        return AsNumber(*entry);
      };
      plan->jit_generation_ms = phase("Generation");
      plan->jit_inlining_ms = phase("Inlining");
      plan->jit_optimization_ms = phase("Optimization");
      plan->jit_emission_ms = phase("Emission");
      plan->jit_total_ms = phase("Total");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<model::Plan>> ParseExplainJson(std::string_view text, const std::string& name) {
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // nlohmann reports a 1-based byte offset; turn it into line:column.
    SourceLocation where;
    where.file = name;
    where.line = 1;
    where.column = 1;
    const size_t offset = error.byte > 0 ? std::min<size_t>(error.byte - 1, text.size()) : 0;
    for (size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++where.line;
        where.column = 1;
      } else {
        ++where.column;
      }
    }
    std::string message = error.what();
    if (const size_t colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
    return Status::InvalidInput(fmt::format("malformed EXPLAIN JSON: {}", message), where);
  } catch (const json::exception& error) {
    // A number that does not fit a double (1E400) is out_of_range, not parse_error; nlohmann gives no offset.
    std::string message = error.what();
    if (const size_t bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
    SourceLocation where;
    where.file = name;
    return Status::InvalidInput(fmt::format("malformed EXPLAIN JSON: {}", message), where);
  }
  std::vector<model::Plan> plans;
  auto read = [&](const json& object) -> Status {
    model::Plan plan;
    Status status = ReadPlan(object, &plan);
    if (!status.ok()) {
      SourceLocation where;
      where.file = name;
      return Status::InvalidInput(status.message(), where);
    }
    plans.push_back(std::move(plan));
    return Status::Ok();
  };
  if (document.is_array()) {
    for (const json& object : document) DBARCH_RETURN_IF_ERROR(read(object));
  } else {
    DBARCH_RETURN_IF_ERROR(read(document));
  }
  if (plans.empty()) return Status::InvalidInput("no plan in EXPLAIN JSON", SourceLocation{name});
  return plans;
}

}  // namespace dbarch::sources
