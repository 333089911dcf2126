// The workloads bench/index_advisor_bench.cc runs the advisors on: where each one's schema, data generator
// and queries are, how its generator is told the scale and seed, and which queries its "subset" leaves out.
#pragma once

#include <filesystem>
#include <algorithm>
#include <string>
#include <vector>

#include "dbarch/status.h"

namespace dbarch::bench {

struct IndexAdvisorWorkload {
  std::string name;         // "tpch", "job": the --workload value
  std::string title;        // "TPC-H", "JOB-like": the output's first words
  std::filesystem::path dir;  // bench/tpch, bench/job: schema.sql and generate.sql are there
  double default_scale = 1;   // --sf when not given
  size_t query_count = 0;     // how many queries the workload must have
  // Queries whose costs dominate the sums; the "subset" columns and the second advisor run leave them out
  // (TPC-H: Q2, Q17, Q20 as in the VLDB'20 evaluation). Empty: no subset.
  std::vector<std::string> dominant;
  std::string parameters;  // how the queries' parameters were chosen, for the output's header

  bool has_subset() const { return !dominant.empty(); }
  bool InSubset(const std::string& label) const {
    return std::find(dominant.begin(), dominant.end(), label) == dominant.end();
  }
  // SQL that creates and fills the one-row settings table generate.sql reads (a TEMP table).
  std::string SettingsSql(double scale, double seed) const;
  // The workload: one statement per query, each after a "-- name: <label>" line.
  Result<std::string> QueriesSql(double scale) const;
};

// "tpch" or "job" under the source tree `root`; an error for any other name.
Result<IndexAdvisorWorkload> FindIndexAdvisorWorkload(const std::string& name, const std::filesystem::path& root);

}  // namespace dbarch::bench
