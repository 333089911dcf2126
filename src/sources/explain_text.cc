#include "sources/explain_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "sources/explain_json.h"

namespace dbarch::sources {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::optional<double> Number(std::string_view text) {
  text = Trim(text);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

// "hit=1 read=2" → the number after `key=`, if present.
std::optional<double> Field(std::string_view text, std::string_view key) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    const bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    if (word_start && at + key.size() < text.size() && text[at + key.size()] == '=') {
      std::string_view rest = text.substr(at + key.size() + 1);
      size_t length = 0;
      while (length < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[length])) || rest[length] == '.')) {
        ++length;
      }
      return Number(rest.substr(0, length));
    }
    at += key.size();
  }
  return std::nullopt;
}

// "Memory: 25kB" style: the number following `key` (after optional ':' and spaces).
std::optional<double> After(std::string_view text, std::string_view key) {
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(at + key.size());
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
  size_t length = 0;
  while (length < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[length])) || rest[length] == '.')) ++length;
  return Number(rest.substr(0, length));
}

// Splits "a, f(b, c), d" at top-level commas.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  int depth = 0;
  bool quoted = false;
  std::string current;
  for (char c : text) {
    if (c == '\'') quoted = !quoted;
    if (!quoted && (c == '(' || c == '[')) ++depth;
    if (!quoted && (c == ')' || c == ']')) --depth;
    if (!quoted && depth == 0 && c == ',') {
      items.emplace_back(Trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!Trim(current).empty()) items.emplace_back(Trim(current));
  return items;
}

// "Buffers: shared hit=1 read=2, local hit=3, temp read=4 written=5" and
// "I/O Timings: shared/local read=1.2 write=0.3" (PostgreSQL 15) or "I/O Timings: read=1.2" (earlier).
void ReadBuffersLine(std::string_view text, model::PlanBuffers* buffers) {
  for (const std::string& part : SplitList(text)) {
    std::string_view group = part;
    auto set = [&](long long* target, std::string_view key) {
      if (auto value = Field(group, key)) *target = static_cast<long long>(*value);
    };
    if (group.starts_with("shared")) {
      set(&buffers->shared_hit, "hit");
      set(&buffers->shared_read, "read");
      set(&buffers->shared_dirtied, "dirtied");
      set(&buffers->shared_written, "written");
    } else if (group.starts_with("local")) {
      set(&buffers->local_hit, "hit");
      set(&buffers->local_read, "read");
      set(&buffers->local_dirtied, "dirtied");
      set(&buffers->local_written, "written");
    } else if (group.starts_with("temp")) {
      set(&buffers->temp_read, "read");
      set(&buffers->temp_written, "written");
    }
  }
}

void ReadIoTimings(std::string_view text, model::PlanBuffers* buffers) {
  // Temp I/O timings (PostgreSQL 15+) are not separated in the model; shared/local ones are what matter.
  std::string_view shared = text.substr(0, text.find("temp"));
  if (auto read = Field(shared, "read")) buffers->io_read_ms = *read;
  if (auto write = Field(shared, "write")) buffers->io_write_ms = *write;
}

// The parenthesised estimate and measurement at the end of a node line.
void ReadCostsAndActuals(std::string_view text, model::PlanNode* node) {
  if (size_t at = text.find("(cost="); at != std::string_view::npos) {
    std::string_view costs = text.substr(at + 6, text.find(')', at) - at - 6);
    const size_t dots = costs.find("..");
    if (dots != std::string_view::npos) {
      node->startup_cost = Number(costs.substr(0, dots)).value_or(0);
      size_t end = costs.find(' ', dots);
      node->total_cost = Number(costs.substr(dots + 2, end - dots - 2)).value_or(0);
    }
    node->plan_rows = Field(costs, "rows").value_or(0);
    node->plan_width = static_cast<int>(Field(costs, "width").value_or(0));
  }
  if (size_t at = text.find("(actual"); at != std::string_view::npos) {
    std::string_view actual = text.substr(at, text.find(')', at) - at);
    if (size_t time = actual.find("time="); time != std::string_view::npos) {
      std::string_view times = actual.substr(time + 5);
      const size_t dots = times.find("..");
      if (dots != std::string_view::npos) {
        node->actual_startup_ms = Number(times.substr(0, dots));
        node->actual_total_ms = Number(times.substr(dots + 2, times.find(' ', dots) - dots - 2));
      }
    }
    node->actual_rows = Field(actual, "rows");
    node->actual_loops = Field(actual, "loops");
  } else if (text.find("(never executed)") != std::string_view::npos) {
    node->actual_loops = 0;
    node->actual_rows = 0;
  }
}

// "rel alias" or "schema.rel alias" after " on ".
void ReadRelation(std::string_view target, model::PlanNode* node) {
  target = Trim(target);
  const size_t space = target.find(' ');
  std::string_view relation = target.substr(0, space);
  if (space != std::string_view::npos) node->alias = std::string(Trim(target.substr(space + 1)));
  if (const size_t dot = relation.find('.'); dot != std::string_view::npos && !relation.starts_with('"')) {
    node->schema = std::string(relation.substr(0, dot));
    relation = relation.substr(dot + 1);
  }
  node->relation = std::string(relation);
  if (node->alias.empty()) node->alias = node->relation;
}

// The label before the costs: "Parallel Index Only Scan Backward using idx on public.t x", "Hash Left Join",
// "Partial HashAggregate", "Update on t", "Bitmap Index Scan on idx" … into type, relation, index and flags.
void ReadLabel(std::string_view label, model::PlanNode* node) {
  label = Trim(label);
  if (label.starts_with("Parallel ")) {
    node->parallel_aware = true;
    label.remove_prefix(9);
  }
  for (std::string_view mode : {"Partial ", "Finalize "}) {
    if (label.starts_with(mode)) {
      node->other["Partial Mode"] = std::string(Trim(mode));
      label.remove_prefix(mode.size());
    }
  }
  std::string_view target;
  std::string_view index;
  if (size_t using_at = label.find(" using "); using_at != std::string_view::npos) {
    std::string_view rest = label.substr(using_at + 7);
    const size_t on = rest.find(" on ");
    index = rest.substr(0, on);
    if (on != std::string_view::npos) target = rest.substr(on + 4);
    label = label.substr(0, using_at);
  } else if (size_t on = label.find(" on "); on != std::string_view::npos) {
    target = label.substr(on + 4);
    label = label.substr(0, on);
  }
  if (label.ends_with(" Backward")) {
    node->scan_direction = "Backward";
    label.remove_suffix(9);
  } else if (label.find("Index") != std::string_view::npos && label.ends_with("Scan")) {
    node->scan_direction = "Forward";
  }
  std::string type(label);
  static const std::pair<const char*, const char*> kModify[] = {
      {"Insert", "Insert"}, {"Update", "Update"}, {"Delete", "Delete"}, {"Merge", "Merge"}};
  for (const auto& [word, operation] : kModify) {
    if (type == word) {
      type = "ModifyTable";
      node->other["Operation"] = operation;
    }
  }
  for (const char* join : {"Hash", "Merge", "Nested Loop"}) {
    const std::string prefix = std::string(join) + " ";
    if (!type.starts_with(prefix) || !type.ends_with("Join")) continue;
    std::string kind = type.substr(prefix.size(), type.size() - prefix.size() - 4);
    kind = std::string(Trim(kind));
    node->join_type = kind.empty() ? "Inner" : kind;
    type = std::string(join) == "Nested Loop" ? "Nested Loop" : std::string(join) + " Join";
  }
  if (type == "Nested Loop" && node->join_type.empty()) node->join_type = "Inner";
  if (type == "HashAggregate") node->strategy = "Hashed", type = "Aggregate";
  if (type == "GroupAggregate") node->strategy = "Sorted", type = "Aggregate";
  if (type == "MixedAggregate") node->strategy = "Mixed", type = "Aggregate";
  if (type == "Aggregate" && node->strategy.empty()) node->strategy = "Plain";
  if (type.starts_with("HashSetOp")) node->strategy = "Hashed", type = "SetOp";
  if (type.starts_with("SetOp ")) node->strategy = "Sorted", type = "SetOp";
  node->node_type = type;
  if (!index.empty()) node->index_name = std::string(Trim(index));
  if (type == "Bitmap Index Scan") {
    node->index_name = std::string(Trim(target));  // "Bitmap Index Scan on idx": the target is the index
  } else if (!target.empty()) {
    ReadRelation(target, node);
  }
}

bool IsPropertyKeyChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '/' || c == '_';
}

// "Key: value" → (key, value); nullopt when the line is not a property.
std::optional<std::pair<std::string_view, std::string_view>> SplitProperty(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view key = line.substr(0, colon);
  // Trigger names can hold anything; other keys are words.
  if (!key.starts_with("Trigger ") && !std::all_of(key.begin(), key.end(), IsPropertyKeyChar)) return std::nullopt;
  if (colon + 1 < line.size() && line[colon + 1] != ' ') return std::nullopt;  // "a::int" is not a property
  return std::make_pair(key, Trim(line.substr(colon + 1)));
}

void ReadNodeProperty(std::string_view key, std::string_view value, model::PlanNode* node) {
  auto text = [&] { return std::string(value); };
  if (key == "Filter") node->filter = text();
  else if (key == "Index Cond") node->index_cond = text();
  else if (key == "Recheck Cond") node->recheck_cond = text();
  else if (key == "Join Filter") node->join_filter = text();
  else if (key == "Hash Cond") node->hash_cond = text();
  else if (key == "Merge Cond") node->merge_cond = text();
  else if (key == "One-Time Filter") node->one_time_filter = text();
  else if (key == "Sort Key") node->sort_key = SplitList(value);
  else if (key == "Group Key") node->group_key = SplitList(value);
  else if (key == "Output") node->output = SplitList(value);
  else if (key == "Rows Removed by Filter") node->rows_removed_by_filter = Number(value);
  else if (key == "Rows Removed by Index Recheck") node->rows_removed_by_index_recheck = Number(value);
  else if (key == "Rows Removed by Join Filter") node->rows_removed_by_join_filter = Number(value);
  else if (key == "Heap Fetches") node->heap_fetches = Number(value);
  else if (key == "Heap Blocks") {
    node->exact_heap_blocks = Field(value, "exact");
    node->lossy_heap_blocks = Field(value, "lossy");
  } else if (key == "Sort Method") {
    // "quicksort  Memory: 25kB", "external merge  Disk: 1234kB"
    const size_t gap = value.find("  ");
    node->sort_method = std::string(Trim(value.substr(0, gap)));
    if (value.find("Disk:") != std::string_view::npos) {
      node->sort_space_type = "Disk";
      node->sort_space_used_kb = After(value, "Disk:");
    } else if (value.find("Memory:") != std::string_view::npos) {
      node->sort_space_type = "Memory";
      node->sort_space_used_kb = After(value, "Memory:");
    }
  } else if (key == "Buckets") {
    // "1024 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 4096kB"
    node->other["Hash Buckets"] = std::string(Trim(value.substr(0, value.find(' '))));
    if (auto batches = After(value, "Batches:")) {
      node->hash_batches = batches;
      const size_t at = value.find("Batches:");
      std::string_view rest = value.substr(at);
      const size_t originally = rest.find("(originally ");
      const size_t next = rest.find("Memory");
      node->original_hash_batches =
          originally != std::string_view::npos && originally < next ? After(rest, "(originally") : batches;
    }
    node->peak_memory_usage_kb = After(value, "Memory Usage:");
  } else if (key == "Workers Planned") {
    if (auto number = Number(value)) node->workers_planned = static_cast<int>(*number);
  } else if (key == "Workers Launched") {
    if (auto number = Number(value)) node->workers_launched = static_cast<int>(*number);
  } else if (key == "Subplans Removed") {
    if (auto number = Number(value)) node->subplans_removed = static_cast<int>(*number);
  } else if (key == "Buffers") {
    if (!node->buffers) node->buffers = model::PlanBuffers{};
    ReadBuffersLine(value, &*node->buffers);
  } else if (key == "I/O Timings") {
    if (!node->buffers) node->buffers = model::PlanBuffers{};
    ReadIoTimings(value, &*node->buffers);
  } else {
    std::string& slot = node->other[std::string(key)];
    slot = slot.empty() ? text() : slot + "; " + text();
  }
}

struct Line {
  int number = 0;      // 1-based line in the input
  int indent = 0;      // columns before the text
  std::string_view text;
};

// Drops psql decoration and normalises indentation (tabs of auto_explain count as 8 columns).
std::vector<Line> PlanLines(std::string_view input, std::vector<std::string>* storage) {
  std::vector<Line> lines;
  int number = 0;
  size_t start = 0;
  storage->reserve(std::count(input.begin(), input.end(), '\n') + 1);
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view raw = input.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string expanded;
    for (char c : raw) {
      if (c == '\t') expanded.append(8 - expanded.size() % 8, ' ');
      else expanded += c;
    }
    std::string_view view = expanded;
    while (!view.empty() && view.back() == ' ') view.remove_suffix(1);
    if (view.ends_with('+')) view.remove_suffix(1);  // psql's wrap marker in aligned output
    while (!view.empty() && view.back() == ' ') view.remove_suffix(1);
    std::string_view trimmed = Trim(view);
    if (trimmed.empty() || trimmed == "QUERY PLAN" || trimmed.find_first_not_of('-') == std::string_view::npos ||
        (trimmed.front() == '(' && (trimmed.ends_with(" rows)") || trimmed.ends_with(" row)")))) {
      if (start > input.size()) break;
      continue;
    }
    storage->push_back(std::string(view));
    std::string_view kept = storage->back();
    Line line;
    line.number = number;
    line.indent = static_cast<int>(kept.find_first_not_of(' '));
    line.text = kept.substr(line.indent);
    lines.push_back(line);
    if (start > input.size()) break;
  }
  return lines;
}

// A plan's first line: costs or timings in parentheses, or (COSTS OFF) a node type PostgreSQL prints.
bool LooksLikeNode(std::string_view text) {
  if (text.find("(cost=") != std::string_view::npos || text.find("(actual ") != std::string_view::npos ||
      text.find("(never executed)") != std::string_view::npos) {
    return true;
  }
  static constexpr std::string_view kTypes[] = {
      "Seq Scan", "Index ", "Bitmap", "Hash", "Merge", "Nested Loop", "Aggregate", "GroupAggregate", "MixedAggregate",
      "Sort", "Incremental Sort", "Limit", "Gather", "Append", "Result", "Materialize", "Memoize", "Unique",
      "WindowAgg", "SetOp", "LockRows", "Subquery Scan", "CTE Scan", "Function Scan", "Values Scan", "WorkTable Scan",
      "Tid ", "Foreign Scan", "Sample Scan", "Custom Scan", "Recursive Union", "Insert on", "Update on", "Delete on",
      "ProjectSet", "Table Function Scan", "Named Tuplestore Scan", "Parallel ", "Partial ", "Finalize ", "Group"};
  for (std::string_view type : kTypes) {
    if (text.starts_with(type)) return true;
  }
  return false;
}

bool IsSubplanHeader(std::string_view text) {
  return text.starts_with("SubPlan ") || text.starts_with("InitPlan ") || text.starts_with("CTE ");
}

class TextPlanParser {
 public:
  explicit TextPlanParser(const std::string& name) : name_(name) {}

  Result<std::vector<model::Plan>> Parse(std::string_view input) {
    std::vector<std::string> storage;
    const std::vector<Line> lines = PlanLines(input, &storage);
    for (const Line& line : lines) DBARCH_RETURN_IF_ERROR(Consume(line));
    if (plan_started_) Finish();
    if (plans_.empty()) return Status::InvalidInput(fmt::format("{}: no EXPLAIN plan found", name_));
    return std::move(plans_);
  }

 private:
  struct Open {
    int body = 0;                       // column where this node's properties and children's arrows start
    model::PlanNode* node = nullptr;
    std::string header;                 // set for a "SubPlan 1" / "InitPlan 1" / "CTE x" marker
  };

  Status Error(const Line& line, const std::string& message) const {
    return Status::InvalidInput(fmt::format("{}:{}:{}: {}", name_, line.number, line.indent + 1, message));
  }

  void Finish() {
    plans_.push_back(std::move(plan_));
    plan_ = model::Plan{};
    plan_started_ = false;
    root_set_ = false;
    stack_.clear();
    block_.clear();
  }

  Status Consume(const Line& line) {
    std::string_view text = line.text;
    const bool arrow = text.starts_with("->");
    if (arrow) return Child(line, Trim(text.substr(2)), line.indent);

    // A new root: a line at the root's column that is not a property (or a plan after a finished one).
    auto property = SplitProperty(text);
    if (property && property->first == "Query Text" && root_set_ && line.indent <= root_indent_) Finish();
    const bool at_top = !root_set_ || line.indent <= root_indent_;
    if (!property && !IsSubplanHeader(text) && at_top && LooksLikeNode(text)) {
      if (root_set_) Finish();
      return Root(line);
    }
    if (!root_set_) {
      // Properties before the root: auto_explain's "Query Text:", or garbage.
      if (property && property->first == "Query Text") {
        plan_started_ = true;
        plan_.query_text = std::string(property->second);
        query_text_indent_ = line.indent;
        return Status::Ok();
      }
      if (plan_started_ && !plan_.query_text.empty() && line.indent > query_text_indent_) {
        plan_.query_text += "\n" + std::string(text);  // a multi-line query text
        return Status::Ok();
      }
      return Error(line, "expected a plan node (\"Seq Scan on t  (cost=…)\") or \"Query Text:\"");
    }
    if (line.indent <= root_indent_) {
      if (!property) return Error(line, "expected \"Property: value\" after the plan tree");
      return TopLevel(line, property->first, property->second);
    }
    if (!block_.empty()) {
      if (!property) return Error(line, fmt::format("expected \"Property: value\" in the {} block", block_));
      return BlockProperty(property->first, property->second);
    }
    if (IsSubplanHeader(text)) {
      while (stack_.size() > 1 && stack_.back().body > line.indent) stack_.pop_back();
      model::PlanNode* parent = stack_.back().node;
      stack_.push_back({line.indent + 2, parent, std::string(text)});
      return Status::Ok();
    }
    if (!property) return Error(line, "expected \"->  Node\" or \"Property: value\"");
    while (stack_.size() > 1 && stack_.back().body > line.indent) stack_.pop_back();
    // Skip markers: a property belongs to the nearest real node.
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->header.empty()) {
        ReadNodeProperty(property->first, property->second, it->node);
        return Status::Ok();
      }
    }
    return Error(line, "a property outside any plan node");
  }

  Status Root(const Line& line) {
    plan_started_ = true;
    root_set_ = true;
    root_indent_ = line.indent;
    DBARCH_RETURN_IF_ERROR(ReadNodeLine(line, line.text, &plan_.root));
    stack_.clear();
    stack_.push_back({line.indent + 2, &plan_.root, ""});
    return Status::Ok();
  }

  Status Child(const Line& line, std::string_view text, int arrow_column) {
    if (!root_set_) return Error(line, "a \"->\" node before the plan's first node");
    block_.clear();
    while (stack_.size() > 1 && stack_.back().body > arrow_column) stack_.pop_back();
    Open parent = stack_.back();
    model::PlanNode child;
    DBARCH_RETURN_IF_ERROR(ReadNodeLine(line, text, &child));
    if (!parent.header.empty()) {
      // "SubPlan 1" → parent relationship SubPlan; "InitPlan 1 (returns $0)" → InitPlan; "CTE x" → InitPlan.
      child.parent_relationship = parent.header.starts_with("SubPlan") ? "SubPlan" : "InitPlan";
      child.subplan_name = parent.header;
      if (const size_t paren = child.subplan_name.find(" ("); paren != std::string::npos) {
        child.subplan_name.resize(paren);
      }
      stack_.pop_back();  // one node per marker
    } else {
      child.parent_relationship = RelationshipFor(*parent.node);
    }
    // Only ancestors stay open, and they live in vectors this push does not touch: their pointers stay valid.
    parent.node->children.push_back(std::move(child));
    stack_.push_back({arrow_column + 6, &parent.node->children.back(), ""});
    return Status::Ok();
  }

  // The relationship JSON would give: the first child of a join is Outer, the second Inner; Append members.
  static std::string RelationshipFor(const model::PlanNode& parent) {
    if (parent.node_type == "Append" || parent.node_type == "Merge Append") return "Member";
    int ordinary = 0;
    for (const model::PlanNode& child : parent.children) {
      if (child.parent_relationship == "Outer" || child.parent_relationship == "Inner") ++ordinary;
    }
    return ordinary == 0 ? "Outer" : "Inner";
  }

  Status ReadNodeLine(const Line& line, std::string_view text, model::PlanNode* node) {
    size_t label_end = text.find("  (");
    if (label_end == std::string_view::npos) label_end = text.find(" (cost=");
    if (label_end == std::string_view::npos) label_end = text.find(" (actual");
    if (label_end == std::string_view::npos) label_end = text.find(" (never executed)");
    std::string_view label = text.substr(0, label_end);
    if (label.empty()) return Error(line, "a plan node without a name");
    ReadLabel(label, node);
    if (label_end != std::string_view::npos) ReadCostsAndActuals(text.substr(label_end), node);
    if (node->node_type.empty()) return Error(line, "a plan node without a type");
    return Status::Ok();
  }

  Status TopLevel(const Line& line, std::string_view key, std::string_view value) {
    block_.clear();
    if (key == "Planning Time") {
      plan_.planning_ms = After(value, "");
    } else if (key == "Execution Time") {
      plan_.execution_ms = After(value, "");
    } else if (key == "Planning" || key == "JIT") {
      if (!value.empty()) return Error(line, fmt::format("expected \"{}:\" alone on its line", key));
      block_ = std::string(key);
    } else if (key == "Settings") {
      for (const std::string& setting : SplitList(value)) {
        const size_t equals = setting.find(" = ");
        if (equals == std::string::npos) continue;
        std::string setting_value = setting.substr(equals + 3);
        if (setting_value.size() >= 2 && setting_value.front() == '\'' && setting_value.back() == '\'') {
          setting_value = setting_value.substr(1, setting_value.size() - 2);
        }
        plan_.settings[setting.substr(0, equals)] = setting_value;
      }
    } else if (key.starts_with("Trigger ")) {
      model::PlanTrigger trigger;
      trigger.name = std::string(key.substr(8));
      if (const size_t on = trigger.name.find(" on "); on != std::string::npos) {
        trigger.relation = trigger.name.substr(on + 4);
        trigger.name.resize(on);
      }
      trigger.time_ms = Field(value, "time").value_or(0);
      trigger.calls = Field(value, "calls").value_or(0);
      plan_.triggers.push_back(std::move(trigger));
    } else if (key == "Query Text") {
      plan_.query_text = std::string(value);
    }
    // Other top-level lines ("Query Identifier", "Memory") carry nothing the analyses use.
    return Status::Ok();
  }

  Status BlockProperty(std::string_view key, std::string_view value) {
    if (block_ == "Planning" && key == "Buffers") {
      if (!plan_.planning_buffers) plan_.planning_buffers = model::PlanBuffers{};
      ReadBuffersLine(value, &*plan_.planning_buffers);
    } else if (block_ == "JIT" && key == "Functions") {
      if (auto functions = Number(value)) plan_.jit_functions = static_cast<int>(*functions);
    } else if (block_ == "JIT" && key == "Timing") {
      // "Generation 0.5 ms, Inlining 0.0 ms, Optimization 0.3 ms, Emission 4.4 ms, Total 5.2 ms"
      plan_.jit_generation_ms = After(value, "Generation");
      plan_.jit_inlining_ms = After(value, "Inlining");
      plan_.jit_optimization_ms = After(value, "Optimization");
      plan_.jit_emission_ms = After(value, "Emission");
      plan_.jit_total_ms = After(value, "Total");
    }
    return Status::Ok();
  }

  std::string name_;
  std::vector<model::Plan> plans_;
  model::Plan plan_;
  bool plan_started_ = false;
  bool root_set_ = false;
  int root_indent_ = 0;
  int query_text_indent_ = 0;
  std::vector<Open> stack_;
  std::string block_;  // "Planning" or "JIT" while reading its indented lines
};

}  // namespace

Result<std::vector<model::Plan>> ParseExplainText(std::string_view text, const std::string& name) {
  return TextPlanParser(name).Parse(text);
}

Result<std::vector<model::Plan>> ParseExplain(std::string_view text, const std::string& name) {
  // psql prints JSON plans in a "QUERY PLAN" table too: without its decoration (line numbers kept), the
  // first character tells the format.
  std::string undecorated;
  std::vector<std::string> storage;
  const std::vector<Line> lines = PlanLines(text, &storage);
  int current = 1;
  for (const Line& line : lines) {
    while (current < line.number) undecorated += '\n', ++current;
    undecorated += std::string(line.indent, ' ') + std::string(line.text);
  }
  const size_t first = undecorated.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (undecorated[first] == '[' || undecorated[first] == '{')) {
    return ParseExplainJson(undecorated, name);
  }
  return ParseExplainText(text, name);
}

}  // namespace dbarch::sources
