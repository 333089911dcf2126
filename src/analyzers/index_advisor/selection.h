// Choosing indexes for the whole workload from the candidates, costed by the planner.
//
// The search is a lazy greedy on benefit per byte (as in Schlosser et al.'s Extend, but with the
// workload-derived multi-column candidates up front and CELF-style lazy re-evaluation so that a candidate
// is only re-costed when it could still be the best pick):
//   1. base cost of every statement, then each candidate alone on the statements of its table that could
//      use it (a wide B-tree only where a narrower one helps, or where it was generated); candidates no plan
//      uses are dropped (under a budget, B-tree candidates larger than all of it are sized first and never
//      costed);
//   2. repeatedly take the candidate with the best (weighted cost reduction − write overhead) ÷ size
//      against what is already chosen — or a wider candidate that replaces a chosen one whose keys are
//      its prefix (never both side by side) — while it fits the budget;
//   3. when the budget turned a worthwhile candidate away: trade one or two picks for other candidates — the
//      best-estimated trades costed as a whole, the cheapest made when the workload gets cheaper (a few rounds,
//      within a share of the what-if calls) — then let the greedy spend the bytes left;
//   4. prune chosen indexes the final plans no longer use, or whose marginal benefit no longer pays for
//      their writes.
// Costs come from an IndexCostOracle; only the candidates on a statement's own tables are put in a
// question, so the oracle's cache answers repeated configurations.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzers/index_advisor.h"
#include "dbarch/status.h"

namespace dbarch::analyzers {

struct CostQuestion {
  size_t statement = 0;             // AdvisorStatement position
  std::vector<size_t> candidates;   // hypothetical indexes to add (candidate positions)
};

struct CostAnswer {
  double cost = 0;
  double rows = 0;                  // rows the plan returns; for INSERT/UPDATE/DELETE the rows it writes
  std::vector<size_t> used;         // candidate positions the plan uses
};

// The planner with hypothetical indexes, on statements and candidates known by position.
class IndexCostOracle {
 public:
  virtual ~IndexCostOracle() = default;
  // Answers in question order; a statement that cannot be planned gives an error.
  virtual std::vector<Result<CostAnswer>> Cost(const std::vector<CostQuestion>& questions) = 0;
  virtual Result<int64_t> Size(size_t candidate) = 0;
  virtual long long planner_calls() const = 0;  // what-if planner calls so far (cache misses)
  virtual long long requests() const = 0;       // questions answered so far
};

struct SelectionResult {
  std::vector<size_t> chosen;              // candidate positions, in pick order
  std::vector<double> base_cost;           // per statement, no new index (NaN-free: unplannable = 0)
  std::vector<double> final_cost;          // per statement, with every chosen index
  std::vector<std::vector<size_t>> final_used;  // per statement: chosen candidates its final plan uses
  std::vector<std::map<size_t, double>> cost_without;  // per chosen (same order): statement → cost without it
  std::vector<bool> plannable;             // per statement
  std::vector<int64_t> sizes;              // per candidate (0 when never asked)
  std::vector<double> write_overhead;      // per candidate
  std::vector<std::vector<std::string>> write_notes;  // per candidate
  size_t useful_candidates = 0;
  std::vector<std::string> notes;
};

struct SelectionOptions {
  int64_t budget_bytes = 0;  // 0 = unlimited
  int max_indexes = 0;       // 0 = unlimited
  double min_workload_gain = 0.002;
  double min_statement_gain = 0.3;
  // …and some statement's cost must fall by at least this many planner cost units per execution (about five
  // random page reads): turning a cheap index scan into a slightly cheaper index-only scan is not worth an index.
  double min_cost_reduction = 20;
  std::function<void(int64_t done, int64_t total)> progress;
  // Every what-if answer and search step, one line each (for debugging the advisor); unset = none.
  std::function<void(const std::string& line)> trace;
};

// Planner cost units charged per index entry written (a B-tree descent through cached inner pages plus a
// dirtied leaf page and its WAL record: about two sequential page reads).
inline constexpr double kIndexEntryWriteCost = 2.0;

SelectionResult SelectIndexes(const model::Catalog& catalog, const model::Workload& workload,
                              const std::vector<AdvisorStatement>& statements,
                              const std::vector<IndexCandidate>& candidates, IndexCostOracle& oracle,
                              const SelectionOptions& options);

// The write overhead of adding `candidate`: Σ over the workload's INSERT/UPDATE/DELETE statements on its table
// of weight × affected rows × kIndexEntryWriteCost, counting UPDATEs only when they change a column the index
// reads (and then also the HOT updates that change makes impossible). `affected_rows` per statement.
double WriteOverhead(const model::Catalog& catalog, const model::Workload& workload,
                     const std::vector<AdvisorStatement>& statements, const std::vector<double>& affected_rows,
                     const IndexCandidate& candidate, std::vector<std::string>* notes);

}  // namespace dbarch::analyzers
