#include "verify/rewrite_check.h"

#include <fmt/format.h>

#include "verify/explain.h"
#include "verify/keyset_page.h"

namespace dbarch::verify {
namespace {

constexpr unsigned kPageRetries = 20;

const model::Query* FindQuery(const model::Workload& workload, const std::string& fingerprint) {
  for (const auto& q : workload.queries) {
    if (q.fingerprint == fingerprint) return &q;
  }
  return nullptr;
}

}  // namespace

Result<RowDigest> DigestRows(PgConnection& connection, const std::string& sql,
                             const std::vector<std::optional<std::string>>& parameters, bool in_order) {
  auto result = connection.QueryParams(
      in_order ? "SELECT count(*)::text AS n, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY i), '')) AS digest FROM "
                 "(SELECT r, row_number() OVER () AS i FROM (" + sql + ") AS r) AS numbered"
               : "SELECT count(*)::text AS n, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS digest "
                 "FROM (" + sql + ") AS r",
      parameters);
  if (!result.ok()) return result.status();
  if (result->rows() != 1) return Status::Internal("the row digest returned no row");
  return RowDigest{std::stoll(result->Get(0, "n")), result->Get(0, "digest")};
}

RewriteCheck::Verdict JudgeSpeed(const std::optional<TimingSummary>& before, const std::optional<TimingSummary>& after,
                                 double cost_before, double cost_after) {
  if (before && after) {
    const auto& b = *before;
    const auto& a = *after;
    if (a.median_ms < b.median_ms * 0.95 && a.p75_ms < b.p25_ms) return RewriteCheck::Verdict::kFaster;
    if (a.median_ms > b.median_ms * 1.05 && a.p25_ms > b.p75_ms) return RewriteCheck::Verdict::kSlower;
    return RewriteCheck::Verdict::kNoFaster;
  }
  return cost_after < cost_before * 0.95 ? RewriteCheck::Verdict::kFaster : RewriteCheck::Verdict::kNoFaster;
}

RewriteCheck CheckRewrite(PgConnection& connection, const model::Query& query, const analyzers::QueryRewrite& rewrite,
                          const RewriteCheckOptions& options) {
  RewriteCheck check;
  check.fingerprint = rewrite.fingerprint;
  check.rule_id = rewrite.rule_id;
  check.in_order = rewrite.keyset.has_value();
  // A keyset rewrite is compared with the original in its tie-broken order, on a page a cursor can reach.
  const std::string& original_sql = rewrite.keyset ? rewrite.keyset->ordered_sql : rewrite.original_sql;
  ParameterValues first_before, first_after;
  check.same_rows = true;
  for (int sample = 0; sample < std::max(1, options.samples); ++sample) {
    auto parameters = SampleParameters(connection, query, rewrite.original_sql, static_cast<unsigned>(sample) + 1);
    if (!parameters.ok()) {
      check.error = "no parameter values: " + parameters.status().message();
      return check;
    }
    ParameterValues before_parameters = *parameters, after_parameters = *parameters;
    long long offset = 0;
    if (rewrite.keyset) {
      // The deepest page first: it is the one planned and timed.
      static constexpr double kDepths[] = {0.9, 0.5, 0.75};
      auto page = PickKeysetPage(connection, *rewrite.keyset, *parameters, kDepths[sample % 3]);
      // Parameters are sampled one by one, so a range (created_at >= $2 AND created_at < $3) can come out empty or
      // hold a few rows: other samples are tried while the page is shallow, and the deepest page is kept.
      auto shallow = [](const Result<KeysetPage>& p) { return p.ok() && p->offset < 1000 && p->offset * 16 < p->wanted; };
      for (unsigned retry = 1;
           retry <= kPageRetries && (shallow(page) || (!page.ok() && page.status().code() == Status::Code::kNotFound));
           ++retry) {
        auto resampled = SampleParameters(connection, query, rewrite.original_sql,
                                          static_cast<unsigned>(sample) + 1 + retry * 1000u);
        if (!resampled.ok()) break;
        auto other = PickKeysetPage(connection, *rewrite.keyset, *resampled, kDepths[sample % 3]);
        if (other.ok() && (!page.ok() || other->offset > page->offset)) page = std::move(other);
      }
      if (!page.ok()) {
        check.error = "no page to compare: " + page.status().message();
        return check;
      }
      before_parameters = std::move(page->original);
      after_parameters = std::move(page->rewritten);
      offset = page->offset;
    }
    auto before = DigestRows(connection, original_sql, before_parameters, check.in_order);
    if (!before.ok()) {
      check.error = "the original query failed: " + before.status().message();
      return check;
    }
    auto after = DigestRows(connection, rewrite.rewritten_sql, after_parameters, check.in_order);
    if (!after.ok()) {
      check.error = "the rewritten query failed: " + after.status().message();
      return check;
    }
    if (sample == 0) {
      first_before = before_parameters;
      first_after = after_parameters;
      check.rows = before->rows;
      check.offset = offset;
    }
    ++check.samples;
    if (before->rows != after->rows || before->md5 != after->md5) {
      check.same_rows = false;
      check.difference = fmt::format("with parameter sample {}{}: {} rows before, {} after{}", sample + 1,
                                     rewrite.keyset ? fmt::format(" (OFFSET {})", offset) : "", before->rows,
                                     after->rows,
                                     before->rows != after->rows ? ""
                                     : check.in_order            ? " (different rows or order)"
                                                                 : " (different rows)");
      break;
    }
  }
  ExplainOptions explain_before, explain_after;
  explain_before.parameters = first_before;
  explain_after.parameters = first_after;
  auto plan_before = Explain(connection, original_sql, explain_before);
  auto plan_after = Explain(connection, rewrite.rewritten_sql, explain_after);
  if (!plan_before.ok() || !plan_after.ok()) {
    check.error = "EXPLAIN failed: " + (plan_before.ok() ? plan_after.status() : plan_before.status()).message();
    return check;
  }
  check.cost_before = plan_before->plan.TotalCost();
  check.cost_after = plan_after->plan.TotalCost();
  check.plan_before = plan_before->plan.Outline();
  check.plan_after = plan_after->plan.Outline();
  auto time_before = TimeStatement(connection, original_sql, first_before, options.timing);
  auto time_after = TimeStatement(connection, rewrite.rewritten_sql, first_after, options.timing);
  if (time_before.ok()) check.before = std::move(time_before).value();
  if (time_after.ok()) check.after = std::move(time_after).value();
  check.ran = true;
  check.verdict = check.same_rows ? JudgeSpeed(check.before, check.after, check.cost_before, check.cost_after)
                                  : RewriteCheck::Verdict::kDifferentRows;
  return check;
}

std::string_view VerdictText(RewriteCheck::Verdict verdict) {
  switch (verdict) {
    case RewriteCheck::Verdict::kFaster: return "faster, same rows";
    case RewriteCheck::Verdict::kNoFaster: return "same rows, not measurably faster here: keep either";
    case RewriteCheck::Verdict::kSlower: return "same rows, slower here: keep the original at this data volume";
    case RewriteCheck::Verdict::kDifferentRows: return "different rows";
    case RewriteCheck::Verdict::kNotRun: return "not verified";
  }
  return "";
}

std::vector<RewriteCheck> CheckRewrites(ScratchEnvironment& environment, const model::Workload& workload,
                                        const std::vector<analyzers::QueryRewrite>& rewrites,
                                        const RewriteCheckOptions& options) {
  std::vector<RewriteCheck> out;
  if (rewrites.empty()) return out;
  auto connection = environment.Connect();
  int64_t done = 0;
  for (const auto& rewrite : rewrites) {
    RewriteCheck check;
    const model::Query* query = FindQuery(workload, rewrite.fingerprint);
    if (!connection.ok()) {
      check.fingerprint = rewrite.fingerprint;
      check.rule_id = rewrite.rule_id;
      check.error = connection.status().message();
    } else if (query == nullptr) {
      check.fingerprint = rewrite.fingerprint;
      check.rule_id = rewrite.rule_id;
      check.error = "the query is not in the workload";
    } else {
      check = CheckRewrite(*connection, *query, rewrite, options);
    }
    out.push_back(std::move(check));
    if (options.progress) options.progress(++done, static_cast<int64_t>(rewrites.size()));
  }
  return out;
}

}  // namespace dbarch::verify
