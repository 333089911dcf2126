// `dbarch tune` output: the postgresql.conf fragment (every setting under its reason, loadable with
// `include`), the per-table ALTER TABLE … SET statements, pgbouncer.ini, and the whole result — advice,
// comparison with a live server, risky current settings, the pgbench measurement — as Markdown (also the
// report's section 6) and JSON (docs/tune.md lists the fields).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/tune.h"
#include "verify/config_benchmark.h"

namespace dbarch::report {

struct TuneReport {
  analyzers::TuneAdvice advice;
  std::optional<std::vector<analyzers::SettingDifference>> differences;  // with a live server
  std::vector<analyzers::RiskySetting> risky;
  std::optional<verify::ConfigBenchmark> benchmark;
  std::string benchmark_not_run;  // why there is no measurement ("" when not asked for)
  // When the measurement used settings computed for the machine it ran on rather than the target.
  std::optional<analyzers::HardwareFacts> benchmark_hardware;
};

std::string RenderPostgresqlConf(const analyzers::TuneAdvice& advice);
// The ALTER TABLE statements, each under its reason; "" when there are none.
std::string RenderTableOverridesSql(const analyzers::TuneAdvice& advice);
// A pgbouncer.ini for database `dbname` on the server at host:port.
std::string RenderPgbouncerIni(const analyzers::TuneAdvice& advice, const std::string& dbname,
                               const std::string& host = "127.0.0.1", int port = 5432);
// The conf fragment with the comparison, risks and measurement as leading comments (`dbarch tune`'s default).
std::string RenderTuneText(const TuneReport& report);
std::string RenderTuneMarkdown(const TuneReport& report, int heading_level = 1);
nlohmann::json TuneJson(const TuneReport& report);

// "+12.3 %" style change of b over a.
std::string PercentChange(double before, double after);

}  // namespace dbarch::report
