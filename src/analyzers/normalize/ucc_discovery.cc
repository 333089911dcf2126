#include "analyzers/normalize/ucc_discovery.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

namespace dbarch::analyzers::normalize {
namespace {

// Whether no two of the given rows agree on every column of `set`.
bool Unique(const CompressedRelation& rel, const std::vector<int>& rows, const std::vector<int>& set) {
  std::unordered_set<std::vector<int32_t>, ValueIdsHash> keys;
  keys.reserve(rows.size());
  std::vector<int32_t> key(set.size());
  for (int r : rows) {
    bool singleton = false;
    for (size_t k = 0; k < set.size(); ++k) {
      key[k] = rel.cluster(r, set[k]);
      if (key[k] < 0) singleton = true;
    }
    if (singleton) continue;  // a value no other row has: cannot collide
    if (!keys.insert(key).second) return false;
  }
  return true;
}

}  // namespace

UccResult DiscoverUccs(const CompressedRelation& rel, const UccOptions& options) {
  UccResult result;
  const int n = rel.num_columns();
  // The distinct rows: one representative per group of identical rows.
  std::vector<int> rows;
  {
    std::unordered_set<std::vector<int32_t>, ValueIdsHash> seen;
    for (int r = 0; r < rel.num_rows(); ++r) {
      std::vector<int32_t> rec(rel.record(r), rel.record(r) + n);
      bool singleton = std::any_of(rec.begin(), rec.end(), [](int32_t x) { return x < 0; });
      if (singleton || seen.insert(rec).second) rows.push_back(r);
      else ++result.duplicate_rows;
    }
  }
  if (rows.size() <= 1) {  // one distinct row: the empty set is its key
    result.keys.push_back(AttributeSet());
    return result;
  }
  std::vector<AttributeSet> level;
  for (int a = 0; a < n; ++a) level.push_back(AttributeSet::Of({a}));
  std::unordered_set<AttributeSet, AttributeSetHash> non_unique_prev;
  size_t checked = 0;
  for (int size = 1; size <= n && !level.empty(); ++size) {
    if (size > options.max_size) {
      result.complete = false;
      result.limit_message = fmt::format("keys were searched up to {} columns", options.max_size);
      break;
    }
    std::unordered_set<AttributeSet, AttributeSetHash> non_unique;
    std::vector<AttributeSet> non_unique_list;
    for (const AttributeSet& candidate : level) {
      if (++checked > options.max_candidates) {
        result.complete = false;
        result.limit_message = fmt::format("stopped after checking {} column combinations", options.max_candidates);
        break;
      }
      if (Unique(rel, rows, candidate.Members())) {
        result.keys.push_back(candidate);
      } else {
        non_unique.insert(candidate);
        non_unique_list.push_back(candidate);
      }
    }
    if (!result.complete) break;
    // Next level: X ∪ {b} for b after X's last column, kept when every subset of its size is non-unique.
    std::vector<AttributeSet> next;
    for (const AttributeSet& x : non_unique_list) {
      int last = -1;
      for (int a = x.First(); a >= 0; a = x.Next(a + 1)) last = a;
      for (int b = last + 1; b < n; ++b) {
        AttributeSet y = x;
        y.Set(b);
        bool all_subsets = true;
        for (int a = y.First(); a >= 0 && all_subsets; a = y.Next(a + 1)) {
          AttributeSet sub = y;
          sub.Reset(a);
          all_subsets = non_unique.count(sub) > 0;
        }
        if (all_subsets) next.push_back(y);
      }
    }
    level = std::move(next);
  }
  std::sort(result.keys.begin(), result.keys.end());
  return result;
}

}  // namespace dbarch::analyzers::normalize
