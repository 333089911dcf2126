// Statement shapes with a known performance cost that the workload model shows without a database:
// OFFSET pagination, sorts and aggregations that may spill past work_mem, SELECT * on wide tables.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

bool SortsWithoutLimit(const model::Query& q) {
  return !q.order_by.empty() && !q.limit && !q.has_parameter_limit;
}

bool Aggregates(const model::Query& q) { return !q.group_by.empty() || (q.has_aggregate && !q.joins.empty()); }

// An equality on a bound parameter (`customer_id = $1`) is how an application looks up its own few rows;
// sorting or grouping those never approaches work_mem.
bool IsSelectiveLookup(const model::Query& q) {
  for (const auto& p : q.predicates) {
    if (p.clause == "WHERE" && p.op == "=" && p.operand == model::Predicate::Operand::kParameter && !p.negated &&
        !p.in_or) {
      return true;
    }
  }
  return false;
}

void OffsetAdvice(const std::vector<const model::Query*>& offset_queries, std::vector<Advice>& out) {
  if (offset_queries.empty()) return;
  double calls = 0;
  std::set<std::string> tables;
  for (const auto* q : offset_queries) {
    calls += q->calls;
    for (const auto& t : q->tables) tables.insert(t.ToString());
  }
  Advice a;
  a.id = "perf/offset-pagination";
  a.title = fmt::format("OFFSET pagination over {}", fmt::join(tables, ", "));
  a.detail = fmt::format(
      "{} statement(s) ({} calls/h) page with OFFSET. PostgreSQL produces and throws away every skipped row, "
      "so page N costs N pages of work, and when the ORDER BY is not served by an index each call sorts "
      "OFFSET+LIMIT rows (a top-N heapsort in work_mem, or a full sort that spills to disk). Prefer keyset "
      "pagination (WHERE (sort_key, id) < ($last_sort_key, $last_id) ORDER BY sort_key DESC, id DESC LIMIT n) "
      "backed by an index on the sort key. Live statistics (pg_stat_statements rows and shared_blks_read per "
      "call) would show how deep users actually page.",
      offset_queries.size(), FormatCount(calls));
  for (const auto* q : offset_queries) a.evidence.push_back(DescribeQuery(*q));
  a.based_on = "workload";
  out.push_back(std::move(a));
}

void WorkMemAdvice(const std::vector<const model::Query*>& sorting, std::vector<Advice>& out) {
  if (sorting.empty()) return;
  std::map<std::string, double> per_table;
  for (const auto* q : sorting) {
    for (const auto& t : q->tables) per_table[t.ToString()] += q->calls;
  }
  Advice a;
  a.id = "perf/work-mem-sorts";
  a.title = "Sorts and aggregations that may exceed work_mem";
  a.detail = fmt::format(
      "{} statement(s) sort without a LIMIT, group/aggregate across joins or page with OFFSET, without an "
      "equality filter on a parameter that would keep the row count small. Each sort or "
      "hash node may use up to work_mem (default 4 MB) before spilling to temporary files, and one statement "
      "can have several such nodes per parallel worker. Rather than raising work_mem globally (multiplied by "
      "every pooled connection), give the reporting role or the report's transaction a larger value and log "
      "temporary files to see which statements spill. The table sizes and temp_blks_written from "
      "pg_stat_statements would tell which of these actually spill.",
      sorting.size());
  for (const auto& [table, calls] : per_table) {
    a.evidence.push_back(fmt::format("{} is read by these statements {} times per hour", table, FormatCount(calls)));
  }
  for (const auto* q : sorting) a.evidence.push_back(DescribeQuery(*q));
  a.snippet =
      "-- for the role running reports / exports only:\n"
      "ALTER ROLE reporting SET work_mem = '64MB';\n"
      "-- or per transaction:  BEGIN; SET LOCAL work_mem = '64MB'; <report query>; COMMIT;\n"
      "-- postgresql.conf: log_temp_files = 0   # log every spill with its size\n";
  a.based_on = "workload";
  out.push_back(std::move(a));
}

void SelectStarAdvice(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out) {
  std::map<model::QualifiedName, std::vector<const model::Query*>> by_table;
  for (const auto& q : workload.queries) {
    if (!q.select_star) continue;
    for (const auto& t : q.tables) {
      const model::Table* table = catalog.FindTable(t);
      if (!table) continue;
      size_t toastable = 0;
      for (const auto& c : table->columns) toastable += IsToastableType(c.type);
      if (table->columns.size() >= kWideTableColumns || toastable >= 2) by_table[t].push_back(&q);
    }
  }
  for (const auto& [name, queries] : by_table) {
    const model::Table* table = catalog.FindTable(name);
    std::vector<std::string> toastable;
    for (const auto& c : table->columns) {
      if (IsToastableType(c.type)) toastable.push_back(c.name + " " + c.type.ToSql());
    }
    double calls = 0;
    for (const auto* q : queries) calls += q->calls;
    Advice a;
    a.id = "perf/select-star-wide-table";
    a.title = fmt::format("SELECT * on wide table {}", name.ToString());
    a.detail = fmt::format(
        "{} has {} columns ({} of variable length that may be TOASTed). SELECT * ({} calls/h) fetches and "
        "detoasts all of them, sends them over the network, rules out index-only scans and silently changes "
        "the result shape when a migration adds a column. List the columns the caller uses. Live statistics "
        "(average row width from pg_stats) would quantify the saving.",
        name.ToString(), table->columns.size(), toastable.size(), FormatCount(calls));
    if (!toastable.empty()) a.evidence.push_back("variable-length columns: " + fmt::format("{}", fmt::join(toastable, ", ")));
    for (const auto* q : queries) a.evidence.push_back(DescribeQuery(*q));
    a.based_on = "schema+workload";
    out.push_back(std::move(a));
  }
}

}  // namespace

void AdviseQueryShapes(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out) {
  std::vector<const model::Query*> offset_queries, sorting;
  for (const auto* q : QueriesByCalls(workload)) {
    if (q->kind != model::StatementKind::kSelect) continue;
    bool offset = HasOffset(*q);
    if (offset) offset_queries.push_back(q);
    if (offset || (!IsSelectiveLookup(*q) && (SortsWithoutLimit(*q) || Aggregates(*q)))) sorting.push_back(q);
  }
  OffsetAdvice(offset_queries, out);
  WorkMemAdvice(sorting, out);
  SelectStarAdvice(catalog, workload, out);
}

}  // namespace dbarch::analyzers::ops
