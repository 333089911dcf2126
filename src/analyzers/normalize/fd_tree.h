// FdTree: a prefix tree of functional dependencies X → A, keyed by the sorted attributes of X, as in FDep
// and HyFD. Every node knows the right-hand sides ending there and (a superset of) those below it, so the
// searches dependency discovery needs — "is X → A or a generalization of it in the tree", "which FDs does
// this agree set violate" — visit only branches that can answer.
#pragma once

#include <cstdint>
#include <vector>

#include "analyzers/normalize/attribute_set.h"

namespace dbarch::analyzers::normalize {

class FdTree {
 public:
  explicit FdTree(int num_attributes);

  int num_attributes() const { return num_attributes_; }
  void Add(const AttributeSet& lhs, int rhs);
  void Add(const AttributeSet& lhs, const AttributeSet& rhs);
  void Remove(const AttributeSet& lhs, int rhs);
  // Whether Y → rhs is in the tree for some Y ⊆ lhs.
  bool ContainsFdOrGeneralization(const AttributeSet& lhs, int rhs) const;
  // Whether Y → rhs is in the tree for some Y ⊊ lhs.
  bool ContainsProperGeneralization(const AttributeSet& lhs, int rhs) const;

  struct Entry {
    AttributeSet lhs;
    AttributeSet rhs;  // the right-hand sides of the FDs with this left-hand side
  };
  // The FDs Y → A with Y ⊆ agree and A ∉ agree: those a pair of rows agreeing exactly on `agree` violates.
  std::vector<Entry> Violated(const AttributeSet& agree) const;
  // The left-hand sides of `size` attributes that have right-hand sides.
  std::vector<Entry> Level(int size) const;
  // Every FD in the tree.
  std::vector<Entry> All() const;

 private:
  struct Node {
    AttributeSet fds;        // X → A ends here for these A
    AttributeSet below;      // a superset of the right-hand sides in this subtree (removals leave it)
    AttributeSet lhs;        // the path from the root
    int32_t children = -1;   // offset of this node's per-attribute child slots in children_, -1 = none yet
  };
  int Child(int node, int attribute) const {
    int32_t base = nodes_[node].children;
    return base < 0 ? -1 : children_[base + attribute];
  }
  int ChildOrCreate(int node, int attribute);
  bool Generalization(int node, const AttributeSet& lhs, int rhs, int from, bool proper, int depth, int size) const;
  void CollectViolated(int node, const AttributeSet& agree, const AttributeSet& outside, int from,
                       AttributeSet& path, std::vector<Entry>& out) const;

  int num_attributes_;
  std::vector<Node> nodes_;
  std::vector<int32_t> children_;             // child slots, num_attributes_ per node that has children
  std::vector<std::vector<int32_t>> by_depth_;  // nodes by the size of their left-hand side
};

}  // namespace dbarch::analyzers::normalize
