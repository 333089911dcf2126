// The workload replay's arithmetic and wording: when a difference between two configurations' timings is an
// effect and when it is noise, the call-weighted total, how a statement that failed is shown, and that the
// production-like durability and the quoting of settings are what both comparisons put on a cluster.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report/tune_text.h"
#include "verify/applied_settings.h"
#include "verify/workload_config_benchmark.h"

namespace dbarch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using verify::TimingVerdict;

// A measurement with every run at `median_ms`, or spread ±`spread` around it (p25/p75 as Percentile gives).
verify::StatementMeasurement Timed(double median_ms, double spread = 0) {
  verify::StatementMeasurement m;
  m.planned = true;
  m.total_cost = 100;
  verify::TimingSummary t;
  t.samples_ms = {median_ms - spread, median_ms, median_ms + spread};
  t.runs = 3;
  t.median_ms = median_ms;
  t.p25_ms = median_ms - spread / 2;
  t.p75_ms = median_ms + spread / 2;
  m.timing = t;
  return m;
}

verify::StatementMeasurement NotTimed(std::string why) {
  verify::StatementMeasurement m;
  m.planned = true;
  m.timing_error = std::move(why);
  return m;
}

verify::StatementComparison Statement(verify::StatementMeasurement baseline, verify::StatementMeasurement tuned,
                                      double calls = 1) {
  verify::StatementComparison s;
  s.fingerprint = "0123456789abcdef";
  s.location = "queries/a.sql:3:1";
  s.text = "SELECT *\n  FROM orders\n WHERE id = $1";
  s.calls = calls;
  s.baseline = std::move(baseline);
  s.tuned = std::move(tuned);
  return s;
}

TEST(CompareTimings, ClearDifferencesAreEffects) {
  EXPECT_EQ(verify::CompareTimings(Timed(10.0, 0.2), Timed(7.0, 0.2)), TimingVerdict::kFaster);
  EXPECT_EQ(verify::CompareTimings(Timed(10.0, 0.2), Timed(13.0, 0.2)), TimingVerdict::kSlower);
}

TEST(CompareTimings, SmallDifferencesAreNoise) {
  // Under 5 % of the baseline.
  EXPECT_EQ(verify::CompareTimings(Timed(10.0), Timed(10.4)), TimingVerdict::kNoise);
  EXPECT_EQ(verify::CompareTimings(Timed(10.0), Timed(9.6)), TimingVerdict::kNoise);
  // Large as a share but microseconds apart.
  EXPECT_EQ(verify::CompareTimings(Timed(0.010), Timed(0.025)), TimingVerdict::kNoise);
  // 20 % apart, but each configuration's own runs are spread wider than that.
  EXPECT_EQ(verify::CompareTimings(Timed(10.0, 6.0), Timed(12.0, 6.0)), TimingVerdict::kNoise);
}

TEST(CompareTimings, MissingTimingIsNotCompared) {
  EXPECT_EQ(verify::CompareTimings(Timed(1.0), NotTimed("boom")), TimingVerdict::kNotCompared);
  EXPECT_EQ(verify::CompareTimings(verify::StatementMeasurement{}, Timed(1.0)), TimingVerdict::kNotCompared);
  EXPECT_EQ(verify::TimingVerdictName(TimingVerdict::kNotCompared), "not compared");
}

TEST(WeightedTotals, WeighsMeansByCallsAndCountsWhatWasLeftOut) {
  std::vector<verify::StatementComparison> statements = {
      Statement(Timed(2.0, 1.0), Timed(1.0, 0.5), 100),  // means 2.0 and 1.0
      Statement(Timed(10.0), Timed(10.0), 1),
      Statement(Timed(5.0), NotTimed("invalid input syntax"), 1000),
  };
  const verify::CallWeightedTotals totals = verify::WeightedTotals(statements);
  EXPECT_DOUBLE_EQ(totals.baseline_ms, 100 * 2.0 + 10.0);
  EXPECT_DOUBLE_EQ(totals.tuned_ms, 100 * 1.0 + 10.0);
  EXPECT_EQ(totals.compared, 2);
  EXPECT_EQ(totals.left_out, 1);
  EXPECT_DOUBLE_EQ(statements[0].baseline.mean_ms(), 2.0);
  EXPECT_DOUBLE_EQ(verify::StatementMeasurement{}.mean_ms(), 0);
}

TEST(WorkloadReplayText, SaysWhyAStatementWasNotTimed) {
  auto both = Statement(NotTimed("ERROR: new row violates check constraint\nDETAIL: row (1, now1)"),
                        NotTimed("ERROR: new row violates check constraint\nDETAIL: row (1, now2)"));
  EXPECT_EQ(report::StatementMedians(both),
            "not timed on either configuration: ERROR: new row violates check constraint DETAIL: row (1, now1)");
  auto one = Statement(Timed(1.0), NotTimed("canceling statement due to statement timeout"));
  EXPECT_EQ(report::StatementMedians(one), "not timed on recommended: canceling statement due to statement timeout");
  EXPECT_EQ(report::MedianRatio(one), "");
  verify::StatementMeasurement unplanned;
  unplanned.error = "relation \"gone\" does not exist";
  auto planned_once = Statement(unplanned, Timed(1.0));
  EXPECT_EQ(report::StatementMedians(planned_once),
            "not planned on PostgreSQL defaults: relation \"gone\" does not exist");
  EXPECT_EQ(report::StatementCosts(planned_once), "");
}

TEST(WorkloadReplayText, ShowsBothTimesTheRatioAndTheVerdict) {
  auto s = Statement(Timed(2.0, 0.1), Timed(1.0, 0.1));
  EXPECT_EQ(report::StatementTimingLine(s), "2.000 → 1.000 ms median (×0.50, faster)");
  EXPECT_EQ(report::StatementCosts(s), "100.0 → 100.0");
  EXPECT_EQ(report::StatementName(s), "queries/a.sql:3:1 SELECT * FROM orders WHERE id = $1");
  s.label = "order_by_id";
  EXPECT_EQ(report::StatementName(s), "order_by_id");
  auto noise = Statement(Timed(2.0), Timed(2.04));
  EXPECT_EQ(report::StatementTimingLine(noise), "2.000 → 2.040 ms median (×1.02, noise)");
}

TEST(WorkloadReplayText, SaysWhenThePlanChanged) {
  auto s = Statement(Timed(0.1, 0.01), Timed(3.5, 0.1));
  s.baseline.plan = "Sort → Nested Loop(Index Scan using carts_customer_id_idx on carts, …)";
  s.tuned.plan = "Sort → Merge Join(Index Scan using cart_items_pkey on cart_items, …)";
  EXPECT_TRUE(verify::PlanChanged(s.baseline, s.tuned));
  EXPECT_EQ(report::PlanCell(s), "changed");
  EXPECT_EQ(report::StatementTimingLine(s), "0.100 → 3.500 ms median (×35.00, slower, plan changed)");
  s.tuned.plan = s.baseline.plan;
  EXPECT_FALSE(verify::PlanChanged(s.baseline, s.tuned));
  EXPECT_EQ(report::PlanCell(s), "same");
  s.tuned.plan.clear();  // not planned: nothing to compare
  EXPECT_FALSE(verify::PlanChanged(s.baseline, s.tuned));
  EXPECT_EQ(report::PlanCell(s), "");
}

TEST(WorkloadReplayText, TotalNeverClaimsASpeedUpWithinNoise) {
  verify::WorkloadBenchmark b;
  b.statements = {Statement(Timed(10.0), Timed(9.8), 10)};
  EXPECT_THAT(report::WorkloadTotalLine(b), HasSubstr("within noise: no measurable difference"));
  // Gains and a regression that cancel out are not called noise.
  b.statements = {Statement(Timed(10.0, 0.1), Timed(5.0, 0.1), 10), Statement(Timed(1.0, 0.01), Timed(48.0, 0.1), 1),
                  Statement(Timed(2.0), Timed(2.0), 1)};
  EXPECT_THAT(report::WorkloadTotalLine(b), HasSubstr("not because nothing changed: 1 statement(s) faster and 1 slower"));
  EXPECT_THAT(report::WorkloadTotalLine(b), Not(HasSubstr("no measurable difference")));
  b.statements = {Statement(Timed(10.0), Timed(5.0), 10)};
  EXPECT_THAT(report::WorkloadTotalLine(b), HasSubstr("100.000 → 50.000 ms"));
  EXPECT_THAT(report::WorkloadTotalLine(b), HasSubstr("-50.0 %"));
  EXPECT_THAT(report::WorkloadTotalLine(b), Not(HasSubstr("noise")));
  b.statements = {Statement(NotTimed("x"), NotTimed("x"))};
  EXPECT_EQ(report::WorkloadTotalLine(b), "no statement was timed on both configurations");
  EXPECT_EQ(report::WorkloadVerdictCounts(b), "0 faster, 0 slower, 0 within noise, 1 not compared");
}

TEST(AppliedSettings, BothComparisonsRunDurableWithTheSettingsQuoted) {
  verify::ScratchClusterOptions cluster;
  cluster.settings["fsync"] = "off";  // a scratch cluster's speed setting must not survive
  verify::ApplyConfiguration({{"work_mem", "16MB"}, {"random_page_cost", "1.1"}, {"jit", "off"}}, &cluster);
  EXPECT_EQ(cluster.settings.at("fsync"), "on");
  EXPECT_EQ(cluster.settings.at("synchronous_commit"), "on");
  EXPECT_EQ(cluster.settings.at("work_mem"), "16MB");
  EXPECT_EQ(cluster.settings.at("random_page_cost"), "1.1");
  EXPECT_EQ(verify::QuotedSettingValue("5min"), "5min");
  EXPECT_EQ(verify::QuotedSettingValue("pg_stat_statements,hypopg"), "'pg_stat_statements,hypopg'");
  EXPECT_EQ(verify::QuotedSettingValue(""), "''");
  EXPECT_EQ(report::AppliedSettingsDifferences({{"work_mem", "4MB"}, {"jit", "on"}},
                                               {{"work_mem", "16MB"}, {"jit", "on"}}),
            "work_mem 4MB → 16MB");
}

}  // namespace
}  // namespace dbarch
