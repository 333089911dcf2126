// `dbarch tune` against real servers: a scratch cluster's pg_settings read and compared (its speed
// settings — fsync off, autovacuum off — are exactly what FindRiskySettings must catch), and the pgbench
// comparison and the workload replay, which must run both configurations and prove each one took effect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/tune.h"
#include "scratch_fixture.h"
#include "sources/live/pg_settings.h"
#include "report/tune_text.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"
#include "verify/pooler_check.h"
#include "verify/tune_verify.h"
#include "verify/workload_config_benchmark.h"

namespace dbarch {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

analyzers::TuneAdvice SmallServerAdvice() {
  analyzers::TuneRequest request;
  request.hardware.ram_bytes = 2LL * 1024 * 1024 * 1024;
  request.hardware.cpus = 2;
  request.workload_class = analyzers::WorkloadClass::kOltp;
  auto advice = analyzers::RecommendConfiguration(request, {}, {}, nullptr);
  EXPECT_TRUE(advice.ok());
  return *advice;
}

class TuneLiveTest : public testing::ScratchTest {};

TEST_F(TuneLiveTest, ReadsAndComparesARealServersSettings) {
  auto connection = FreshDatabase();
  auto settings = sources::ReadServerSettings(connection);
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  const auto* shared_buffers = model::FindSetting(*settings, "shared_buffers");
  ASSERT_NE(shared_buffers, nullptr);
  EXPECT_EQ(shared_buffers->unit, "8kB");
  EXPECT_EQ(model::DisplayValue(*shared_buffers), "256MB");  // what ScratchCluster configures
  EXPECT_EQ(shared_buffers->context, "postmaster");

  auto risky = analyzers::FindRiskySettings(*settings);
  EXPECT_THAT(risky, Contains(Field(&analyzers::RiskySetting::name, "fsync")));
  EXPECT_THAT(risky, Contains(Field(&analyzers::RiskySetting::name, "autovacuum")));

  auto advice = SmallServerAdvice();
  auto diffs = analyzers::CompareWithServer(advice, *settings);
  bool saw_shared_buffers = false;
  for (const auto& d : diffs) {
    EXPECT_NE(d.kind, analyzers::SettingDifference::Kind::kMissingOnServer) << d.name;  // all exist in 15
    if (d.name == "shared_buffers") {
      saw_shared_buffers = true;
      EXPECT_EQ(d.current, "256MB");
      EXPECT_THAT(d.explanation, HasSubstr("needs a server restart"));
    }
  }
  EXPECT_TRUE(saw_shared_buffers);
}

TEST(TuneBenchmark, RunsBothConfigurationsAndProvesTheyApplied) {
  auto advice = SmallServerAdvice();
  verify::ConfigBenchmarkOptions options;
  options.scale = 1;
  options.clients = 2;
  options.threads = 1;
  options.seconds = 1;
  options.modes = {"select-only", "tpcb-like"};
  auto result = verify::BenchmarkAdvice(advice, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  for (const auto* run : {&result->baseline, &result->tuned}) {
    ASSERT_EQ(run->results.size(), 2u) << run->label;
    for (const auto& r : run->results) {
      EXPECT_GT(r.tps, 0) << run->label << " " << r.mode;
      EXPECT_GT(r.transactions, 0) << run->label << " " << r.mode;
    }
  }
  EXPECT_EQ(result->baseline.applied.at("shared_buffers"), "128MB");
  EXPECT_EQ(result->tuned.applied.at("shared_buffers"), advice.Find("shared_buffers")->value);
  EXPECT_EQ(result->baseline.applied.at("random_page_cost"), "4");
  EXPECT_EQ(result->tuned.applied.at("random_page_cost"), "1.1");
  EXPECT_EQ(result->tuned.applied.at("checkpoint_timeout"), advice.Find("checkpoint_timeout")->value);
}

constexpr const char* kReplaySchema = R"sql(
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, country text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
                     total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
)sql";

constexpr const char* kReplayWorkload = R"sql(
-- name: orders_of_customer
-- calls: 500
SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20;
-- name: revenue_by_country
-- calls: 5
SELECT c.country, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country ORDER BY 2 DESC;
-- name: touch_order
-- calls: 100
UPDATE orders SET total = total + 1 WHERE id = $1;
-- name: fails_at_run_time
SELECT id / 0 FROM orders LIMIT 1;
)sql";

TEST(TuneWorkloadReplay, TimesEveryStatementUnderBothConfigurationsAndProvesTheyApplied) {
  model::Catalog catalog;
  Diagnostics diagnostics;
  auto schema = sql::ParseString("schema.sql", kReplaySchema);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  sources::DdlReplayer(&catalog).ApplyFile(*schema, &diagnostics);
  auto queries = sql::ParseString("workload.sql", kReplayWorkload);
  ASSERT_TRUE(queries.ok()) << queries.status().ToString();
  model::Workload workload;
  sources::AddWorkloadFile(*queries, catalog, &workload);
  ASSERT_EQ(workload.queries.size(), 4u);

  const auto advice = SmallServerAdvice();
  const auto settings = verify::SettingsToCompare(advice);
  verify::WorkloadBenchmarkOptions options;
  for (const auto& [name, table] : catalog.tables) options.environment.data.row_counts[name] = 2000;
  options.timing.warmup = 1;
  options.timing.repetitions = 2;
  auto result = verify::BenchmarkWorkload(catalog, workload, settings.baseline, settings.tuned, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  EXPECT_EQ(result->total_rows, 4000);
  ASSERT_EQ(result->statements.size(), 4u);
  for (const auto& s : result->statements) {
    for (const auto* m : {&s.baseline, &s.tuned}) {
      EXPECT_TRUE(m->planned) << s.label << ": " << m->error;
      EXPECT_GT(m->total_cost, 0) << s.label;
      if (s.label == "fails_at_run_time") {
        // Kept, with PostgreSQL's reason, rather than dropped.
        EXPECT_FALSE(m->timing.has_value()) << s.label;
        EXPECT_THAT(m->timing_error, HasSubstr("division by zero"));
        continue;
      }
      ASSERT_TRUE(m->timing.has_value()) << s.label << ": " << m->timing_error;
      EXPECT_EQ(m->timing->runs, 2) << s.label;
      EXPECT_GT(m->mean_ms(), 0) << s.label;
      EXPECT_THAT(m->plan, HasSubstr("orders")) << s.label;  // the executed plan, to explain a difference
    }
  }
  EXPECT_EQ(result->statements[0].calls, 500);
  const auto totals = verify::WeightedTotals(result->statements);
  EXPECT_EQ(totals.compared, 3);
  EXPECT_EQ(totals.left_out, 1);
  EXPECT_GT(totals.baseline_ms, 0);
  EXPECT_GT(totals.tuned_ms, 0);
  EXPECT_EQ(verify::CompareTimings(result->statements[3].baseline, result->statements[3].tuned),
            verify::TimingVerdict::kNotCompared);

  // Each server ran with what it was given, read back from pg_settings.
  EXPECT_EQ(result->baseline.applied.at("work_mem"), "4MB");
  EXPECT_EQ(result->tuned.applied.at("work_mem"), advice.Find("work_mem")->value);
  EXPECT_NE(advice.Find("work_mem")->value, "4MB");
  EXPECT_EQ(result->baseline.applied.at("shared_buffers"), "128MB");
  EXPECT_EQ(result->tuned.applied.at("shared_buffers"), advice.Find("shared_buffers")->value);
  EXPECT_EQ(result->tuned.applied.at("random_page_cost"), "1.1");
}

}  // namespace
}  // namespace dbarch

namespace dbarch {
namespace {

TEST(TunePooler, GeneratedPgbouncerIniServesManyClientsWithThePool) {
  auto advice = SmallServerAdvice();
  verify::PoolerCheckOptions options;
  options.clients = 4 * advice.pooler.default_pool_size;
  options.seconds = 2;
  const int pool = advice.pooler.default_pool_size + advice.pooler.reserve_pool_size;
  auto check = verify::CheckPooler(
      [&](const verify::PoolerEndpoints& e) { return report::RenderPgbouncerIni(advice, report::PgbouncerEndpointsForCheck(e)); },
      pool, options);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_GT(check->pooled_tps, 0);
  EXPECT_GT(check->direct_tps, 0);
  EXPECT_GE(check->max_server_connections, 1);
  // Every client was served, through at most the pool's server connections.
  EXPECT_LE(check->max_server_connections, pool);
  EXPECT_LT(check->max_server_connections, options.clients);
}

}  // namespace
}  // namespace dbarch
