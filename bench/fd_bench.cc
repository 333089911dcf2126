// Functional-dependency discovery benchmark on the datasets of Papenbrock et al., "Functional Dependency
// Discovery: An Experimental Evaluation of Seven Algorithms" (PVLDB 2015), in ../shared/fd-datasets/.
//
// Per dataset: dbarch's discovery (analyzers/normalize/fd_discovery.h) with 1 and 2 threads, a plain TANE
// (Huhtala et al. 1999: level-wise lattice, stripped partitions, C+ candidate sets, no key pruning) written
// here as the in-run reference, and the published figures of Desbordante's HyFD measured on this kind of
// machine (from the datasets' README). Times are medians of 3 runs, without CSV loading (building the
// partitions from the strings is included). Every algorithm must find the published count of minimal FDs.
//
//   fd_bench [--data DIR] [--runs 3] [--tane-limit SECONDS]     (bench/fd_bench.sh builds and runs it)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analyzers/normalize/fd_discovery.h"
#include "sources/csv_reader.h"

using namespace dbarch;
using namespace dbarch::analyzers::normalize;

namespace {

using Clock = std::chrono::steady_clock;

// ---- plain TANE -------------------------------------------------------------------------------------------

struct Partition {
  std::vector<std::vector<int>> clusters;  // stripped
  long error = 0;                          // e(X) = Σ|c| − #clusters: X is a key iff 0
};

Partition Strip(std::vector<std::vector<int>> groups) {
  Partition p;
  for (auto& g : groups)
    if (g.size() >= 2) {
      p.error += static_cast<long>(g.size()) - 1;
      p.clusters.push_back(std::move(g));
    }
  return p;
}

// π(X) · π(Y) with the classic probe table.
Partition Product(const Partition& a, const Partition& b, std::vector<int>& probe, std::vector<std::vector<int>>& buckets) {
  for (size_t i = 0; i < a.clusters.size(); ++i)
    for (int r : a.clusters[i]) probe[r] = static_cast<int>(i);
  Partition out;
  if (buckets.size() < a.clusters.size()) buckets.resize(a.clusters.size());
  for (const auto& c : b.clusters) {
    for (int r : c)
      if (probe[r] >= 0) buckets[probe[r]].push_back(r);
    for (int r : c) {
      int i = probe[r];
      if (i < 0) continue;
      if (buckets[i].size() >= 2) {
        out.error += static_cast<long>(buckets[i].size()) - 1;
        out.clusters.push_back(buckets[i]);
      }
      buckets[i].clear();
    }
  }
  for (const auto& c : a.clusters)
    for (int r : c) probe[r] = -1;
  return out;
}

struct TaneResult {
  size_t fds = 0;
  bool stopped = false;
};

TaneResult Tane(const TableData& table, double limit_s) {
  const auto start = Clock::now();
  const int n = table.num_columns();
  const int rows = table.num_rows();
  TaneResult result;
  std::vector<Partition> single(n);
  for (int c = 0; c < n; ++c) {
    std::map<std::string, std::vector<int>> groups;
    for (int r = 0; r < rows; ++r) groups[table.rows[r][c]].push_back(r);
    std::vector<std::vector<int>> g;
    for (auto& [v, rs] : groups) g.push_back(std::move(rs));
    single[c] = Strip(std::move(g));
  }
  struct Node {
    Partition partition;
    AttributeSet cplus;
  };
  const AttributeSet all = AttributeSet::FirstN(n);
  long empty_error = rows > 0 ? rows - 1 : 0;  // π(∅): one cluster of every row
  std::map<std::vector<int>, Node> previous;   // level ℓ-1, by sorted attributes
  std::map<std::vector<int>, Node> level;
  previous[{}] = Node{Partition{}, all};
  previous[{}].partition.error = empty_error;
  for (int c = 0; c < n; ++c) level[{c}] = Node{single[c], AttributeSet()};
  std::vector<int> probe(rows, -1);
  std::vector<std::vector<int>> buckets;
  for (int size = 1; !level.empty(); ++size) {
    if (limit_s > 0 && std::chrono::duration<double>(Clock::now() - start).count() > limit_s) {
      result.stopped = true;
      break;
    }
    // C+(X) = ∩ C+(X \ {A}); then X \ {A} → A for A ∈ X ∩ C+(X) when e(X \ {A}) = e(X).
    for (auto& [attrs, node] : level) {
      AttributeSet cplus = all;
      for (size_t k = 0; k < attrs.size(); ++k) {
        std::vector<int> sub = attrs;
        sub.erase(sub.begin() + static_cast<long>(k));
        auto it = previous.find(sub);
        cplus &= it == previous.end() ? AttributeSet() : it->second.cplus;
      }
      AttributeSet x;
      for (int a : attrs) x.Set(a);
      for (size_t k = 0; k < attrs.size(); ++k) {
        int a = attrs[k];
        if (!cplus.Test(a)) continue;
        std::vector<int> sub = attrs;
        sub.erase(sub.begin() + static_cast<long>(k));
        if (previous.at(sub).partition.error == node.partition.error) {
          ++result.fds;
          cplus.Reset(a);
          cplus -= all - x;
        }
      }
      node.cplus = cplus;
    }
    std::erase_if(level, [](const auto& e) { return e.second.cplus.Empty(); });
    // Next level: join sets sharing all but their last attribute, keep those whose subsets all survived.
    std::map<std::vector<int>, Node> next;
    for (auto it = level.begin(); it != level.end(); ++it) {
      auto jt = std::next(it);
      for (; jt != level.end(); ++jt) {
        const auto& x = it->first;
        const auto& y = jt->first;
        if (!std::equal(x.begin(), x.end() - 1, y.begin())) break;
        std::vector<int> z = x;
        z.push_back(y.back());
        bool ok = true;
        for (size_t k = 0; k + 2 < z.size() && ok; ++k) {
          std::vector<int> sub = z;
          sub.erase(sub.begin() + static_cast<long>(k));
          ok = level.count(sub) > 0;
        }
        if (!ok) continue;
        next[z] = Node{Product(it->second.partition, jt->second.partition, probe, buckets), AttributeSet()};
      }
    }
    previous = std::move(level);
    level = std::move(next);
  }
  return result;
}

// ---- harness ----------------------------------------------------------------------------------------------

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Dataset {
  const char* file;
  size_t expected;
  double hyfd_ms;  // Desbordante HyFD, 1 thread, from ../shared/fd-datasets/README.md
};

}  // namespace

int main(int argc, char** argv) {
  std::string dir = DBARCH_SOURCE_DIR "/../shared/fd-datasets";
  int runs = 3;
  double tane_limit = 120;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--data") dir = argv[i + 1];
    else if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--tane-limit") tane_limit = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const std::vector<Dataset> datasets = {{"iris", 4, 0.3}, {"abalone", 137, 22}, {"bridges", 142, 3.5},
                                         {"breast-cancer-wisconsin", 46, 7.1}, {"hepatitis", 8250, 105}};
  std::printf("%-24s %5s %6s %6s | %9s %9s %7s | %10s %8s | %8s %9s %9s\n", "dataset", "cols", "rows", "FDs",
              "dbarch 1t", "dbarch 2t", "2t/1t", "TANE", "TANE/1t", "HyFD", "HyFD/1t", "HyFD/2t");
  bool all_exact = true;
  for (const auto& ds : datasets) {
    auto csv = sources::ReadCsvFile(dir + "/" + ds.file + ".csv");
    if (!csv.ok()) {
      std::fprintf(stderr, "%s\n", csv.status().ToString().c_str());
      return 3;
    }
    TableData table;
    table.name = ds.file;
    table.columns = csv->columns;
    table.rows = csv->rows;
    double ms[3] = {0, 0, 0};
    size_t found[2] = {0, 0};
    for (int threads : {1, 2}) {
      std::vector<double> times;
      for (int r = 0; r < runs; ++r) {
        auto start = Clock::now();
        auto relation = CompressedRelation::Build(table, NullSemantics::kNullEqualsNull, threads);
        FdOptions options;
        options.threads = threads;
        auto result = DiscoverFds(relation, options);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        found[threads - 1] = result.fds.size();
      }
      ms[threads - 1] = Median(times);
    }
    std::vector<double> tane_times;
    TaneResult tane;
    for (int r = 0; r < runs; ++r) {
      auto start = Clock::now();
      tane = Tane(table, tane_limit);
      tane_times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (tane.stopped || tane_times.back() > 5000) break;  // one run is enough for the slow ones
    }
    ms[2] = Median(tane_times);
    bool exact = found[0] == ds.expected && found[1] == ds.expected && (tane.stopped || tane.fds == ds.expected);
    all_exact &= exact;
    std::string tane_text = tane.stopped ? fmt::format(">{:.0f} s", tane_limit) : fmt::format("{:.1f} ms", ms[2]);
    std::string tane_ratio = tane.stopped ? "—" : fmt::format("{:.1f}×", ms[2] / ms[0]);
    std::printf("%-24s %5d %6d %6zu | %6.2f ms %6.2f ms %6.2f× | %10s %8s | %5.1f ms %8.2f× %8.2f×%s\n", ds.file,
                table.num_columns(), table.num_rows(), found[0], ms[0], ms[1], ms[0] / ms[1], tane_text.c_str(),
                tane_ratio.c_str(), ds.hyfd_ms, ds.hyfd_ms / ms[0], ds.hyfd_ms / ms[1],
                exact ? "" : fmt::format("  MISMATCH: expected {}, 2 threads {}, TANE {}", ds.expected, found[1],
                                         tane.fds).c_str());
  }
  std::printf("\nRatios above 1 mean dbarch is faster (TANE/1t: how many times; HyFD/Nt: HyFD's time over ours).\n");
  return all_exact ? 0 : 1;
}
