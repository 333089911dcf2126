#include "verify/config_benchmark.h"

#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "verify/applied_settings.h"
#include "verify/run_program.h"

namespace dbarch::verify {

namespace {

Result<PgbenchResult> RunMode(const ScratchCluster& cluster, const std::string& pgbench, const std::string& dbname,
                              const std::string& mode, const ConfigBenchmarkOptions& options) {
  std::vector<std::string> args = {pgbench, "-h", cluster.socket_dir(), "-p", std::to_string(cluster.port()),
                                   "-U", cluster.superuser(), "-n",
                                   "-b", mode,
                                   "-c", std::to_string(options.clients),
                                   "-j", std::to_string(std::min(options.threads, options.clients)),
                                   "-T", std::to_string(options.seconds), dbname};
  auto run = RunProgram(args);
  if (!run.ok()) return run.status();
  if (run->exit_code != 0) {
    return Status::Unavailable(fmt::format("pgbench -b {} failed (exit {}):\n{}", mode, run->exit_code, run->output));
  }
  auto parsed = ParsePgbenchOutput(run->output);
  if (!parsed.ok()) return parsed.status();
  parsed->mode = mode;
  return parsed;
}

Result<ConfigurationRun> RunConfiguration(const std::string& label, const std::map<std::string, std::string>& settings,
                                          const std::string& pgbench, const ConfigBenchmarkOptions& options) {
  ConfigurationRun run;
  run.label = label;
  run.settings = settings;
  ScratchClusterOptions cluster_options = options.cluster;
  ApplyConfiguration(settings, &cluster_options);
  if (options.progress) options.progress(fmt::format("{}: starting a scratch cluster", label));
  auto cluster = ScratchCluster::Start(cluster_options);
  if (!cluster.ok()) {
    return Status::Unavailable(fmt::format("the scratch cluster with the {} settings did not start: {}", label,
                                           cluster.status().message()));
  }
  auto dbname = (*cluster)->CreateDatabase("dbarch_pgbench");
  if (!dbname.ok()) return dbname.status();
  // Read back what the server runs with: proof the configuration took effect, not just that it was written.
  {
    auto connection = (*cluster)->Connect(*dbname);
    if (!connection.ok()) return connection.status();
    auto applied = ReadAppliedSettings(*connection, settings);
    if (!applied.ok()) return applied.status();
    run.applied = std::move(applied).value();
  }
  if (options.progress) options.progress(fmt::format("{}: pgbench -i -s {}", label, options.scale));
  auto init = RunProgram({pgbench, "-h", (*cluster)->socket_dir(), "-p", std::to_string((*cluster)->port()), "-U",
                          (*cluster)->superuser(), "-i", "-q", "-s", std::to_string(options.scale), *dbname});
  if (!init.ok()) return init.status();
  if (init->exit_code != 0) {
    return Status::Unavailable(fmt::format("pgbench -i failed (exit {}):\n{}", init->exit_code, init->output));
  }
  for (const auto& mode : options.modes) {
    if (options.progress) options.progress(fmt::format("{}: pgbench -b {} for {} s", label, mode, options.seconds));
    auto result = RunMode(**cluster, pgbench, *dbname, mode, options);
    if (!result.ok()) return result.status();
    run.results.push_back(*result);
  }
  auto stopped = (*cluster)->Stop();
  if (!stopped.ok()) return stopped;
  return run;
}

}  // namespace

Result<PgbenchResult> ParsePgbenchOutput(const std::string& output) {
  static const std::regex kTps(R"(tps = ([0-9.]+) \(without initial connection time\))");
  static const std::regex kLatency(R"(latency average = ([0-9.]+) ms)");
  static const std::regex kTransactions(R"(number of transactions actually processed: ([0-9]+))");
  PgbenchResult result;
  std::smatch m;
  if (!std::regex_search(output, m, kTps)) {
    return Status::InvalidInput("pgbench printed no \"tps = … (without initial connection time)\" line:\n" + output);
  }
  result.tps = std::stod(m[1]);
  if (std::regex_search(output, m, kLatency)) result.latency_ms = std::stod(m[1]);
  if (std::regex_search(output, m, kTransactions)) result.transactions = std::stoll(m[1]);
  return result;
}

Result<ConfigBenchmark> BenchmarkConfigurations(const std::map<std::string, std::string>& baseline,
                                                const std::map<std::string, std::string>& tuned,
                                                const ConfigBenchmarkOptions& options) {
  auto binaries = FindPostgresBinaries(options.cluster.bindir);
  if (!binaries.ok()) return binaries.status();
  const std::string pgbench = (std::filesystem::path(binaries->bindir) / "pgbench").string();
  if (!std::filesystem::exists(pgbench)) {
    return Status::Unavailable(fmt::format("pgbench is not in {} (it ships with postgresql-contrib / the server "
                                           "package)",
                                           binaries->bindir));
  }
  ConfigBenchmark out;
  out.scale = options.scale;
  out.clients = options.clients;
  out.seconds = options.seconds;
  auto version = RunProgram({pgbench, "--version"});
  if (version.ok()) {
    out.pgbench = version->output;
    while (!out.pgbench.empty() && out.pgbench.back() == '\n') out.pgbench.pop_back();
  }
  ConfigBenchmarkOptions run_options = options;
  run_options.cluster.bindir = binaries->bindir;
  auto base = RunConfiguration("PostgreSQL defaults", baseline, pgbench, run_options);
  if (!base.ok()) return base.status();
  auto recommended = RunConfiguration("recommended", tuned, pgbench, run_options);
  if (!recommended.ok()) return recommended.status();
  out.baseline = std::move(*base);
  out.tuned = std::move(*recommended);
  return out;
}

}  // namespace dbarch::verify
