#include "verify/tune_verify.h"

namespace dbarch::verify {

BenchmarkSettings SettingsToCompare(const analyzers::TuneAdvice& advice) {
  // What ScratchCluster sets for speed, at PostgreSQL 15's defaults (durability is set by config_benchmark).
  static const std::map<std::string, std::string> kScratchOverridesAtDefault = {
      {"shared_buffers", "128MB"}, {"maintenance_work_mem", "64MB"}, {"max_wal_size", "1GB"},
      {"checkpoint_timeout", "5min"}, {"jit", "on"}, {"max_connections", "100"},
  };
  BenchmarkSettings out;
  for (const auto& [name, value] : kScratchOverridesAtDefault) {
    out.baseline[name] = value;
    out.tuned[name] = value;
  }
  for (const auto& s : advice.settings) {
    if (s.name == "shared_preload_libraries") continue;
    out.baseline[s.name] = s.postgres_default;
    out.tuned[s.name] = s.value;
  }
  return out;
}

Result<ConfigBenchmark> BenchmarkAdvice(const analyzers::TuneAdvice& advice, const ConfigBenchmarkOptions& options) {
  BenchmarkSettings settings = SettingsToCompare(advice);
  // pgbench needs its clients plus the server's reserved connections.
  for (auto* map : {&settings.baseline, &settings.tuned}) {
    int connections = std::stoi((*map)["max_connections"]);
    if (connections < options.clients + 5) (*map)["max_connections"] = std::to_string(options.clients + 5);
  }
  return BenchmarkConfigurations(settings.baseline, settings.tuned, options);
}

}  // namespace dbarch::verify
