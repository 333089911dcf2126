// JSON of the workload model (see model_json.h). Keys follow the C++ field names; empty lists, false
// flags and unset optionals are left out.
#include <cmath>

#include "model/model_json.h"

namespace dbarch::model {

namespace {

// "public.orders.id"; just the column name when it did not resolve to a table.
nlohmann::json ColumnJson(const ColumnRef& column) {
  if (column.table.name.empty()) return column.column;
  return column.ToString();
}

nlohmann::json ColumnListJson(const std::vector<ColumnRef>& columns) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : columns) out.push_back(ColumnJson(c));
  return out;
}

// Whole numbers print without a fraction ("200", not "200.0") so snapshots read naturally.
nlohmann::json NumberJson(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return static_cast<long long>(value);
  return value;
}

std::string_view OperandName(Predicate::Operand operand) {
  switch (operand) {
    case Predicate::Operand::kParameter: return "parameter";
    case Predicate::Operand::kConstant: return "constant";
    case Predicate::Operand::kColumn: return "column";
    case Predicate::Operand::kSubquery: return "subquery";
    case Predicate::Operand::kNone: return "none";
    case Predicate::Operand::kOther: return "other";
  }
  return "other";
}

nlohmann::json PredicateJson(const Predicate& p) {
  nlohmann::json j;
  j["column"] = ColumnJson(p.column);
  j["op"] = p.op;
  if (!p.expression.empty()) j["expression"] = p.expression;
  j["operand"] = OperandName(p.operand);
  if (!p.constant.empty()) j["constant"] = p.constant;
  if (p.negated) j["negated"] = true;
  if (p.in_or) j["in_or"] = true;
  j["clause"] = p.clause;
  return j;
}

nlohmann::json JoinJson(const JoinCondition& join) {
  return {{"left", ColumnJson(join.left)}, {"right", ColumnJson(join.right)}, {"op", join.op},
          {"type", join.join_type}};
}

nlohmann::json OrderJson(const OrderItem& item) {
  nlohmann::json j;
  if (!item.column.column.empty()) j["column"] = ColumnJson(item.column);
  if (!item.expression.empty()) j["expression"] = item.expression;
  if (item.descending) j["descending"] = true;
  if (item.nulls_first) j["nulls_first"] = *item.nulls_first;
  return j;
}

}  // namespace

nlohmann::json ToJson(const Query& query) {
  nlohmann::json j;
  j["fingerprint"] = query.fingerprint;
  j["kind"] = StatementKindName(query.kind);
  if (!query.label.empty()) j["label"] = query.label;
  j["calls"] = NumberJson(query.calls);
  j["text"] = query.text;
  j["normalized"] = query.normalized;
  if (!query.occurrences.empty()) {
    nlohmann::json occurrences = nlohmann::json::array();
    for (const auto& location : query.occurrences) occurrences.push_back(ToJson(location));
    j["occurrences"] = occurrences;
  }
  if (!query.tables.empty()) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : query.tables) tables.push_back(t.ToString());
    j["tables"] = tables;
  }
  if (query.target) j["target"] = query.target->ToString();
  if (!query.predicates.empty()) {
    nlohmann::json predicates = nlohmann::json::array();
    for (const auto& p : query.predicates) predicates.push_back(PredicateJson(p));
    j["predicates"] = predicates;
  }
  if (!query.joins.empty()) {
    nlohmann::json joins = nlohmann::json::array();
    for (const auto& join : query.joins) joins.push_back(JoinJson(join));
    j["joins"] = joins;
  }
  if (!query.order_by.empty()) {
    nlohmann::json order = nlohmann::json::array();
    for (const auto& item : query.order_by) order.push_back(OrderJson(item));
    j["order_by"] = order;
  }
  if (!query.group_by.empty()) j["group_by"] = ColumnListJson(query.group_by);
  if (!query.select_columns.empty()) j["select_columns"] = ColumnListJson(query.select_columns);
  if (!query.set_columns.empty()) j["set_columns"] = ColumnListJson(query.set_columns);
  if (!query.conflict_columns.empty()) j["conflict_columns"] = ColumnListJson(query.conflict_columns);
  if (query.select_star) j["select_star"] = true;
  if (query.limit) j["limit"] = *query.limit;
  if (query.offset) j["offset"] = *query.offset;
  if (query.has_parameter_limit) j["has_parameter_limit"] = true;
  if (query.has_parameter_offset) j["has_parameter_offset"] = true;
  if (query.has_aggregate) j["has_aggregate"] = true;
  if (query.has_subquery) j["has_subquery"] = true;
  if (query.has_cte) j["has_cte"] = true;
  if (query.observed) {
    const QueryObservation& o = *query.observed;
    j["observed"] = {{"source", o.source}, {"total_ms", o.total_ms}, {"mean_ms", o.mean_ms}, {"min_ms", o.min_ms},
                     {"max_ms", o.max_ms}, {"stddev_ms", o.stddev_ms}, {"rows", o.rows}};
  }
  if (!query.diagnostics.empty()) {
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const auto& d : query.diagnostics) diagnostics.push_back(dbarch::ToJson(d));
    j["diagnostics"] = diagnostics;
  }
  return j;
}

nlohmann::json ToJson(const Workload& workload) {
  nlohmann::json j;
  nlohmann::json queries = nlohmann::json::array();
  for (const auto& q : workload.queries) queries.push_back(ToJson(q));
  j["queries"] = queries;
  j["total_calls"] = NumberJson(workload.TotalCalls());
  if (!workload.diagnostics.empty()) {
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const auto& d : workload.diagnostics) diagnostics.push_back(dbarch::ToJson(d));
    j["diagnostics"] = diagnostics;
  }
  return j;
}

}  // namespace dbarch::model
