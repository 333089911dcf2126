// Proves a diff plan on the scratch cluster: the source schema is loaded with a few synthetic rows per
// table, the plan's up steps are applied and the live catalog is compared with the target; the down steps
// must give back the source, and up again the target. Row counts of the tables both schemas share must
// survive every stage. The references are read live too (the target built from the model in its own
// database), so what is compared is what PostgreSQL made of each side, not how the DDL was written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/diff/diff_planner.h"
#include "dbarch/status.h"
#include "model/catalog.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {

struct DiffRoundTripOptions {
  int64_t rows_per_table = 5;  // synthetic rows loaded into the source schema; 0 = none
  uint64_t seed = 1;
};

struct RoundTripStage {
  std::string name;                      // "up", "down", "up again"
  std::vector<std::string> differences;  // live catalog vs the expected side, plus row count changes
  bool ok() const { return differences.empty(); }
};

struct DiffRoundTripResult {
  std::vector<RoundTripStage> stages;
  int64_t rows_loaded = 0;
  std::vector<std::string> notes;
  bool ok() const;
};

// Errors: the cluster cannot be used, or a step fails (the message names the step and carries
// PostgreSQL's error). Differences are results, not errors.
Result<DiffRoundTripResult> VerifyDiffRoundTrip(ScratchCluster& cluster, const model::Catalog& from,
                                                const model::Catalog& to, const analyzers::diff::DiffPlan& plan,
                                                const DiffRoundTripOptions& options = {});

}  // namespace dbarch::verify
