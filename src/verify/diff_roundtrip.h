// Proves a diff plan on the scratch cluster: the source schema is loaded with a few synthetic rows per
// table, the plan's up steps are applied and the live catalog is compared with the target; the down steps
// must give back the source, and up again the target. Row counts of the tables both schemas share must
// survive every stage. The references are read live too (the target built from the model in its own
// database), so what is compared is what PostgreSQL made of each side, not how the DDL was written.
//
// During the first up stage every step's relation locks are measured (verify/step_locks.h) and compared
// with the lock level the step claims: a step that takes a stronger lock than it claims fails the round
// trip; one that claims more than it takes is a note.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/diff/diff_planner.h"
#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/statistics.h"
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

// One up step's measured locks against its claim.
struct StepLockCheck {
  enum class Verdict {
    kMatches,        // the strongest lock seen is the claimed level
    kClaimTooWeak,   // a stronger lock was seen: a failure
    kClaimTooStrong, // only weaker locks were seen: a note
    kNotMeasured,    // see `method`
  };
  int step = 0;
  std::string title;
  std::string claimed;              // MigrationStep::lock_level
  std::string observed;             // the strongest relation lock seen ("NONE" for none); "" when not measured
  std::vector<std::string> locks;   // "ACCESS EXCLUSIVE on public.orders", strongest first
  std::string method;               // how it was measured, or why not
  Verdict verdict = Verdict::kNotMeasured;
  bool ok() const { return verdict != Verdict::kClaimTooWeak; }
  // "step 3 (Build index …): claims SHARE UPDATE EXCLUSIVE, took SHARE UPDATE EXCLUSIVE on public.orders"
  std::string ToString() const;
};
std::string_view VerdictName(StepLockCheck::Verdict verdict);  // "matches", "claim too weak", …

struct DiffRoundTripResult {
  std::vector<RoundTripStage> stages;
  std::vector<StepLockCheck> locks;  // one per up step with SQL, in step order
  int64_t rows_loaded = 0;
  // The source's tables as loaded (sizes and row counts after ANALYZE, origin kSynthetic): what step
  // durations are estimated from when the source is not a live database (analyzers/diff/step_duration.h).
  model::Statistics source_sizes;
  std::vector<std::string> notes;
  bool ok() const;
};

// Errors: the cluster cannot be used, or a step fails (the message names the step and carries
// PostgreSQL's error). Differences are results, not errors.
Result<DiffRoundTripResult> VerifyDiffRoundTrip(ScratchCluster& cluster, const model::Catalog& from,
                                                const model::Catalog& to, const analyzers::diff::DiffPlan& plan,
                                                const DiffRoundTripOptions& options = {});

}  // namespace dbarch::verify
