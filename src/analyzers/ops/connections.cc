// Connection pooling and timeouts: how many server connections the workload needs, whether it can use
// transaction pooling, and the timeouts that keep one stuck client from holding locks and vacuum back.
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

// Assumed mean statement time for a Little's-law estimate of busy connections.
constexpr double kAssumedMeanMs = 5;
// Statements run less often than this per hour and doing aggregation or unbounded sorts look like reports.
constexpr double kReportCallsPerHour = 100;

bool LooksLikeReport(const model::Query& q) {
  bool heavy = !q.group_by.empty() || q.has_aggregate || (!q.order_by.empty() && !q.limit && !q.has_parameter_limit);
  return q.kind == model::StatementKind::kSelect && q.calls < kReportCallsPerHour && heavy;
}

std::vector<std::string> LoginRoles(const model::Catalog& catalog) {
  std::vector<std::string> roles;
  for (const auto& [name, role] : catalog.roles) {
    if (role.login && !role.superuser) roles.push_back(name);
  }
  return roles;
}

void PoolingAdvice(const model::Workload& workload, std::vector<Advice>& out) {
  double per_second = workload.TotalCalls() / 3600.0;
  double busy = per_second * kAssumedMeanMs / 1000.0;
  int pool = AssumedPoolSize();
  auto features = DetectSessionFeatures(workload);

  Advice a;
  a.id = "perf/connection-pooling";
  a.title = fmt::format("Put PgBouncer in front of PostgreSQL ({} pool mode)", features.empty() ? "transaction" : "session");
  a.detail = fmt::format(
      "The workload adds up to {} statements/h ({:.1f}/s). At an assumed mean of {:g} ms per statement that keeps "
      "about {:.1f} server connections busy on average (Little's law), so a small pool serves it: size the pool "
      "by the server, not by the number of application instances — (2 × cores) + effective spindles, i.e. {} "
      "for the assumed {} cores and one SSD. Each idle PostgreSQL backend still costs memory and slows snapshot "
      "taking, and bursts beyond the cores only queue inside the database. ",
      FormatCount(workload.TotalCalls()), per_second, kAssumedMeanMs, busy, pool, kAssumedCores);
  if (features.empty()) {
    a.detail +=
        "No statement of the workload uses session state (LISTEN, session SET, PREPARE, session advisory locks, "
        "temporary tables, WITH HOLD cursors), so transaction pooling is safe; keep it that way (use SET LOCAL "
        "and pg_advisory_xact_lock). Protocol-level prepared statements of drivers are not visible in SQL files: "
        "PgBouncer 1.21+ supports them in transaction mode with max_prepared_statements. ";
  } else {
    a.detail +=
        "Some statements use session state, which transaction pooling would leak between clients or lose; either "
        "rewrite them (SET LOCAL, pg_advisory_xact_lock, ON COMMIT DROP temp tables) and use transaction mode, or "
        "route those clients through a separate session-mode pool. ";
    for (const auto& f : features) a.evidence.push_back(f.feature + " in " + DescribeQuery(*f.query));
  }
  a.detail += "Measured mean_exec_time from pg_stat_statements and the real core count would replace the assumed "
              "5 ms and 4 cores.";
  a.evidence.insert(a.evidence.begin(),
                    fmt::format("{} statements, {} calls/h in total", workload.queries.size(),
                                FormatCount(workload.TotalCalls())));
  a.snippet = fmt::format(
      "; pgbouncer.ini\n"
      "[databases]\n"
      "appdb = host=127.0.0.1 port=5432 dbname=appdb\n"
      "[pgbouncer]\n"
      "pool_mode = {}\n"
      "default_pool_size = {}        ; (2 x {} cores) + {} spindle — assumed hardware\n"
      "reserve_pool_size = 2\n"
      "max_client_conn = 2000\n"
      "max_prepared_statements = 200 ; PgBouncer >= 1.21, driver-level prepared statements\n"
      "server_idle_timeout = 600\n"
      "; postgresql.conf: max_connections = {}  ; pool + reserve + admin/replication headroom\n",
      features.empty() ? "transaction" : "session", pool, kAssumedCores, kAssumedSpindles, SuggestedMaxConnections());
  a.based_on = "workload";
  out.push_back(std::move(a));
}

void TimeoutAdvice(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out) {
  std::vector<const model::Query*> reports;
  for (const auto& q : workload.queries) {
    if (LooksLikeReport(q)) reports.push_back(&q);
  }
  auto roles = LoginRoles(catalog);
  std::string app_role = roles.empty() ? "app" : model::QuoteIdent(roles.front());

  Advice a;
  a.id = "perf/timeouts";
  a.title = "Set statement, lock and idle-in-transaction timeouts per role";
  a.detail =
      "Without timeouts one slow statement or one client that opened a transaction and went away holds its row "
      "locks and its snapshot indefinitely: other writers queue behind the locks and vacuum cannot remove dead "
      "rows newer than the snapshot, on every table. ";
  auto hot = HotWriteTables(EstimatePressure(workload));
  if (!hot.empty()) {
    std::vector<std::string> names;
    for (const auto* p : hot) names.push_back(p->table.ToString());
    a.detail += fmt::format("This matters most for the write-heavy {} whose bloat depends on vacuum keeping up. ",
                            fmt::join(names, ", "));
    for (const auto* p : hot) {
      a.evidence.push_back(fmt::format("{}: {} UPDATE+DELETE calls/h", p->table.ToString(),
                                       FormatCount(p->DeadTupleWrites())));
    }
  }
  a.detail +=
      "Short limits fit the interactive statements; statements that look like reports (rare, aggregating or "
      "sorting without LIMIT) get a separate role with a longer statement_timeout. Migrations should set "
      "lock_timeout themselves so a DDL waiting for a lock does not block all traffic behind it. ";
  if (!reports.empty()) {
    a.detail += fmt::format("{} statement(s) of the workload look like reports. ", reports.size());
    for (const auto* q : reports) a.evidence.push_back("report-like: " + DescribeQuery(*q));
  }
  a.detail += "Measured statement durations (pg_stat_statements max_exec_time) would let dbarch set the limits "
              "just above the real worst case.";
  if (!roles.empty()) {
    a.evidence.push_back(fmt::format("login roles in the schema: {}", fmt::join(roles, ", ")));
  }
  a.snippet = fmt::format(
      "-- interactive application role\n"
      "ALTER ROLE {0} SET statement_timeout = '5s';\n"
      "ALTER ROLE {0} SET lock_timeout = '2s';\n"
      "ALTER ROLE {0} SET idle_in_transaction_session_timeout = '60s';\n",
      app_role);
  if (!reports.empty()) {
    a.snippet +=
        "-- reporting role for the report-like statements\n"
        "ALTER ROLE reporting SET statement_timeout = '5min';\n"
        "ALTER ROLE reporting SET idle_in_transaction_session_timeout = '10min';\n";
  }
  a.snippet +=
      "-- postgresql.conf safety net for everything else\n"
      "-- idle_in_transaction_session_timeout = '5min'\n"
      "-- in every migration, before DDL:  SET lock_timeout = '5s';\n";
  a.based_on = roles.empty() ? "workload" : "schema+workload";
  out.push_back(std::move(a));
}

}  // namespace

void AdviseConnections(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out) {
  if (workload.queries.empty()) return;
  PoolingAdvice(workload, out);
  TimeoutAdvice(catalog, workload, out);
}

}  // namespace dbarch::analyzers::ops
