// `dbarch tune` against real servers: a scratch cluster's pg_settings read and compared (its speed
// settings — fsync off, autovacuum off — are exactly what FindRiskySettings must catch), and the pgbench
// comparison, which must run both configurations and prove each one took effect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/tune.h"
#include "scratch_fixture.h"
#include "sources/live/pg_settings.h"
#include "report/tune_text.h"
#include "verify/pooler_check.h"
#include "verify/tune_verify.h"

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
