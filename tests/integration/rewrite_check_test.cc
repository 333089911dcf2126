// Query rewrites proven on a real server: the rewritten query returns the same rows as the original for
// sampled parameters, and a rewrite that is not equivalent on the data (NOT IN → NOT EXISTS with a NULL in the
// subquery) is caught as returning different rows.
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
    " status text NOT NULL);";

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

}  // namespace
}  // namespace dbarch::verify
