// Proves a configuration: pgbench on two private scratch clusters, one with PostgreSQL's defaults for the
// settings being tuned and one with the recommended values, everything else identical — including
// durability (fsync, synchronous_commit, full_page_writes on, autovacuum on), which scratch clusters
// otherwise turn off for speed, because WAL and checkpoint settings only matter when writes are durable.
// Each cluster is initialized with the same pgbench scale and runs the same modes for the same time.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {

struct ConfigBenchmarkOptions {
  int scale = 10;      // pgbench -i -s: 100 000 accounts rows per unit (~15 MB)
  int clients = 8;     // pgbench -c
  int threads = 2;     // pgbench -j
  int seconds = 10;    // pgbench -T, per mode and configuration
  // pgbench built-in scripts: "tpcb-like" (writes), "simple-update", "select-only".
  std::vector<std::string> modes = {"tpcb-like", "select-only"};
  ScratchClusterOptions cluster;  // bindir, parent_dir; settings are filled in per configuration
  std::function<void(const std::string&)> progress;  // "baseline: tpcb-like" …; may be empty
};

struct PgbenchResult {
  std::string mode;
  double tps = 0;            // excluding connection time
  double latency_ms = 0;     // average
  long long transactions = 0;
};

struct ConfigurationRun {
  std::string label;                          // "PostgreSQL defaults", "recommended"
  std::map<std::string, std::string> settings;  // what was asked for
  std::map<std::string, std::string> applied;   // the same settings as the running server reported them
  std::vector<PgbenchResult> results;         // one per mode, in options.modes order
};

struct ConfigBenchmark {
  ConfigurationRun baseline, tuned;
  int scale = 0, clients = 0, seconds = 0;
  std::string pgbench;  // "pgbench (PostgreSQL) 15.x"
};

// `baseline` and `tuned` map setting names to postgresql.conf values ('128MB' or 128MB). kUnavailable when
// a cluster cannot start with a configuration (the server's error is in the message) or pgbench fails.
Result<ConfigBenchmark> BenchmarkConfigurations(const std::map<std::string, std::string>& baseline,
                                                const std::map<std::string, std::string>& tuned,
                                                const ConfigBenchmarkOptions& options);

// Parses pgbench's summary ("tps = 1234.5 (without initial connection time)", "latency average = 6.4 ms",
// "number of transactions actually processed: 12345"). kInvalidInput when there is no tps line.
Result<PgbenchResult> ParsePgbenchOutput(const std::string& output);

}  // namespace dbarch::verify
