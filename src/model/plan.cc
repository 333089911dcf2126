#include "model/plan.h"

#include <algorithm>

namespace dbarch::model {
namespace {

void Collect(const PlanNode& node, std::vector<const PlanNode*>* out) {
  out->push_back(&node);
  for (const PlanNode& child : node.children) Collect(child, out);
}

std::string NodeLabel(const PlanNode& node) {
  std::string label = node.node_type;
  if (!node.index_name.empty()) label += " using " + node.index_name;
  if (!node.relation.empty()) label += " on " + node.relation;
  return label;
}

std::string Outline(const PlanNode& node) {
  std::string out = NodeLabel(node);
  if (node.children.size() == 1) return out + " → " + Outline(node.children.front());
  if (node.children.empty()) return out;
  out += "(";
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out += ", ";
    out += Outline(node.children[i]);
  }
  return out + ")";
}

}  // namespace

std::string Plan::Outline() const { return dbarch::model::Outline(root); }

bool PlanNode::IsScan() const { return !relation.empty() || node_type.find("Scan") != std::string::npos; }

std::optional<double> PlanNode::TotalActualMs() const {
  if (!actual_total_ms) return std::nullopt;
  return *actual_total_ms * actual_loops.value_or(1);
}

std::vector<std::string> Plan::IndexesUsed() const {
  std::vector<std::string> indexes;
  for (const PlanNode* node : Nodes()) {
    if (!node->index_name.empty()) indexes.push_back(node->index_name);
  }
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  return indexes;
}

std::vector<const PlanNode*> Plan::Nodes() const {
  std::vector<const PlanNode*> nodes;
  Collect(root, &nodes);
  return nodes;
}

}  // namespace dbarch::model
