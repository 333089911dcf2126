// Summaries proven on a real server: the rewritten query returns the same rows as the original for ranges that
// start and end at arbitrary times of day (and at midnight, and empty or reversed ones), for a join with LIMIT,
// for an open-ended `now() - interval` range, and through a reused materialized view; the refresh is measured;
// and a rewrite that reads the edges wrongly is caught returning different rows. No timing is asserted.
#include "verify/denormalize_check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analyzers/denormalize.h"
#include "scratch_fixture.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::verify {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL);"
    "CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL, total numeric(12,2) NOT NULL,"
    " created_at timestamp NOT NULL);"
    "CREATE TABLE order_items (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id),"
    " product_id integer NOT NULL REFERENCES products (id), quantity integer NOT NULL, unit_price numeric(12,2) NOT NULL);"
    "CREATE MATERIALIZED VIEW daily_totals AS SELECT date_trunc('day', created_at) AS day, count(*) AS n,"
    " sum(total) AS revenue FROM orders WHERE status <> 'cancelled' GROUP BY 1;"
    "CREATE UNIQUE INDEX daily_totals_day ON daily_totals (day);"
    "CREATE TABLE visits (id integer PRIMARY KEY, page text NOT NULL, visited_at timestamptz NOT NULL);";

class DenormalizeCheckTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    connection_ = FreshDatabase();
    // Orders every 17 minutes and a few seconds over about two months, ending two days ahead of now, so
    // whole days, partial days and today all hold rows.
    ASSERT_TRUE(connection_
                    .Execute(std::string(kSchema) +
                             "INSERT INTO products SELECT g, 'product ' || g FROM generate_series(1, 40) g;"
                             "INSERT INTO orders SELECT g, (ARRAY['paid','shipped','cancelled','pending'])[1 + g % 4],"
                             " (g % 97) + 0.25, date_trunc('minute', now()::timestamp) + interval '2 days'"
                             " - g * interval '17 minutes 3 seconds' FROM generate_series(1, 5000) g;"
                             "INSERT INTO order_items SELECT g, 1 + g % 5000, 1 + (g * 7) % 40, 1 + g % 5, (g % 13) + 0.5"
                             " FROM generate_series(1, 15000) g;"
                             "INSERT INTO visits SELECT g, 'page ' || g % 9, now() - g * interval '11 minutes 7 seconds'"
                             " FROM generate_series(1, 8000) g;"
                             "ANALYZE;")
                    .ok());
    auto parsed = sql::ParseString("schema.sql", kSchema);
    ASSERT_TRUE(parsed.ok());
    Diagnostics diagnostics;
    sources::DdlReplayer(&catalog_).ApplyFile(*parsed, &diagnostics);
  }

  // The proposal for a one-query workload.
  analyzers::SummaryProposal Propose(const std::string& text) {
    auto parsed = sql::ParseString("q.sql", text);
    EXPECT_TRUE(parsed.ok());
    workload_.queries = {sources::AnalyzeQuery(parsed->statements.at(0), catalog_)};
    auto advice = analyzers::ProposeSummaries(catalog_, workload_);
    EXPECT_EQ(advice.proposals.size(), 1u) << (advice.skipped.empty() ? "" : advice.skipped[0].reason);
    return advice.proposals.empty() ? analyzers::SummaryProposal{} : advice.proposals[0];
  }

  SummaryCheck Check(const analyzers::SummaryProposal& proposal) {
    SummaryCheckOptions options;
    options.timing = {0, 2};
    return CheckSummary(connection_, workload_.queries.at(0), proposal, options);
  }

  // Original and rewritten digests for explicit parameters, with the summary in place.
  void ExpectSameRows(const analyzers::SummaryProposal& p, const std::vector<std::optional<std::string>>& parameters) {
    auto before = DigestRows(connection_, p.compare_original_sql.empty() ? p.original_sql : p.compare_original_sql,
                             parameters);
    auto after = DigestRows(connection_, p.compare_rewritten_sql.empty() ? p.rewritten_sql : p.compare_rewritten_sql,
                            parameters);
    ASSERT_TRUE(before.ok()) << before.status().message();
    ASSERT_TRUE(after.ok()) << after.status().message();
    EXPECT_EQ(before->rows, after->rows) << *parameters[0];
    EXPECT_EQ(before->md5, after->md5) << *parameters[0];
  }

  PgConnection connection_;
  model::Catalog catalog_;
  model::Workload workload_;
};

// Bounds relative to the data: `days` days and `time` after the first order's midnight.
std::string At(PgConnection& connection, int days, const std::string& time) {
  auto r = connection.Query(fmt::format(
      "SELECT (date_trunc('day', min(created_at)) + interval '{} days' + time '{}')::text AS t FROM orders", days, time));
  return r.ok() && r->rows() == 1 ? r->Get(0, "t") : "";
}

TEST_F(DenormalizeCheckTest, RangeQueryGivesTheSameRowsForRangesOffMidnight) {
  auto p = Propose(
      "SELECT date_trunc('day', created_at) AS day, count(*), sum(total), avg(total), min(total), max(total) "
      "FROM orders WHERE created_at >= $1 AND created_at < $2 AND status IN ('paid', 'shipped') GROUP BY 1 ORDER BY 1");
  ASSERT_FALSE(p.create_sql.empty());
  ASSERT_TRUE(connection_.Execute(p.create_sql).ok());
  // Off midnight at both ends, at midnight, inside one day, empty, reversed.
  const std::vector<std::pair<std::string, std::string>> ranges = {
      {At(connection_, 3, "07:13:00"), At(connection_, 40, "18:01:30")},
      {At(connection_, 3, "00:00:00"), At(connection_, 40, "00:00:00")},
      {At(connection_, 10, "02:00:00"), At(connection_, 10, "23:00:00")},
      {At(connection_, 10, "23:59:59.999999"), At(connection_, 11, "00:00:00.000001")},
      {At(connection_, 20, "05:00:00"), At(connection_, 12, "05:00:00")},
      {At(connection_, -5, "12:00:00"), At(connection_, 400, "12:00:00")}};
  for (const auto& [low, high] : ranges) ExpectSameRows(p, {low, high});
  ASSERT_TRUE(connection_.Execute("DROP MATERIALIZED VIEW " + p.summary_name).ok());

  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_EQ(check.samples, 3);
  EXPECT_GT(check.rows, 30);  // the widest sample spans the data: one row per day
  EXPECT_EQ(check.refresh_runs, 3);
  EXPECT_GT(check.summary_bytes, 0);
  EXPECT_GT(check.summary_rows, 30);
  EXPECT_EQ(check.fact_rows, 5000);
  EXPECT_GT(check.cost_before, 0);
  EXPECT_GT(check.cost_after, 0);
  EXPECT_NE(check.verdict, RewriteCheck::Verdict::kDifferentRows);
  // The summary is dropped after the check.
  auto left = connection_.Query("SELECT count(*)::text AS n FROM pg_matviews WHERE matviewname = 'orders_daily_summary'");
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->Get(0, "n"), "0");
}

TEST_F(DenormalizeCheckTest, StrictLowerAndInclusiveUpperBoundsGiveTheSameRows) {
  auto p = Propose("SELECT status, count(*), sum(total) FROM orders WHERE created_at > $1 AND created_at <= $2 "
                   "GROUP BY status");
  ASSERT_TRUE(connection_.Execute(p.create_sql).ok());
  ExpectSameRows(p, {At(connection_, 4, "00:00:00"), At(connection_, 30, "00:00:00")});
  ExpectSameRows(p, {At(connection_, 4, "09:30:00"), At(connection_, 30, "16:45:00")});
}

TEST_F(DenormalizeCheckTest, JoinWithLimitGivesTheSameRows) {
  auto p = Propose(
      "SELECT p.id, p.name, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS revenue "
      "FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN products p ON p.id = oi.product_id "
      "WHERE o.created_at >= $1 AND o.created_at < $2 GROUP BY p.id, p.name ORDER BY units DESC LIMIT 20");
  EXPECT_EQ(p.fact_table, "public.order_items");
  EXPECT_FALSE(p.compare_rewritten_sql.empty());  // compared without LIMIT: ties may be broken either way
  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_EQ(check.rows, 40);  // every product sold in the widest range
}

TEST_F(DenormalizeCheckTest, OpenEndedRangeFromNowGivesTheSameRows) {
  auto p = Propose("SELECT date_trunc('day', created_at) AS day, count(*) AS orders, sum(total) AS revenue "
                   "FROM orders WHERE created_at >= now() - make_interval(days => $1) GROUP BY 1 ORDER BY 1");
  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_GT(check.rows, 30);  // 400 and 3000 days reach back over all the data, which runs into the future
}

TEST_F(DenormalizeCheckTest, ExistingMaterializedViewIsReused) {
  auto p = Propose("SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue FROM orders "
                   "WHERE status <> 'cancelled' AND created_at >= $1 AND created_at < $2 GROUP BY 1");
  EXPECT_TRUE(p.reuses_existing);
  EXPECT_EQ(p.summary_name, "public.daily_totals");
  EXPECT_TRUE(p.create_sql.empty());
  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_GT(check.summary_rows, 30);
}

TEST_F(DenormalizeCheckTest, TimestamptzRangeGivesTheSameRowsInTheSessionTimeZone) {
  ASSERT_TRUE(connection_.Execute("SET TimeZone = 'America/New_York'").ok());
  auto p = Propose("SELECT page, count(*) FROM visits WHERE visited_at >= $1 AND visited_at < $2 GROUP BY page");
  EXPECT_NE(p.caveat.find("TimeZone"), std::string::npos);
  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_EQ(check.rows, 9);
}

TEST_F(DenormalizeCheckTest, ARewriteThatMisreadsTheEdgesIsCaught) {
  auto p = Propose("SELECT date_trunc('day', created_at) AS day, count(*) FROM orders "
                   "WHERE created_at >= $1 AND created_at < $2 GROUP BY 1");
  // Without the NOT, the base part re-reads the whole days the summary already counted.
  const auto at = p.rewritten_sql.find("AND NOT (");
  ASSERT_NE(at, std::string::npos);
  p.rewritten_sql.replace(at, 9, "AND (");
  SummaryCheck check = Check(p);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_FALSE(check.same_rows);
  EXPECT_EQ(check.verdict, RewriteCheck::Verdict::kDifferentRows);
  EXPECT_FALSE(check.recommended);
}

}  // namespace
}  // namespace dbarch::verify
