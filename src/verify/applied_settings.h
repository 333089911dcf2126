// How a configuration under test reaches a scratch cluster and how we prove it took effect. Shared by every
// comparison of two configurations (pgbench in config_benchmark.h, the workload replay in
// workload_config_benchmark.h) so that both measure exactly the same thing: the tuned settings on top of the
// same production-like durability, read back from the running server afterwards.
#pragma once

#include <map>
#include <string>

#include "dbarch/status.h"
#include "verify/pg_connection.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {

// Identical in every configuration compared: durable writes and background maintenance as in production
// (scratch clusters otherwise turn them off for speed, and WAL/checkpoint settings only matter with them on).
const std::map<std::string, std::string>& ProductionLikeSettings();

// Puts the production-like settings and then `settings` (names to postgresql.conf values, '128MB' or 128MB)
// into the cluster's postgresql.conf settings, quoting values that need it.
void ApplyConfiguration(const std::map<std::string, std::string>& settings, ScratchClusterOptions* cluster);

// The value each of `settings` has on the running server, as pg_settings shows it with its unit ("128MB",
// "1.1"); a name the server does not know is left out.
Result<std::map<std::string, std::string>> ReadAppliedSettings(PgConnection& connection,
                                                               const std::map<std::string, std::string>& settings);

// A postgresql.conf value as written: bare numbers and words as they are, anything else single-quoted.
std::string QuotedSettingValue(const std::string& value);

}  // namespace dbarch::verify
