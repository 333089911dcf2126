// What kind of workload the statements describe. Shares are of calls (the `-- calls:` weights or
// pg_stat_statements counts), so one nightly report does not make a web application a warehouse.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

namespace {

// A write share from which the workload is write-heavy transactional work (OLTP) rather than read-mostly
// web traffic: every third statement changes data.
constexpr double kOltpWriteShare = 0.35;
// Analytic shares from which the workload is a warehouse, or mixed.
constexpr double kWarehouseAnalyticShare = 0.5;
constexpr double kMixedAnalyticShare = 0.1;

bool IsWrite(model::StatementKind kind) {
  return kind == model::StatementKind::kInsert || kind == model::StatementKind::kUpdate ||
         kind == model::StatementKind::kDelete || kind == model::StatementKind::kMerge;
}

// An equality on a parameter or constant outside an OR: the statement reads a few rows of one key.
bool HasSelectiveEquality(const model::Query& q) {
  return std::any_of(q.predicates.begin(), q.predicates.end(), [](const model::Predicate& p) {
    return p.op == "=" && !p.in_or && !p.negated && p.clause == "WHERE" &&
           (p.operand == model::Predicate::Operand::kParameter || p.operand == model::Predicate::Operand::kConstant);
  });
}

// Scans and summarizes many rows: aggregates or grouping over no selective key, or a wide join without LIMIT.
bool IsAnalytic(const model::Query& q) {
  if (q.kind != model::StatementKind::kSelect) return false;
  const bool summarizes = q.has_aggregate || !q.group_by.empty();
  if (summarizes && !HasSelectiveEquality(q)) return true;
  return q.joins.size() >= 3 && !q.limit && !q.has_parameter_limit && !HasSelectiveEquality(q);
}

// work_mem units a statement can hold at once: a sort for ORDER BY, a hash table for each join and for
// grouping/aggregation (hash nodes may use hash_mem_multiplier = 2 × work_mem).
int WorkMemUnits(const model::Query& q) {
  int units = 0;
  if (!q.order_by.empty()) units += 1;
  if (!q.group_by.empty() || q.has_aggregate) units += 2;
  units += 2 * static_cast<int>(std::count_if(q.joins.begin(), q.joins.end(), [](const model::JoinCondition& j) {
             return j.join_type != "CROSS";
           }));
  if (q.has_subquery || q.has_cte) units += 1;
  return std::min(units, 12);
}

}  // namespace

WorkloadProfile ClassifyWorkload(const model::Workload& workload, const model::Statistics* statistics,
                                 std::optional<WorkloadClass> given) {
  WorkloadProfile profile;
  double total = 0, writes = 0, analytic = 0;
  for (const auto& q : workload.queries) {
    total += q.calls;
    if (IsWrite(q.kind)) writes += q.calls;
    if (IsAnalytic(q)) analytic += q.calls;
  }
  // work_mem units: the largest need among statements that make up at least 1 % of the calls (a rare
  // statement can raise work_mem for its own session with SET LOCAL).
  int units = 0;
  for (const auto& q : workload.queries) {
    if (total > 0 && q.calls >= 0.01 * total) units = std::max(units, WorkMemUnits(q));
  }
  profile.sort_hash_nodes = workload.queries.empty() ? 2 : std::max(1, units);
  if (total > 0) {
    profile.write_share = writes / total;
    profile.analytic_share = analytic / total;
    profile.evidence.push_back(fmt::format("{} statements, {} calls/h: {:.0f} % writes, {:.0f} % analytic "
                                           "(aggregates or wide joins over no selective key)",
                                           workload.queries.size(), ops::FormatCount(total),
                                           profile.write_share * 100, profile.analytic_share * 100));
    profile.evidence.push_back(fmt::format(
        "the busiest statements hold up to {} work_mem unit(s) at once (sorts, hash joins, hash aggregates)",
        profile.sort_hash_nodes));
  }

  if (given) {
    profile.workload_class = *given;
    profile.inferred = false;
    profile.evidence.insert(profile.evidence.begin(), "given with --type");
    return profile;
  }
  profile.inferred = true;
  if (total > 0) {
    if (profile.analytic_share >= kWarehouseAnalyticShare) {
      profile.workload_class = WorkloadClass::kWarehouse;
    } else if (profile.write_share >= kOltpWriteShare) {
      profile.workload_class = WorkloadClass::kOltp;
    } else if (profile.analytic_share >= kMixedAnalyticShare) {
      profile.workload_class = WorkloadClass::kMixed;
    } else {
      profile.workload_class = WorkloadClass::kWeb;
    }
    return profile;
  }
  // No statements: the live activity counters still tell reads from writes (in rows, not calls).
  if (statistics != nullptr && !statistics->tables.empty()) {
    double rows_written = 0, rows_read = 0, seq_read = 0;
    for (const auto& [name, t] : statistics->tables) {
      rows_written += static_cast<double>(t.n_tup_ins + t.n_tup_upd + t.n_tup_del);
      rows_read += static_cast<double>(t.seq_tup_read + t.idx_tup_fetch);
      seq_read += static_cast<double>(t.seq_tup_read);
    }
    if (rows_written + rows_read > 0) {
      profile.write_share = rows_written / (rows_written + rows_read);
      profile.evidence.push_back(fmt::format("live activity counters: {:.0f} % of rows touched were written, "
                                             "{:.0f} % of rows read came from sequential scans",
                                             profile.write_share * 100, rows_read > 0 ? seq_read / rows_read * 100 : 0));
      if (profile.write_share >= kOltpWriteShare) {
        profile.workload_class = WorkloadClass::kOltp;
      } else if (rows_read > 0 && seq_read / rows_read >= 0.9) {
        profile.workload_class = WorkloadClass::kWarehouse;
      } else {
        profile.workload_class = WorkloadClass::kMixed;
      }
      return profile;
    }
  }
  profile.workload_class = WorkloadClass::kMixed;
  profile.evidence.push_back("no workload and no live statistics: assumed mixed (pass --type web|oltp|dw|mixed)");
  return profile;
}

}  // namespace dbarch::analyzers::tune
