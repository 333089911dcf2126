#include "analyzers/normalize/fd_tree.h"

#include <algorithm>

namespace dbarch::analyzers::normalize {

FdTree::FdTree(int num_attributes) : num_attributes_(num_attributes), by_depth_(num_attributes + 1) {
  nodes_.emplace_back();
  by_depth_[0].push_back(0);
}

int FdTree::ChildOrCreate(int node, int attribute) {
  if (nodes_[node].children < 0) {
    nodes_[node].children = static_cast<int32_t>(children_.size());
    children_.resize(children_.size() + num_attributes_, -1);
  }
  int child = children_[nodes_[node].children + attribute];
  if (child < 0) {
    child = static_cast<int>(nodes_.size());
    Node fresh;
    fresh.lhs = nodes_[node].lhs;
    fresh.lhs.Set(attribute);
    nodes_.push_back(fresh);
    children_[nodes_[node].children + attribute] = child;
    by_depth_[fresh.lhs.Count()].push_back(child);
  }
  return child;
}

void FdTree::Add(const AttributeSet& lhs, const AttributeSet& rhs) {
  int node = 0;
  nodes_[0].below |= rhs;
  for (int a = lhs.First(); a >= 0; a = lhs.Next(a + 1)) {
    node = ChildOrCreate(node, a);
    nodes_[node].below |= rhs;
  }
  nodes_[node].fds |= rhs;
}

void FdTree::Add(const AttributeSet& lhs, int rhs) {
  AttributeSet r;
  r.Set(rhs);
  Add(lhs, r);
}

void FdTree::Remove(const AttributeSet& lhs, int rhs) {
  int node = 0;
  for (int a = lhs.First(); a >= 0 && node >= 0; a = lhs.Next(a + 1)) node = Child(node, a);
  if (node >= 0) nodes_[node].fds.Reset(rhs);
}

bool FdTree::Generalization(int node, const AttributeSet& lhs, int rhs, int from, bool proper, int depth,
                            int size) const {
  const Node& n = nodes_[node];
  if (n.fds.Test(rhs) && (!proper || depth < size)) return true;
  for (int a = lhs.Next(from); a >= 0; a = lhs.Next(a + 1)) {
    int child = Child(node, a);
    if (child >= 0 && nodes_[child].below.Test(rhs) &&
        Generalization(child, lhs, rhs, a + 1, proper, depth + 1, size))
      return true;
  }
  return false;
}

bool FdTree::ContainsFdOrGeneralization(const AttributeSet& lhs, int rhs) const {
  return nodes_[0].below.Test(rhs) && Generalization(0, lhs, rhs, 0, false, 0, 0);
}

bool FdTree::ContainsProperGeneralization(const AttributeSet& lhs, int rhs) const {
  return nodes_[0].below.Test(rhs) && Generalization(0, lhs, rhs, 0, true, 0, lhs.Count());
}

void FdTree::CollectViolated(int node, const AttributeSet& agree, const AttributeSet& outside, int from,
                             AttributeSet& path, std::vector<Entry>& out) const {
  const Node& n = nodes_[node];
  AttributeSet hit = n.fds & outside;
  if (!hit.Empty()) out.push_back({path, hit});
  if (n.children < 0) return;
  for (int a = agree.Next(from); a >= 0; a = agree.Next(a + 1)) {
    int child = children_[n.children + a];
    if (child < 0 || !nodes_[child].below.Intersects(outside)) continue;
    path.Set(a);
    CollectViolated(child, agree, outside, a + 1, path, out);
    path.Reset(a);
  }
}

std::vector<FdTree::Entry> FdTree::Violated(const AttributeSet& agree) const {
  std::vector<Entry> out;
  AttributeSet outside = AttributeSet::FirstN(num_attributes_) - agree;
  if (!nodes_[0].below.Intersects(outside)) return out;
  AttributeSet path;
  CollectViolated(0, agree, outside, 0, path, out);
  return out;
}

std::vector<FdTree::Entry> FdTree::Level(int size) const {
  std::vector<Entry> out;
  if (size < 0 || size >= static_cast<int>(by_depth_.size())) return out;
  for (int32_t node : by_depth_[size])
    if (!nodes_[node].fds.Empty()) out.push_back({nodes_[node].lhs, nodes_[node].fds});
  return out;
}

std::vector<FdTree::Entry> FdTree::All() const {
  std::vector<Entry> out;
  for (int size = 0; size <= num_attributes_; ++size) {
    auto level = Level(size);
    out.insert(out.end(), level.begin(), level.end());
  }
  return out;
}

}  // namespace dbarch::analyzers::normalize
