#include "cli/tune_flags.h"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "analyzers/index_advisor/budget.h"
#include "cli/progress.h"
#include "sources/machine/hardware_probe.h"
#include "verify/tune_verify.h"
#include "verify/workload_config_benchmark.h"

namespace dbarch::cli {

namespace {

constexpr const char* kDetected = "detected on this machine";

}  // namespace

void AddHardwareFlags(CLI::App* command, HardwareFlags* flags, bool detect_missing) {
  const std::string ram_default = detect_missing ? "this machine's" : "assumed 16GB";
  const std::string cpu_default = detect_missing ? "this machine's" : "assumed 4";
  command->add_option("--ram", flags->ram, fmt::format("The database server's RAM, e.g. 16GB (default: {})", ram_default));
  command->add_option("--cpus", flags->cpus, fmt::format("The database server's CPU cores (default: {})", cpu_default))
      ->check(CLI::PositiveNumber);
  command->add_option("--storage", flags->storage,
                      fmt::format("ssd, hdd or network (cloud volume / SAN) (default: {})",
                                  detect_missing ? "detected" : "assumed ssd"))
      ->check(CLI::IsMember({"ssd", "nvme", "hdd", "network", "san", "cloud"}));
  command->add_option("--type", flags->type, "Workload: web, oltp, dw or mixed (default: inferred from the workload)")
      ->check(CLI::IsMember({"web", "oltp", "dw", "warehouse", "mixed"}));
  command->add_option("--max-connections", flags->max_connections,
                      "Connections the server must accept (default: sized for a server behind PgBouncer)")
      ->check(CLI::PositiveNumber);
}

Result<analyzers::TuneRequest> TuneRequestFromFlags(const HardwareFlags& flags, MissingFacts missing) {
  const bool detect = missing == MissingFacts::kDetect;
  const sources::ProbedHardware probed = detect ? sources::ProbeHardware() : sources::ProbedHardware{};
  const analyzers::HardwareFacts assumed = analyzers::AssumedServer().hardware;
  analyzers::TuneRequest request;
  auto& hw = request.hardware;
  if (!flags.ram.empty()) {
    auto size = analyzers::ParseIndexBudget(flags.ram);
    if (!size.ok() || size->bytes <= 0) {
      return Status::InvalidInput(fmt::format("--ram {}: expected a size such as 16GB or 512MB", flags.ram));
    }
    hw.ram_bytes = size->bytes;
    hw.ram_origin = "--ram";
  } else {
    hw.ram_bytes = detect ? probed.ram_bytes : assumed.ram_bytes;
    hw.ram_origin = detect ? kDetected : assumed.ram_origin;
  }
  if (flags.cpus > 0) {
    hw.cpus = flags.cpus;
    hw.cpus_origin = "--cpus";
  } else {
    hw.cpus = detect ? probed.cpus : assumed.cpus;
    hw.cpus_origin = detect ? kDetected : assumed.cpus_origin;
  }
  if (!flags.storage.empty()) {
    hw.storage = *analyzers::ParseStorageKind(flags.storage);
    hw.storage_origin = "--storage";
  } else if (detect && probed.rotational) {
    hw.storage = *probed.rotational ? analyzers::StorageKind::kHdd : analyzers::StorageKind::kSsd;
    hw.storage_origin = kDetected;
  } else {
    hw.storage = assumed.storage;
    hw.storage_origin = assumed.storage_origin;
  }
  if (!flags.type.empty()) request.workload_class = analyzers::ParseWorkloadClass(flags.type);
  request.max_connections = flags.max_connections;
  return request;
}

std::optional<analyzers::TuneRequest> RequestForThisMachine(const analyzers::TuneRequest& request) {
  const sources::ProbedHardware here = sources::ProbeHardware();
  const auto& hw = request.hardware;
  if (hw.cpus == here.cpus && std::llabs(hw.ram_bytes - here.ram_bytes) < hw.ram_bytes / 20) return std::nullopt;
  analyzers::TuneRequest local = request;
  local.hardware.ram_bytes = here.ram_bytes;
  local.hardware.cpus = here.cpus;
  local.hardware.ram_origin = local.hardware.cpus_origin = kDetected;
  return local;
}

void AddBenchFlags(CLI::App* command, BenchFlags* flags, int default_seconds) {
  flags->seconds = default_seconds;
  command->add_option("--bench-seconds", flags->seconds,
                      fmt::format("pgbench run time per mode and configuration (default {})", default_seconds))
      ->check(CLI::Range(1, 3600));
  command->add_option("--bench-scale", flags->scale, "pgbench scale factor (default 10, ~150 MB)")
      ->check(CLI::Range(1, 10000));
  command->add_option("--bench-clients", flags->clients, "pgbench clients (default 8)")->check(CLI::Range(1, 1000));
}

namespace {

// The application's own statements under both configurations, after pgbench (its clusters are gone by then).
void ReplayWorkload(const analyzers::TuneAdvice& measured, const model::Catalog& catalog,
                    const model::Workload& workload, const model::Statistics* statistics, const BenchFlags& flags,
                    const GlobalOptions& global, report::TuneReport* out) {
  if (workload.queries.empty()) {
    out->workload_benchmark_not_run = "the inputs hold no workload statements to replay";
    return;
  }
  if (catalog.tables.empty()) {
    out->workload_benchmark_not_run = "the inputs hold no schema to replay the workload on";
    return;
  }
  Progress progress(global);
  verify::WorkloadBenchmarkOptions options;
  options.environment.cluster.bindir = flags.pg_bindir;
  options.environment.statistics = statistics;
  options.environment.data.seed = flags.seed;
  options.environment.data.scale = flags.data_scale;
  if (flags.rows > 0) {
    for (const auto& [name, table] : catalog.tables) options.environment.data.row_counts[name] = flags.rows;
  }
  options.timing.repetitions = flags.repetitions;
  options.progress = [&progress](const std::string& stage, int64_t done, int64_t total) {
    progress.Update(stage, done, total);
  };
  const verify::BenchmarkSettings settings = verify::SettingsToCompare(measured);
  auto replayed = verify::BenchmarkWorkload(catalog, workload, settings.baseline, settings.tuned, options);
  progress.Finish();
  if (replayed.ok()) {
    out->workload_benchmark = std::move(replayed).value();
  } else {
    out->workload_benchmark_not_run = replayed.status().message();
    if (global.verbosity() != Verbosity::kQuiet) {
      std::cerr << "warning: workload not replayed: " << out->workload_benchmark_not_run << "\n";
    }
  }
}

}  // namespace

void MeasureConfiguration(const analyzers::TuneRequest& request, const model::Catalog& catalog,
                          const model::Workload& workload, const model::Statistics* statistics,
                          const BenchFlags& flags, const GlobalOptions& global, report::TuneReport* out) {
  analyzers::TuneAdvice measured = out->advice;
  if (auto local = RequestForThisMachine(request)) {
    auto local_advice = analyzers::RecommendConfiguration(*local, catalog, workload, statistics);
    if (local_advice.ok()) {
      measured = std::move(local_advice).value();
      out->benchmark_hardware = local->hardware;
    }
  }
  Progress progress(global);
  verify::ConfigBenchmarkOptions options;
  options.seconds = flags.seconds;
  options.scale = flags.scale;
  options.clients = flags.clients;
  options.threads = std::max(1, std::min(sources::ProbeHardware().cpus, flags.clients));
  options.cluster.bindir = flags.pg_bindir;
  options.progress = [&progress](const std::string& stage) { progress.Update(stage, 0, 0); };
  auto benchmark = verify::BenchmarkAdvice(measured, options);
  // The pgbouncer.ini, started for real with four times as many clients as the pool has connections.
  verify::PoolerCheckOptions pooler_options;
  pooler_options.clients = std::max(20, 4 * measured.pooler.default_pool_size);
  pooler_options.seconds = std::max(2, flags.seconds / 2);
  pooler_options.bindir = flags.pg_bindir;
  pooler_options.progress = options.progress;
  auto render = [&measured](const verify::PoolerEndpoints& e) {
    return report::RenderPgbouncerIni(measured, report::PgbouncerEndpointsForCheck(e));
  };
  auto pooler = verify::CheckPooler(render, measured.pooler.default_pool_size + measured.pooler.reserve_pool_size,
                                    pooler_options);
  progress.Finish();
  if (pooler.ok()) {
    out->pooler_check = *pooler;
  } else {
    out->pooler_not_run = pooler.status().message();
    if (global.verbosity() != Verbosity::kQuiet) std::cerr << "warning: PgBouncer not checked: " << out->pooler_not_run << "\n";
  }
  if (benchmark.ok()) {
    out->benchmark = std::move(benchmark).value();
  } else {
    out->benchmark_not_run = benchmark.status().message();
    if (global.verbosity() != Verbosity::kQuiet) std::cerr << "warning: not measured: " << out->benchmark_not_run << "\n";
  }
  ReplayWorkload(measured, catalog, workload, statistics, flags, global, out);
}

}  // namespace dbarch::cli
