// Timed runs: repetitions give a median and a spread, writes are rolled back between runs, and parameters
// are filled with values sampled from the data.
#include "verify/timed_run.h"

#include <gtest/gtest.h>

#include "scratch_fixture.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"
#include "sources/ddl_loader.h"

namespace dbarch::verify {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, country text NOT NULL);";

class TimedRunTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    connection_ = FreshDatabase();
    ASSERT_TRUE(connection_
                    .Execute(std::string(kSchema) +
                             "INSERT INTO users SELECT g, 'user' || g || '@example.com', (ARRAY['de','fr','us'])[1 + g % 3]"
                             " FROM generate_series(1, 5000) g; ANALYZE users;")
                    .ok());
    auto parsed = sql::ParseString("schema.sql", kSchema);
    ASSERT_TRUE(parsed.ok());
    Diagnostics diagnostics;
    sources::DdlReplayer(&catalog_).ApplyFile(*parsed, &diagnostics);
  }

  model::Query Analyze(const std::string& text) {
    auto parsed = sql::ParseString("q.sql", text);
    EXPECT_TRUE(parsed.ok());
    return sources::AnalyzeQuery(parsed->statements.at(0), catalog_);
  }

  PgConnection connection_;
  model::Catalog catalog_;
};

TEST_F(TimedRunTest, RepetitionsGiveMedianAndSpread) {
  TimingOptions options;
  options.warmup = 1;
  options.repetitions = 4;
  auto timing = TimeStatement(connection_, "SELECT count(*) FROM users WHERE country = 'fr'", {}, options);
  ASSERT_TRUE(timing.ok()) << timing.status().ToString();
  EXPECT_EQ(timing->runs, 4);
  EXPECT_EQ(timing->samples_ms.size(), 4u);
  EXPECT_LE(timing->min_ms, timing->median_ms);
  EXPECT_LE(timing->p25_ms, timing->median_ms);
  EXPECT_LE(timing->median_ms, timing->p75_ms);
  EXPECT_LE(timing->median_ms, timing->max_ms);
  EXPECT_GT(timing->max_ms, 0);
}

TEST_F(TimedRunTest, WritesAreRolledBackBetweenRuns) {
  auto timing = TimeStatement(connection_, "DELETE FROM users WHERE country = 'de'", {}, {});
  ASSERT_TRUE(timing.ok()) << timing.status().ToString();
  auto count = connection_.Query("SELECT count(*) AS n FROM users");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->GetInt(0, "n"), 5000);
}

TEST_F(TimedRunTest, ParametersAreSampledFromTheData) {
  const std::string sql = "SELECT id FROM users WHERE country = $1 AND email LIKE $2 ORDER BY id LIMIT $3";
  model::Query query = Analyze(sql);
  auto values = SampleParameters(connection_, query, sql, 7);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  ASSERT_EQ(values->size(), 3u);
  EXPECT_TRUE((*values)[0] == "de" || (*values)[0] == "fr" || (*values)[0] == "us") << (*values)[0].value_or("NULL");
  ASSERT_TRUE((*values)[1].has_value());
  EXPECT_EQ((*values)[1]->back(), '%');
  EXPECT_EQ((*values)[2], "10");
  auto timing = TimeStatement(connection_, sql, *values, {0, 2});
  ASSERT_TRUE(timing.ok()) << timing.status().ToString();
  EXPECT_EQ(timing->parameters, *values);
}

TEST_F(TimedRunTest, DomainAndMoneyParametersGetValuesOfTheirBaseType) {
  ASSERT_TRUE(connection_
                  .Execute("CREATE DOMAIN positive_qty AS integer CHECK (VALUE > 0);"
                           "CREATE TABLE cart (user_id bigint, quantity positive_qty NOT NULL, price money);")
                  .ok());
  const std::string sql = "INSERT INTO cart (user_id, quantity, price) VALUES ($1, $2, $3)";
  model::Query query = Analyze(sql);
  auto values = SampleParameters(connection_, query, sql, 1);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  ASSERT_EQ(values->size(), 3u);
  EXPECT_EQ((*values)[1], "10");
  EXPECT_EQ((*values)[2], "10");
  auto timing = TimeStatement(connection_, sql, *values, {0, 1});
  EXPECT_TRUE(timing.ok()) << timing.status().ToString();
}

TEST(PercentileTest, InterpolatesBetweenNeighbours) {
  EXPECT_EQ(Percentile({}, 0.5), 0);
  EXPECT_EQ(Percentile({3, 1, 2}, 0.5), 2);
  EXPECT_EQ(Percentile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_EQ(Percentile({1, 2, 3, 4, 5}, 0.25), 2);
}

}  // namespace
}  // namespace dbarch::verify
