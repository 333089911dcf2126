// Proves a query rewrite on the scratch environment: the original and the rewritten query run with the same
// parameter values (sampled from the data, several samples) and must return the same rows — compared as
// multisets on the server (row count and an md5 of the sorted rows); then both are planned with those values
// (planner cost, plan outline) and timed (verify/timed_run.h). A rewrite is "faster" only when its median
// time is at least 5 % below the original's and the ranges do not overlap; otherwise the verdict says so.
// rewrite/offset-to-keyset is compared on a deep page (verify/keyset_page.h): the original at OFFSET m, the
// rewrite with the cursor of the row before, rows compared in their order (md5 over the rows as they come).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/rewrite.h"
#include "model/workload.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"

namespace dbarch::verify {

struct RewriteCheck {
  std::string fingerprint, rule_id;
  bool ran = false;
  std::string error;              // why it could not be checked
  int samples = 0;                // parameter samples compared
  bool same_rows = false;         // for every sample
  long long rows = 0;             // rows returned with the first sample
  std::string difference;         // for the first differing sample: row counts of both
  bool in_order = false;          // rows compared in their output order (keyset pages), not as multisets
  long long offset = 0;           // keyset: the original's OFFSET for the first sample (planned and timed)
  double cost_before = 0, cost_after = 0;
  std::string plan_before, plan_after;  // outlines
  std::optional<TimingSummary> before, after;
  enum class Verdict { kFaster, kNoFaster, kSlower, kDifferentRows, kNotRun } verdict = Verdict::kNotRun;
};

struct RewriteCheckOptions {
  int samples = 3;
  TimingOptions timing;
  std::function<void(int64_t done, int64_t total)> progress;
};

// One rewrite of `query`, on any connection to a database holding the schema and data.
RewriteCheck CheckRewrite(PgConnection& connection, const model::Query& query, const analyzers::QueryRewrite& rewrite,
                          const RewriteCheckOptions& options = {});

std::vector<RewriteCheck> CheckRewrites(ScratchEnvironment& environment, const model::Workload& workload,
                                        const std::vector<analyzers::QueryRewrite>& rewrites,
                                        const RewriteCheckOptions& options = {});

std::string_view VerdictText(RewriteCheck::Verdict verdict);

// A query's rows as a multiset: the count and an md5 of the rows' text forms in sorted order, computed by the
// server. Equal digests = same rows (also used by verify/denormalize_check.h). `in_order`: the md5 of the rows in
// the order the query returns them (numbered before they are aggregated), for rewrites that must keep the order.
struct RowDigest {
  long long rows = 0;
  std::string md5;
};
Result<RowDigest> DigestRows(PgConnection& connection, const std::string& sql,
                             const std::vector<std::optional<std::string>>& parameters, bool in_order = false);

// The verdict for two equivalent queries: by measured time when both were timed (at least 5 % faster and the
// interquartile ranges apart), else by planner cost.
RewriteCheck::Verdict JudgeSpeed(const std::optional<TimingSummary>& before, const std::optional<TimingSummary>& after,
                                 double cost_before, double cost_after);

}  // namespace dbarch::verify
