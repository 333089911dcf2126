// Exact discovery of all minimal, non-trivial functional dependencies X → A of a table (A ∉ X, no proper
// subset of X determines A; ∅ → A when A is constant), by the hybrid strategy of HyFD (Papenbrock &
// Naumann, SIGMOD 2016):
//
//   1. sampling — rows that share a value in some column are compared with their neighbours (clusters
//      sorted so that similar rows are adjacent, windows widened while they keep finding new agree sets);
//      every agree set S is a non-FD S ↛ A for each A ∉ S;
//   2. induction — the non-FDs, largest first, specialize an FD tree that starts from ∅ → every column, so
//      it holds the most general candidates no sampled pair contradicts (fd_tree.h);
//   3. validation — level by level (by size of X), each candidate is checked on the stripped partitions;
//      a failing candidate's violating pair is one more agree set, induced at once, which removes it and
//      every other candidate the same pair refutes, and adds the specializations to later levels. When a
//      level refutes many candidates the sampler runs again with a lower efficiency threshold.
//
// When validation of level k ends, every minimal FD with |X| ≤ k is final, so a time budget or a cap on
// |X| yields the exact FDs up to that size and says so. Validation runs on several threads.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/attribute_set.h"
#include "analyzers/normalize/compressed_relation.h"

namespace dbarch::analyzers::normalize {

struct FunctionalDependency {
  AttributeSet lhs;
  int rhs = 0;
  friend bool operator==(const FunctionalDependency&, const FunctionalDependency&) = default;
};

struct FdOptions {
  int max_lhs = -1;              // largest |X| searched; -1 = no limit
  double time_budget_s = 0;      // 0 = no limit
  int threads = 1;
};

struct FdResult {
  std::vector<FunctionalDependency> fds;  // sorted by |X|, X, A
  bool complete = true;                   // false when a limit stopped the search
  int complete_up_to_lhs = 0;             // when not complete: all minimal FDs with |X| ≤ this were found
  std::string limit_message;              // why the search stopped early, for the user
  // Counters for benchmarks and --verbose.
  size_t sampled_comparisons = 0, agree_sets = 0, validations = 0, refuted = 0;
};

FdResult DiscoverFds(const CompressedRelation& relation, const FdOptions& options = {});

}  // namespace dbarch::analyzers::normalize
