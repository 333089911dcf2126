// `dbarch tune` output: the postgresql.conf fragment (every setting under its reason, loadable with
// `include`), the per-table ALTER TABLE … SET statements, pgbouncer.ini, and the whole result — advice,
// comparison with a live server, risky current settings, the pgbench measurement and the workload replay — as Markdown (also the
// report's section 6) and JSON (docs/tune.md lists the fields).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/tune.h"
#include "verify/config_benchmark.h"
#include "verify/pooler_check.h"
#include "verify/workload_config_benchmark.h"

namespace dbarch::report {

struct TuneReport {
  analyzers::TuneAdvice advice;
  std::optional<std::vector<analyzers::SettingDifference>> differences;  // with a live server
  std::vector<analyzers::RiskySetting> risky;
  std::optional<verify::ConfigBenchmark> benchmark;
  std::string benchmark_not_run;  // why there is no measurement ("" when not asked for)
  // When the measurement used settings computed for the machine it ran on rather than the target.
  std::optional<analyzers::HardwareFacts> benchmark_hardware;
  std::optional<verify::PoolerCheck> pooler_check;  // the pgbouncer.ini run for real in front of a scratch cluster
  std::string pooler_not_run;
  // The project's own workload replayed under both configurations (same schema, data and statements).
  std::optional<verify::WorkloadBenchmark> workload_benchmark;
  std::string workload_benchmark_not_run;  // why not ("" when not asked for)
};

std::string RenderPostgresqlConf(const analyzers::TuneAdvice& advice);
// The ALTER TABLE statements, each under its reason; "" when there are none.
std::string RenderTableOverridesSql(const analyzers::TuneAdvice& advice);
// Where PgBouncer listens and what it connects to; the defaults describe a pooler beside the server.
struct PgbouncerEndpoints {
  std::string dbname = "app";
  std::string server_host = "127.0.0.1";  // a path means a unix socket directory
  int server_port = 5432;
  std::string listen_addr = "127.0.0.1";  // "" = unix socket only
  int listen_port = 6432;
  std::string unix_socket_dir;            // "" = PgBouncer's default
  std::string auth_type = "scram-sha-256";
  std::string auth_file = "/etc/pgbouncer/userlist.txt";
  std::string admin_user = "postgres";
  std::string pidfile, logfile;           // "" = not written
};
std::string RenderPgbouncerIni(const analyzers::TuneAdvice& advice, const PgbouncerEndpoints& endpoints = {});
// The endpoints of verify::CheckPooler's private setup: unix socket only, trust on the scratch socket.
PgbouncerEndpoints PgbouncerEndpointsForCheck(const verify::PoolerEndpoints& e);
// The conf fragment with the comparison, risks and measurement as leading comments (`dbarch tune`'s default).
std::string RenderTuneText(const TuneReport& report);
std::string RenderTuneMarkdown(const TuneReport& report, int heading_level = 1);
nlohmann::json TuneJson(const TuneReport& report);

// One sentence on what the PgBouncer check showed.
std::string PoolerLine(const verify::PoolerCheck& check);

// "+12.3 %" style change of b over a.
std::string PercentChange(double before, double after);

// How the workload replay names a statement: its `-- name:` label, else its location and the start of its
// text on one line.
std::string StatementName(const verify::StatementComparison& statement);
// "0.412 → 0.398 ms (×0.97, noise)" for one statement's medians; the failure on either side when one is missing.
std::string StatementTimingLine(const verify::StatementComparison& statement);
// The table cells of one statement: "0.412 → 0.398" medians in ms (or why either side has none), "×0.97"
// ("" without both timings), planner costs "120.5 → 118.0" ("" unless planned on both).
std::string StatementMedians(const verify::StatementComparison& statement);
std::string MedianRatio(const verify::StatementComparison& statement);
std::string StatementCosts(const verify::StatementComparison& statement);
// "changed" / "same" for the executed plans, "" when either side has none.
std::string PlanCell(const verify::StatementComparison& statement);
// What was replayed how, with the noise threshold, as one paragraph.
std::string WorkloadSetupSentence(const verify::WorkloadBenchmark& benchmark);
// "3 faster, 1 slower, 38 within noise, 1 not compared".
std::string WorkloadVerdictCounts(const verify::WorkloadBenchmark& benchmark);
// The settings both servers reported differently, "work_mem 4MB → 16MB, …": proof each configuration applied.
std::string AppliedSettingsDifferences(const std::map<std::string, std::string>& baseline,
                                       const std::map<std::string, std::string>& tuned);
// The call-weighted total: "12.3 → 11.9 ms per round of calls (×0.97, -3.3 %), 41 of 43 statements".
std::string WorkloadTotalLine(const verify::WorkloadBenchmark& benchmark);

}  // namespace dbarch::report
