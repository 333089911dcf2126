// What `dbarch tune` and `dbarch report` share for the configuration advice: the server facts it is sized
// for (--ram, --cpus, --storage, --type, --max-connections; a missing fact is detected on this machine for
// tune, which usually runs on the server, and assumed for the report, which usually runs on a laptop or in
// CI), and the measurement (--bench-seconds, --bench-scale, --bench-clients for pgbench; the workload replay).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "analyzers/tune.h"
#include "cli/cli_common.h"
#include "dbarch/status.h"
#include "report/tune_text.h"

namespace dbarch::cli {

struct HardwareFlags {
  std::string ram;      // "16GB"
  int cpus = 0;
  std::string storage;  // ssd, hdd, network
  std::string type;     // web, oltp, dw, mixed
  int max_connections = 0;
};

void AddHardwareFlags(CLI::App* command, HardwareFlags* flags, bool detect_missing);

enum class MissingFacts { kDetect, kAssume };
// kInvalidInput for an unreadable --ram.
Result<analyzers::TuneRequest> TuneRequestFromFlags(const HardwareFlags& flags, MissingFacts missing);

// The same request with RAM and CPUs of the machine dbarch runs on (for measuring here); nullopt when the
// request already describes this machine.
std::optional<analyzers::TuneRequest> RequestForThisMachine(const analyzers::TuneRequest& request);

struct BenchFlags {
  int seconds = 10;
  int scale = 10;
  int clients = 8;
  std::string pg_bindir;
  // The workload replay's data and timing (the report passes its --rows, --scale, --seed, --repetitions).
  int64_t rows = 0;  // per table; 0 = by role or live statistics
  double data_scale = 1.0;
  uint64_t seed = 1;
  int repetitions = 5;
};
void AddBenchFlags(CLI::App* command, BenchFlags* flags, int default_seconds);

// Runs the pgbench comparison of `advice` on two scratch clusters into `out` (benchmark, or
// benchmark_not_run), starts the pgbouncer.ini (pooler_check), and replays the workload's statements under
// both configurations when there are a schema and statements (workload_benchmark, or why not). When the request is for other hardware, the measured settings are recomputed for
// this machine (memory and parallelism must fit where they run) and out->benchmark_hardware says so.
void MeasureConfiguration(const analyzers::TuneRequest& request, const model::Catalog& catalog,
                          const model::Workload& workload, const model::Statistics* statistics,
                          const BenchFlags& flags, const GlobalOptions& global, report::TuneReport* out);

}  // namespace dbarch::cli
