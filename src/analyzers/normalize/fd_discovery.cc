#include "analyzers/normalize/fd_discovery.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "analyzers/normalize/fd_tree.h"

namespace dbarch::analyzers::normalize {
namespace {

using AgreeSets = std::unordered_set<AttributeSet, AttributeSetHash>;

// Runs fn(i, worker) for i in [0, n) on up to `threads` threads (inline when the work is too small to pay for
// them). Workers take contiguous chunks from a shared counter: neighbouring results are written by one thread
// (no false sharing), and a worker that draws cheap items takes more chunks (balance).
template <typename Fn>
void ParallelFor(size_t n, int threads, size_t work_estimate, Fn fn) {
  int workers = static_cast<int>(std::min<size_t>(threads, n));
  if (workers <= 1 || work_estimate < 20000) {
    for (size_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  const size_t chunk = std::max<size_t>(1, n / (static_cast<size_t>(workers) * 8));
  auto run = [&](int w) {
    for (;;) {
      size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      for (size_t i = begin, end = std::min(n, begin + chunk); i < end; ++i) fn(i, w);
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& t : pool) t.join();
}

// HyFD's sampler: per column, the rows of each cluster sorted so that rows agreeing on many columns are
// adjacent; comparing each row with the one `window` places further yields agree sets. A column's window
// is widened while its last run found new agree sets often enough (efficiency ≥ threshold).
class Sampler {
 public:
  Sampler(const CompressedRelation& rel, int threads) : rel_(rel), threads_(threads) {}

  // New agree sets (not in *seen), which are added to *seen.
  std::vector<AttributeSet> Run(double threshold, AgreeSets* seen, size_t* comparisons) {
    std::vector<AttributeSet> found;
    if (!initialized_) Initialize(seen, &found, comparisons);
    while (true) {
      int best = -1;
      for (int c = 0; c < rel_.num_columns(); ++c)
        if (efficiency_[c] >= threshold && (best < 0 || efficiency_[c] > efficiency_[best])) best = c;
      if (best < 0) break;
      RunWindow(best, seen, &found, comparisons);
    }
    return found;
  }

 private:
  void Initialize(AgreeSets* seen, std::vector<AttributeSet>* found, size_t* comparisons) {
    initialized_ = true;
    int n = rel_.num_columns();
    sorted_.resize(n);
    window_.assign(n, 1);
    efficiency_.assign(n, 0);
    // Sort and run the first window of every column in parallel; merge the agree sets afterwards.
    std::vector<AgreeSets> local(n);
    std::vector<size_t> counts(n, 0);
    size_t work = 0;
    for (int c = 0; c < n; ++c) work += rel_.pli(c).rows_in_clusters;
    ParallelFor(n, threads_, work * 4, [&](size_t c, int) {
      sorted_[c] = rel_.pli(c).clusters;
      for (auto& cluster : sorted_[c]) {
        std::sort(cluster.begin(), cluster.end(), [&](int a, int b) {
          const int32_t* ra = rel_.record(a);
          const int32_t* rb = rel_.record(b);
          return std::lexicographical_compare(ra, ra + rel_.num_columns(), rb, rb + rel_.num_columns());
        });
        for (size_t i = 0; i + 1 < cluster.size(); ++i) {
          local[c].insert(rel_.AgreeSet(cluster[i], cluster[i + 1]));
          ++counts[c];
        }
      }
    });
    for (int c = 0; c < n; ++c) {
      size_t fresh = 0;
      for (const auto& s : local[c])
        if (seen->insert(s).second) {
          found->push_back(s);
          ++fresh;
        }
      *comparisons += counts[c];
      efficiency_[c] = counts[c] ? static_cast<double>(fresh) / counts[c] : 0;
      window_[c] = 2;
    }
  }

  void RunWindow(int c, AgreeSets* seen, std::vector<AttributeSet>* found, size_t* comparisons) {
    size_t w = window_[c]++, compared = 0, fresh = 0;
    for (const auto& cluster : sorted_[c])
      for (size_t i = 0; i + w < cluster.size(); ++i) {
        AttributeSet s = rel_.AgreeSet(cluster[i], cluster[i + w]);
        ++compared;
        if (seen->insert(s).second) {
          found->push_back(s);
          ++fresh;
        }
      }
    *comparisons += compared;
    efficiency_[c] = compared ? static_cast<double>(fresh) / compared : 0;
  }

  const CompressedRelation& rel_;
  int threads_;
  bool initialized_ = false;
  std::vector<std::vector<std::vector<int>>> sorted_;
  std::vector<size_t> window_;
  std::vector<double> efficiency_;
};

// Specializes the tree with non-FDs: for each agree set S, every X → A with X ⊆ S, A ∉ S is removed and
// replaced by X ∪ {B} → A for B ∉ S, unless a generalization of that is already there.
class Inductor {
 public:
  Inductor(FdTree* tree, int max_lhs) : tree_(tree), max_lhs_(max_lhs) {}

  void Induce(std::vector<AttributeSet> agree_sets) {
    std::sort(agree_sets.begin(), agree_sets.end(),
              [](const AttributeSet& a, const AttributeSet& b) { return a.Count() > b.Count(); });
    const AttributeSet all = AttributeSet::FirstN(tree_->num_attributes());
    for (const AttributeSet& s : agree_sets) {
      auto violated = tree_->Violated(s);
      if (violated.empty()) continue;
      for (const auto& e : violated)
        for (int a = e.rhs.First(); a >= 0; a = e.rhs.Next(a + 1)) tree_->Remove(e.lhs, a);
      const AttributeSet extensions = all - s;
      for (const auto& e : violated) {
        if (max_lhs_ >= 0 && e.lhs.Count() >= max_lhs_) {
          lhs_limit_hit_ = true;
          continue;
        }
        for (int a = e.rhs.First(); a >= 0; a = e.rhs.Next(a + 1))
          for (int b = extensions.First(); b >= 0; b = extensions.Next(b + 1)) {
            if (b == a) continue;
            AttributeSet lhs = e.lhs;
            lhs.Set(b);
            if (!tree_->ContainsFdOrGeneralization(lhs, a)) {
              tree_->Add(lhs, a);
              max_depth_ = std::max(max_depth_, lhs.Count());
            }
          }
      }
    }
  }
  bool lhs_limit_hit() const { return lhs_limit_hit_; }
  int max_depth() const { return max_depth_; }

 private:
  FdTree* tree_;
  int max_lhs_;
  bool lhs_limit_hit_ = false;
  int max_depth_ = 0;
};

struct Validation {
  AttributeSet invalid;
  std::vector<std::pair<int, int>> violating_pairs;
};

// Checks X → A for all A in rhs at once: rows are grouped by X (the cluster of X's most selective column,
// refined by sorting on the others' cluster numbers) and every group must agree on each A.
Validation Validate(const CompressedRelation& rel, const AttributeSet& lhs, const AttributeSet& rhs,
                    std::vector<int>& buffer) {
  Validation out;
  if (lhs.Empty()) {
    for (int a = rhs.First(); a >= 0; a = rhs.Next(a + 1)) {
      if (rel.pli(a).distinct_values <= 1) continue;
      out.invalid.Set(a);
      int32_t v0 = rel.cluster(0, a);
      int other = 1;
      if (v0 >= 0)
        for (int r = 1; r < rel.num_rows(); ++r)
          if (rel.cluster(r, a) != v0) {
            other = r;
            break;
          }
      out.violating_pairs.push_back({0, other});
    }
    return out;
  }
  int pivot = -1;
  int rest[AttributeSet::kMaxAttributes];
  int nrest = 0;
  for (int a = lhs.First(); a >= 0; a = lhs.Next(a + 1))
    if (pivot < 0 || rel.pli(a).rows_in_clusters < rel.pli(pivot).rows_in_clusters) pivot = a;
  for (int a = lhs.First(); a >= 0; a = lhs.Next(a + 1))
    if (a != pivot) rest[nrest++] = a;
  int targets[AttributeSet::kMaxAttributes];
  int ntargets = 0;
  for (int a = rhs.First(); a >= 0; a = rhs.Next(a + 1)) targets[ntargets++] = a;

  auto check_group = [&](const int* rows, size_t n) {
    const int32_t* first = rel.record(rows[0]);
    for (int t = 0; t < ntargets;) {
      int a = targets[t];
      int32_t v = first[a];
      int bad = -1;
      if (v < 0) {
        bad = rows[1];
      } else {
        for (size_t i = 1; i < n; ++i)
          if (rel.cluster(rows[i], a) != v) {
            bad = rows[i];
            break;
          }
      }
      if (bad >= 0) {
        out.invalid.Set(a);
        out.violating_pairs.push_back({rows[0], bad});
        targets[t] = targets[--ntargets];
      } else {
        ++t;
      }
    }
  };

  for (const auto& cluster : rel.pli(pivot).clusters) {
    if (nrest == 0) {
      check_group(cluster.data(), cluster.size());
    } else if (cluster.size() <= 12) {
      // Small clusters: comparing the pairs is cheaper than sorting.
      for (size_t i = 0; i < cluster.size() && ntargets > 0; ++i) {
        const int32_t* ri = rel.record(cluster[i]);
        bool unique = false;
        for (int k = 0; k < nrest && !unique; ++k) unique = ri[rest[k]] < 0;
        if (unique) continue;
        for (size_t j = i + 1; j < cluster.size() && ntargets > 0; ++j) {
          const int32_t* rj = rel.record(cluster[j]);
          bool agree = true;
          for (int k = 0; k < nrest && agree; ++k) agree = ri[rest[k]] == rj[rest[k]];
          if (!agree) continue;
          int pair[2] = {cluster[i], cluster[j]};
          check_group(pair, 2);
        }
      }
    } else {
      buffer.clear();
      for (int r : cluster) {
        const int32_t* rec = rel.record(r);
        bool unique = false;
        for (int k = 0; k < nrest && !unique; ++k) unique = rec[rest[k]] < 0;
        if (!unique) buffer.push_back(r);
      }
      if (buffer.size() < 2) continue;
      std::sort(buffer.begin(), buffer.end(), [&](int x, int y) {
        const int32_t* rx = rel.record(x);
        const int32_t* ry = rel.record(y);
        for (int k = 0; k < nrest; ++k)
          if (rx[rest[k]] != ry[rest[k]]) return rx[rest[k]] < ry[rest[k]];
        return false;
      });
      size_t start = 0;
      for (size_t i = 1; i <= buffer.size(); ++i) {
        bool boundary = i == buffer.size();
        if (!boundary) {
          const int32_t* rx = rel.record(buffer[start]);
          const int32_t* ry = rel.record(buffer[i]);
          for (int k = 0; k < nrest && !boundary; ++k) boundary = rx[rest[k]] != ry[rest[k]];
        }
        if (boundary) {
          if (i - start >= 2) check_group(buffer.data() + start, i - start);
          start = i;
          if (ntargets == 0) break;
        }
      }
    }
    if (ntargets == 0) break;
  }
  return out;
}

}  // namespace

FdResult DiscoverFds(const CompressedRelation& rel, const FdOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto over_budget = [&] {
    return options.time_budget_s > 0 &&
           std::chrono::duration<double>(Clock::now() - start).count() > options.time_budget_s;
  };
  FdResult result;
  const int n = rel.num_columns();
  const int threads = std::max(1, options.threads);
  FdTree tree(n);
  tree.Add(AttributeSet(), AttributeSet::FirstN(n));
  if (n == 0) return result;

  AgreeSets seen;
  Sampler sampler(rel, threads);
  Inductor inductor(&tree, options.max_lhs);
  double threshold = 0.01;
  {
    auto sampled = sampler.Run(threshold, &seen, &result.sampled_comparisons);
    inductor.Induce(std::move(sampled));
  }
  int validated_up_to = -1;
  const int last_level = options.max_lhs >= 0 ? std::min(n - 1, options.max_lhs) : n - 1;
  std::vector<std::vector<int>> buffers(threads);
  for (int level = 0; level <= last_level; ++level) {
    if (level > inductor.max_depth() && level > 0) {
      validated_up_to = last_level;
      break;
    }
    if (over_budget()) break;
    auto entries = tree.Level(level);
    // Candidates whose generalization is already a (final) FD of a smaller level are not minimal.
    // The tree is only read here, so the search runs on all threads; removals follow.
    if (level > 0) {
      std::vector<AttributeSet> not_minimal(entries.size());
      ParallelFor(entries.size(), threads, entries.size() * 64, [&](size_t i, int) {
        const auto& e = entries[i];
        for (int a = e.rhs.First(); a >= 0; a = e.rhs.Next(a + 1))
          if (tree.ContainsProperGeneralization(e.lhs, a)) not_minimal[i].Set(a);
      });
      for (size_t i = 0; i < entries.size(); ++i)
        for (int a = not_minimal[i].First(); a >= 0; a = not_minimal[i].Next(a + 1)) {
          tree.Remove(entries[i].lhs, a);
          entries[i].rhs.Reset(a);
        }
    }
    std::erase_if(entries, [](const FdTree::Entry& e) { return e.rhs.Empty(); });
    std::vector<Validation> validations(entries.size());
    size_t candidates = 0;
    for (const auto& e : entries) candidates += e.rhs.Count();
    result.validations += candidates;
    // Each worker sorts in its own buffer.
    ParallelFor(entries.size(), threads, entries.size() * static_cast<size_t>(rel.num_rows()), [&](size_t i, int w) {
      validations[i] = Validate(rel, entries[i].lhs, entries[i].rhs, buffers[w]);
    });
    std::vector<AttributeSet> refuting;
    AgreeSets batch;
    size_t refuted = 0;
    for (const auto& v : validations) {
      refuted += v.invalid.Count();
      for (auto [r1, r2] : v.violating_pairs) {
        AttributeSet s = rel.AgreeSet(r1, r2);
        seen.insert(s);
        if (batch.insert(s).second) refuting.push_back(s);
      }
    }
    result.refuted += refuted;
    result.agree_sets = seen.size();
    inductor.Induce(std::move(refuting));
    // Many refutations mean the sample was too thin for the next levels: sample more (HyFD's switch).
    if (refuted > 0 && static_cast<double>(refuted) > 0.01 * static_cast<double>(candidates)) {
      threshold /= 2;
      auto sampled = sampler.Run(threshold, &seen, &result.sampled_comparisons);
      inductor.Induce(std::move(sampled));
    }
    validated_up_to = level;
  }
  result.agree_sets = seen.size();

  for (int level = 0; level <= std::max(validated_up_to, -1); ++level)
    for (const auto& e : tree.Level(level))
      for (int a = e.rhs.First(); a >= 0; a = e.rhs.Next(a + 1)) result.fds.push_back({e.lhs, a});
  std::sort(result.fds.begin(), result.fds.end(), [](const FunctionalDependency& x, const FunctionalDependency& y) {
    if (x.lhs != y.lhs) return x.lhs < y.lhs;
    return x.rhs < y.rhs;
  });
  if (validated_up_to < last_level) {
    result.complete = false;
    result.complete_up_to_lhs = validated_up_to;
    result.limit_message =
        validated_up_to < 0
            ? fmt::format("the time budget of {:g} s ran out before any dependency was validated (raise --time-budget)",
                          options.time_budget_s)
            : fmt::format("the time budget of {:g} s ran out: the functional dependencies with left-hand sides of up "
                          "to {} column{} are complete, larger ones were not searched (raise --time-budget or lower "
                          "--max-lhs)",
                          options.time_budget_s, validated_up_to, validated_up_to == 1 ? "" : "s");
  } else if (inductor.lhs_limit_hit()) {
    result.complete = false;
    result.complete_up_to_lhs = options.max_lhs;
    result.limit_message = fmt::format(
        "left-hand sides were limited to {} column{} (--max-lhs): dependencies needing more columns were not "
        "searched",
        options.max_lhs, options.max_lhs == 1 ? "" : "s");
  }
  return result;
}

}  // namespace dbarch::analyzers::normalize
