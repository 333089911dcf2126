// Query rewrites proven on a real server: the rewritten query returns the same rows as the original for
// sampled parameters, and a rewrite that is not equivalent on the data (NOT IN → NOT EXISTS with a NULL in the
// subquery) is caught as returning different rows. Keyset pages are compared with deep OFFSET pages in order;
// merged lateral lookups with the subqueries they replace.
#include "verify/rewrite_check.h"

#include <gtest/gtest.h>

#include "analyzers/rewrite.h"
#include "scratch_fixture.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::verify {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, country text NOT NULL, referrer_id bigint);"
    "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, coupon text,"
    " status text NOT NULL);"
    "CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL, kind text NOT NULL,"
    " happened_at timestamptz NOT NULL, score integer NOT NULL);"
    "CREATE INDEX events_account_happened ON events (account_id, happened_at, id);";

class RewriteCheckTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    connection_ = FreshDatabase();
    ASSERT_TRUE(connection_
                    .Execute(std::string(kSchema) +
                             "INSERT INTO customers SELECT g, 'c' || g || '@example.com', (ARRAY['de','fr','us'])[1 + g % 3],"
                             " CASE WHEN g % 4 = 0 THEN NULL ELSE 1 + g % 50 END FROM generate_series(1, 2000) g;"
                             "INSERT INTO orders SELECT g, 1 + (g * 7) % 1500, CASE WHEN g % 3 = 0 THEN 'SPRING' END,"
                             " (ARRAY['paid','shipped','cancelled'])[1 + g % 3] FROM generate_series(1, 6000) g;"
                             // Many events share a timestamp and a score: only the id orders them totally.
                             "INSERT INTO events SELECT g, 1 + g % 4, (ARRAY['view','click','buy'])[1 + g % 3],"
                             " timestamptz '2026-01-01' + (g / 7) * interval '1 minute', (g * 37) % 100"
                             " FROM generate_series(1, 40000) g;"
                             "ANALYZE;")
                    .ok());
    auto parsed = sql::ParseString("schema.sql", kSchema);
    ASSERT_TRUE(parsed.ok());
    Diagnostics diagnostics;
    sources::DdlReplayer(&catalog_).ApplyFile(*parsed, &diagnostics);
  }

  // The workload of one query and its rewrites.
  std::vector<analyzers::QueryRewrite> Rewrites(const std::string& text) {
    auto parsed = sql::ParseString("q.sql", text);
    EXPECT_TRUE(parsed.ok());
    workload_.queries = {sources::AnalyzeQuery(parsed->statements.at(0), catalog_)};
    return analyzers::ProposeRewrites(catalog_, workload_);
  }

  RewriteCheck Check(const analyzers::QueryRewrite& rewrite) {
    RewriteCheckOptions options;
    options.timing = {0, 2};
    return CheckRewrite(connection_, workload_.queries.at(0), rewrite, options);
  }

  PgConnection connection_;
  model::Catalog catalog_;
  model::Workload workload_;
};

TEST_F(RewriteCheckTest, NotInOnNotNullColumnsGivesTheSameRows) {
  auto rewrites = Rewrites("SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT o.customer_id FROM orders o)");
  ASSERT_EQ(rewrites.size(), 1u);
  EXPECT_TRUE(rewrites[0].caveat.empty()) << rewrites[0].caveat;
  RewriteCheck check = Check(rewrites[0]);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_EQ(check.rows, 500);  // customers 1501…2000 have no orders
  EXPECT_GT(check.cost_before, 0);
  EXPECT_GT(check.cost_after, 0);
  EXPECT_NE(check.verdict, RewriteCheck::Verdict::kDifferentRows);
}

TEST_F(RewriteCheckTest, NotInOverANullableColumnIsCaughtReturningDifferentRows) {
  // referrer_id holds NULLs: NOT IN returns nothing, NOT EXISTS returns the customers nobody referred.
  auto rewrites = Rewrites("SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT r.referrer_id FROM customers r)");
  ASSERT_EQ(rewrites.size(), 1u);
  EXPECT_NE(rewrites[0].caveat.find("may be NULL"), std::string::npos);
  RewriteCheck check = Check(rewrites[0]);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_FALSE(check.same_rows);
  EXPECT_EQ(check.verdict, RewriteCheck::Verdict::kDifferentRows);
  EXPECT_NE(check.difference.find("0 rows before"), std::string::npos) << check.difference;
}

TEST_F(RewriteCheckTest, CountToExistsAndOrToUnionAllGiveTheSameRowsForSampledParameters) {
  auto counted = Rewrites(
      "SELECT c.id, c.email FROM customers c WHERE c.country = $1 AND "
      "(SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.status = 'cancelled') = 0");
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].rule_id, "rewrite/count-to-exists");
  RewriteCheck count_check = Check(counted[0]);
  ASSERT_TRUE(count_check.ran) << count_check.error;
  EXPECT_TRUE(count_check.same_rows) << count_check.difference;
  EXPECT_EQ(count_check.samples, 3);
  EXPECT_GT(count_check.rows, 0);

  // Rows matching both disjuncts must come once: IS NOT TRUE on the earlier branch.
  auto ored = Rewrites("SELECT o.id FROM orders o WHERE o.customer_id = $1 OR o.coupon = 'SPRING'");
  ASSERT_EQ(ored.size(), 1u);
  EXPECT_EQ(ored[0].rule_id, "rewrite/or-to-union-all");
  RewriteCheck or_check = Check(ored[0]);
  ASSERT_TRUE(or_check.ran) << or_check.error;
  EXPECT_TRUE(or_check.same_rows) << or_check.difference;
  EXPECT_GE(or_check.rows, 2000);
}

TEST_F(RewriteCheckTest, CorrelatedAggregateBecomesAGroupedJoinWithTheSameRows) {
  // Customers 1501…2000 have no orders: count must be 0 there (COALESCE), max NULL.
  auto rewrites = Rewrites(
      "SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n,"
      " (SELECT max(o.id) FROM orders o WHERE o.customer_id = c.id AND o.status = 'paid') AS last_paid"
      " FROM customers c WHERE c.country = $1");
  ASSERT_EQ(rewrites.size(), 1u);
  EXPECT_EQ(rewrites[0].rule_id, "rewrite/scalar-subquery-to-join");
  EXPECT_NE(rewrites[0].rewritten_sql.find("dbarch_sq2"), std::string::npos) << rewrites[0].rewritten_sql;
  RewriteCheck check = Check(rewrites[0]);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_GT(check.rows, 600);
}

TEST_F(RewriteCheckTest, KeysetPageEqualsADeepOffsetPageInOrder) {
  auto rewrites = Rewrites(
      "SELECT e.id, e.kind FROM events e WHERE e.account_id = $1 ORDER BY e.happened_at, e.id LIMIT $2 OFFSET $3");
  ASSERT_EQ(rewrites.size(), 1u);
  const auto& rewrite = rewrites[0];
  EXPECT_EQ(rewrite.rule_id, "rewrite/offset-to-keyset");
  ASSERT_TRUE(rewrite.keyset.has_value());
  ASSERT_EQ(rewrite.keyset->cursor_parameters.size(), 2u);
  EXPECT_EQ(rewrite.keyset->cursor_parameters[0].number, 3);
  EXPECT_EQ(rewrite.keyset->cursor_parameters[1].expression, "e.id");
  EXPECT_TRUE(rewrite.keyset->suggested_index.empty()) << rewrite.keyset->suggested_index;  // the index exists
  EXPECT_EQ(rewrite.caveat.find("tie-breaker"), std::string::npos);
  RewriteCheck check = Check(rewrite);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_TRUE(check.in_order);
  EXPECT_TRUE(check.same_rows) << check.difference;
  EXPECT_EQ(check.samples, 3);
  EXPECT_EQ(check.rows, 10);  // a full page (LIMIT is sampled as 10), deep in the account's 10 000 events
  EXPECT_GT(check.offset, 1000);
  EXPECT_NE(check.plan_after.find("Index"), std::string::npos) << check.plan_after;
  EXPECT_NE(check.verdict, RewriteCheck::Verdict::kDifferentRows);
}

TEST_F(RewriteCheckTest, KeysetComparesTheOrderNotOnlyTheRows) {
  auto rewrites = Rewrites("SELECT e.id FROM events e ORDER BY e.id LIMIT 20 OFFSET $1");
  ASSERT_EQ(rewrites.size(), 1u);
  analyzers::QueryRewrite reversed = rewrites[0];
  reversed.rewritten_sql = "SELECT * FROM (" + reversed.rewritten_sql + ") page ORDER BY id DESC";
  RewriteCheck check = Check(reversed);
  ASSERT_TRUE(check.ran) << check.error;
  EXPECT_FALSE(check.same_rows);
  EXPECT_NE(check.difference.find("different rows or order"), std::string::npos) << check.difference;
  EXPECT_EQ(check.verdict, RewriteCheck::Verdict::kDifferentRows);
}

TEST_F(RewriteCheckTest, KeysetWithATieBreakerAndMixedDirectionsGivesTheSamePages) {
  // happened_at repeats (7 events a minute): the primary key breaks the ties, on both sides of the comparison.
  auto tied = Rewrites("SELECT e.id, e.happened_at FROM events e ORDER BY e.happened_at DESC LIMIT 25 OFFSET $1");
  ASSERT_EQ(tied.size(), 1u);
  EXPECT_NE(tied[0].caveat.find("tie-breaker"), std::string::npos) << tied[0].caveat;
  EXPECT_NE(tied[0].keyset->ordered_sql.find("ORDER BY e.happened_at DESC, e.id DESC"), std::string::npos)
      << tied[0].keyset->ordered_sql;
  RewriteCheck tied_check = Check(tied[0]);
  ASSERT_TRUE(tied_check.ran) << tied_check.error;
  EXPECT_TRUE(tied_check.same_rows) << tied_check.difference;
  EXPECT_EQ(tied_check.rows, 25);

  auto mixed = Rewrites("SELECT id, score FROM events ORDER BY score DESC, id LIMIT 15 OFFSET 20000");
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_NE(mixed[0].rewritten_sql.find("score <= $1"), std::string::npos) << mixed[0].rewritten_sql;
  RewriteCheck mixed_check = Check(mixed[0]);
  ASSERT_TRUE(mixed_check.ran) << mixed_check.error;
  EXPECT_TRUE(mixed_check.same_rows) << mixed_check.difference;
  EXPECT_EQ(mixed_check.offset, 20000);
  EXPECT_EQ(mixed_check.rows, 15);
}

TEST_F(RewriteCheckTest, MergedLateralLookupsGiveTheSameRows) {
  // Top-1 per customer (customers 1501…2000 have no orders: NULLs on both sides).
  auto latest = Rewrites(
      "SELECT c.id, (SELECT o.status FROM orders o WHERE o.customer_id = c.id ORDER BY o.id DESC LIMIT 1),"
      " (SELECT o.coupon FROM orders o WHERE o.customer_id = c.id ORDER BY o.id DESC LIMIT 1) AS coupon"
      " FROM customers c WHERE c.country = $1");
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].rule_id, "rewrite/correlated-subquery-to-lateral");
  EXPECT_NE(latest[0].rewritten_sql.find("LEFT JOIN LATERAL"), std::string::npos) << latest[0].rewritten_sql;
  RewriteCheck latest_check = Check(latest[0]);
  ASSERT_TRUE(latest_check.ran) << latest_check.error;
  EXPECT_TRUE(latest_check.same_rows) << latest_check.difference;
  EXPECT_GT(latest_check.rows, 600);

  // The primary key pins the referrer; a quarter of the customers have none.
  auto referrer = Rewrites(
      "SELECT c.id, (SELECT r.email FROM customers r WHERE r.id = c.referrer_id) AS referrer_email,"
      " (SELECT r.country FROM customers r WHERE r.id = c.referrer_id) AS referrer_country FROM customers c");
  ASSERT_EQ(referrer.size(), 1u);
  RewriteCheck referrer_check = Check(referrer[0]);
  ASSERT_TRUE(referrer_check.ran) << referrer_check.error;
  EXPECT_TRUE(referrer_check.same_rows) << referrer_check.difference;
  EXPECT_EQ(referrer_check.rows, 2000);
}

}  // namespace
}  // namespace dbarch::verify
