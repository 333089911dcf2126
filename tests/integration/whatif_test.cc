// EXPLAIN and what-if analysis on the scratch cluster: hypothetical indexes change plans, hidden indexes
// stop being used, GIN (which HypoPG cannot simulate) is built for real once and dropped afterwards, parameterised
// statements get generic plans, answers are cached, and parallel answers equal sequential ones.
#include "verify/whatif.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scratch_fixture.h"
#include "verify/explain.h"

namespace dbarch::verify {
namespace {

class WhatIfTest : public testing::ScratchTest {
 protected:
  void SetUp() override {
    connection_ = FreshDatabase();
    ASSERT_TRUE(connection_
                    .Execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,"
                             " attrs jsonb NOT NULL, created_at timestamptz NOT NULL);"
                             "INSERT INTO orders SELECT g, g % 5000, CASE WHEN g % 50 = 0 THEN 'open' ELSE 'done' END,"
                             " jsonb_build_object('color', CASE WHEN g % 100 = 0 THEN 'red' ELSE 'blue' END),"
                             " now() - g * interval '1 minute' FROM generate_series(1, 100000) g;")
                    .ok());
    ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE orders").ok());  // all-visible pages: index-only scans pay
  }

  std::unique_ptr<WhatIf> MakeWhatIf(int connections = 2) {
    const std::string database = database_;
    auto whatif = WhatIf::Create([database] { return Cluster().Connect(database); }, {connections, true});
    EXPECT_TRUE(whatif.ok()) << whatif.status().ToString();
    return std::move(whatif).value();
  }

  static HypotheticalIndex Index(std::string definition, std::string method = "btree") {
    return {{"public", "orders"}, std::move(definition), std::move(method)};
  }

  PgConnection connection_;
  const model::QualifiedName orders_{"public", "orders"};
};

TEST_F(WhatIfTest, HypotheticalIndexLowersCostAndIsUsed) {
  auto whatif = MakeWhatIf();
  ASSERT_TRUE(whatif->hypopg_available());
  CostRequest request{"SELECT * FROM orders WHERE customer_id = 42", {orders_}, {}};
  auto before = whatif->Cost(request);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->plan.root.node_type, "Seq Scan");
  EXPECT_TRUE(before->hypothetical_used.empty());

  request.configuration.added.push_back(Index("CREATE INDEX ON public.orders (customer_id)"));
  auto after = whatif->Cost(request);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_LT(after->total_cost, before->total_cost / 10);
  EXPECT_EQ(after->hypothetical_used, std::vector<size_t>{0});

  auto size = whatif->EstimateSize(request.configuration.added[0]);
  ASSERT_TRUE(size.ok()) << size.status().ToString();
  EXPECT_GT(*size, 8192 * 10);  // 100 000 int keys take well over ten pages
}

// HypoPG simulates partial, expression, INCLUDE and multi-column indexes; each must be picked for the query
// it was made for.
TEST_F(WhatIfTest, PartialExpressionAndCoveringIndexesAreSimulated) {
  auto whatif = MakeWhatIf(1);
  struct Case {
    std::string query;
    std::string index;
    std::string expected_node;
  };
  const std::vector<Case> cases = {
      {"SELECT id FROM orders WHERE status = 'open' ORDER BY created_at",
       "CREATE INDEX ON public.orders (created_at) WHERE status = 'open'", "Index Scan"},
      {"SELECT id FROM orders WHERE lower(status) = 'open'", "CREATE INDEX ON public.orders (lower(status))", ""},
      {"SELECT customer_id, created_at FROM orders WHERE customer_id = 42",
       // HypoPG 1.3 does not offer index-only scans on INCLUDE columns, so the node type is not asserted.
       "CREATE INDEX ON public.orders (customer_id) INCLUDE (created_at)", ""},
      {"SELECT id FROM orders WHERE customer_id = 42 AND created_at > now() - interval '1 day'",
       "CREATE INDEX ON public.orders (customer_id, created_at DESC)", ""},
      {"SELECT id FROM orders WHERE created_at > now() - interval '1 hour'",
       "CREATE INDEX ON public.orders USING brin (created_at)", ""}};
  for (const Case& c : cases) {
    CostRequest request{c.query, {orders_}, {}};
    auto before = whatif->Cost(request);
    ASSERT_TRUE(before.ok()) << before.status().ToString();
    request.configuration.added.push_back(Index(c.index, c.index.find("brin") != std::string::npos ? "brin" : "btree"));
    auto after = whatif->Cost(request);
    ASSERT_TRUE(after.ok()) << c.index << ": " << after.status().ToString();
    EXPECT_EQ(after->hypothetical_used, std::vector<size_t>{0}) << c.index << "\n" << after->plan.Outline();
    EXPECT_LT(after->total_cost, before->total_cost) << c.index;
    if (!c.expected_node.empty()) {
      EXPECT_NE(after->plan.Outline().find(c.expected_node), std::string::npos) << after->plan.Outline();
    }
  }
}

TEST_F(WhatIfTest, CacheAnswersRepeatedAndIrrelevantConfigurations) {
  auto whatif = MakeWhatIf(1);
  CostRequest request{"SELECT * FROM orders WHERE status = 'open'", {orders_}, {}};
  ASSERT_TRUE(whatif->Cost(request).ok());
  auto again = whatif->Cost(request);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->from_cache);
  // An index on another table cannot change this query's plan: still a cache hit.
  request.configuration.added.push_back({{"public", "customers"}, "CREATE INDEX ON public.customers (id)", "btree"});
  auto unrelated = whatif->Cost(request);
  ASSERT_TRUE(unrelated.ok());
  EXPECT_TRUE(unrelated->from_cache);
  const WhatIfCounters counters = whatif->counters();
  EXPECT_EQ(counters.requests, 3);
  EXPECT_EQ(counters.cache_hits, 2);
  EXPECT_EQ(counters.planner_calls, 1);
}

TEST_F(WhatIfTest, HiddenPrimaryKeyIsNotUsed) {
  auto whatif = MakeWhatIf(1);
  CostRequest request{"SELECT * FROM orders WHERE id = 7", {orders_}, {}};
  auto with_pk = whatif->Cost(request);
  ASSERT_TRUE(with_pk.ok());
  EXPECT_EQ(with_pk->indexes_used, std::vector<std::string>{"orders_pkey"});
  request.configuration.hidden.push_back({"public", "orders_pkey"});
  auto without = whatif->Cost(request);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_TRUE(without->indexes_used.empty());
  EXPECT_GT(without->total_cost, with_pk->total_cost);
}

TEST_F(WhatIfTest, GinIndexIsBuiltForRealAndDroppedAfterwards) {
  auto whatif = MakeWhatIf(1);
  CostRequest request{R"(SELECT id FROM orders WHERE attrs @> '{"color": "red"}')", {orders_}, {}};
  request.configuration.added.push_back(Index("CREATE INDEX ON public.orders USING gin (attrs jsonb_path_ops)", "gin"));
  auto estimate = whatif->Cost(request);
  ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
  EXPECT_EQ(estimate->hypothetical_used, std::vector<size_t>{0});
  EXPECT_EQ(whatif->counters().real_builds, 1);
  whatif.reset();
  auto left_behind = connection_.Query("SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'orders'");
  ASSERT_TRUE(left_behind.ok());
  EXPECT_EQ(left_behind->GetInt(0, "n"), 1);  // only the primary key
}

TEST_F(WhatIfTest, ParameterisedStatementsGetGenericPlans) {
  auto explained = Explain(connection_, "SELECT * FROM orders WHERE customer_id = $1 AND created_at > $2");
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_TRUE(explained->generic_plan);
  EXPECT_EQ(explained->parameter_count, 2);
  auto types = ParameterTypes(connection_, "SELECT * FROM orders WHERE customer_id = $1 AND status = $2");
  ASSERT_TRUE(types.ok());
  EXPECT_EQ(*types, (std::vector<std::string>{"integer", "text"}));
}

TEST_F(WhatIfTest, UnplannableQueriesSayWhy) {
  auto whatif = MakeWhatIf(1);
  auto missing = whatif->Cost({"SELECT * FROM no_such_table", {}, {}});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no_such_table"), std::string::npos);
  auto bad_index = whatif->Cost({"SELECT 1", {orders_}, {{Index("CREATE INDEX ON public.orders (no_such_column)")}, {}}});
  ASSERT_FALSE(bad_index.ok());
  EXPECT_NE(bad_index.status().message().find("no_such_column"), std::string::npos);
}

TEST_F(WhatIfTest, ExplainAnalyzeOfWritesIsRolledBack) {
  ExplainOptions options;
  options.analyze = true;
  options.buffers = true;
  auto explained = Explain(connection_, "DELETE FROM orders WHERE customer_id = 1", options);
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_TRUE(explained->plan.execution_ms.has_value());
  ASSERT_TRUE(explained->plan.root.buffers.has_value());
  auto count = connection_.Query("SELECT count(*) AS n FROM orders");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->GetInt(0, "n"), 100000);
}

TEST_F(WhatIfTest, ParallelAnswersEqualSequentialOnes) {
  std::vector<CostRequest> requests;
  const std::vector<std::string> queries = {"SELECT * FROM orders WHERE customer_id = 42",
                                            "SELECT * FROM orders WHERE status = 'open' ORDER BY created_at",
                                            "SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day'"};
  const std::vector<std::string> indexes = {"CREATE INDEX ON public.orders (customer_id)",
                                            "CREATE INDEX ON public.orders (status, created_at)",
                                            "CREATE INDEX ON public.orders (created_at)"};
  for (const auto& query : queries) {
    requests.push_back({query, {orders_}, {}});
    for (const auto& index : indexes) requests.push_back({query, {orders_}, {{Index(index)}, {}}});
  }
  auto parallel = MakeWhatIf(2)->CostAll(requests);
  auto sequential = MakeWhatIf(1);
  ASSERT_EQ(parallel.size(), requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    auto expected = sequential->Cost(requests[i]);
    ASSERT_TRUE(parallel[i].ok()) << parallel[i].status().ToString();
    ASSERT_TRUE(expected.ok());
    EXPECT_DOUBLE_EQ(parallel[i]->total_cost, expected->total_cost) << requests[i].sql;
    EXPECT_EQ(parallel[i]->hypothetical_used, expected->hypothetical_used) << requests[i].sql;
  }
}

}  // namespace
}  // namespace dbarch::verify

namespace dbarch::verify {
namespace {

// Sizes the advisor spends its budget on, against the same indexes built for real: HypoPG ignores B-tree
// deduplication (customer_id: 20 rows per value; (customer_id, status): ~20; a partial index of 98 % of the rows).
TEST_F(WhatIfTest, BtreeSizesAreCloseToBuiltIndexes) {
  auto whatif = MakeWhatIf(1);
  for (const char* columns : {"(customer_id)", "(customer_id, status)", "(created_at)", "(status) INCLUDE (customer_id)",
                              "(customer_id) WHERE status = 'done'"}) {
    const std::string definition = fmt::format("CREATE INDEX ON public.orders USING btree {}", columns);
    auto estimate = whatif->EstimateSize(Index(definition));
    ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
    ASSERT_TRUE(connection_.Execute(fmt::format("CREATE INDEX size_probe ON orders {}", columns)).ok());
    auto built = connection_.Query("SELECT pg_relation_size('size_probe') AS bytes");
    ASSERT_TRUE(built.ok());
    ASSERT_TRUE(connection_.Execute("DROP INDEX size_probe").ok());
    const double ratio = static_cast<double>(*estimate) / static_cast<double>(built->GetInt(0, "bytes"));
    EXPECT_NEAR(ratio, 1.0, 0.2) << columns << ": estimated " << *estimate << ", built " << built->GetInt(0, "bytes");
  }
  // The multi-column distinct count came from statistics built and rolled back: nothing is left behind.
  auto leftovers = connection_.Query("SELECT count(*) AS n FROM pg_statistic_ext");
  ASSERT_TRUE(leftovers.ok());
  EXPECT_EQ(leftovers->GetInt(0, "n"), 0);
}

}  // namespace
}  // namespace dbarch::verify

namespace dbarch::verify {
namespace {

// GIN candidates are built once per connection, committed and invalid, and made valid only inside the
// question's rolled-back transaction. The answers must be those of the old way — a real build rolled back
// after the EXPLAIN — for a question that holds the index and for one that does not (where the committed copy
// must stay hidden), and nothing may be left behind.
TEST_F(WhatIfTest, BuiltGinCopiesAnswerAsRolledBackBuildsAndAreDropped) {
  ASSERT_TRUE(connection_.Execute("CREATE EXTENSION IF NOT EXISTS pg_trgm").ok());
  ASSERT_TRUE(connection_
                  .Execute("ALTER TABLE orders ADD COLUMN note text;"
                           "UPDATE orders SET note = md5(id::text) || CASE WHEN id % 97 = 0 THEN ' gift' ELSE '' END")
                  .ok());
  ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE orders").ok());
  const std::vector<std::pair<std::string, HypotheticalIndex>> cases = {
      {"SELECT id FROM orders WHERE note LIKE '%gift%'",
       Index("CREATE INDEX ON public.orders USING gin (note gin_trgm_ops)", "gin")},
      {R"(SELECT id FROM orders WHERE attrs @> '{"color": "red"}')",
       Index("CREATE INDEX ON public.orders USING gin (attrs jsonb_path_ops)", "gin")},
  };
  // The old path, by hand: build in a transaction, EXPLAIN, roll back.
  auto rolled_back_cost = [&](const std::string& sql, const std::string* definition) {
    EXPECT_TRUE(connection_.Execute("BEGIN").ok());
    if (definition != nullptr) {
      EXPECT_TRUE(connection_.Execute(*definition).ok());
    }
    auto explained = Explain(connection_, sql);
    EXPECT_TRUE(connection_.Execute("ROLLBACK").ok());
    EXPECT_TRUE(explained.ok()) << explained.status().ToString();
    return explained.ok() ? explained->plan.root.total_cost : -1.0;
  };
  auto index_count = [&] {
    auto n = connection_.Query("SELECT count(*) AS n FROM pg_index WHERE indrelid = 'orders'::regclass");
    EXPECT_TRUE(n.ok());
    return n.ok() ? n->GetInt(0, "n") : -1;
  };
  {
    auto whatif = MakeWhatIf(2);
    std::vector<CostRequest> requests;
    for (const auto& [sql, index] : cases) {
      requests.push_back({sql, {orders_}, {{index}, {}}});
      requests.push_back({sql, {orders_}, {}});
    }
    // Twice over: the second round finds the copies already built (and hidden from the questions without them).
    for (int round = 0; round < 2; ++round) {
      auto answers = whatif->CostAll(requests);
      for (size_t i = 0; i < requests.size(); ++i) {
        ASSERT_TRUE(answers[i].ok()) << answers[i].status().ToString();
        const bool holds = !requests[i].configuration.added.empty();
        const std::string definition =
            holds ? requests[i].configuration.added[0].NamedDefinition("dbarch_test_probe") : std::string();
        EXPECT_DOUBLE_EQ(answers[i]->total_cost, rolled_back_cost(requests[i].sql, holds ? &definition : nullptr))
            << requests[i].sql << (holds ? " with the index" : " without it");
        EXPECT_EQ(answers[i]->hypothetical_used, holds ? std::vector<size_t>{0} : std::vector<size_t>{}) << requests[i].sql;
        EXPECT_TRUE(answers[i]->indexes_used.empty()) << requests[i].sql;
      }
      ASSERT_TRUE(connection_.Execute("SELECT 1").ok());
    }
    // At most one build per index and connection, however many questions.
    EXPECT_LE(whatif->counters().real_builds, 4);
    EXPECT_GE(whatif->counters().real_builds, 2);
    // While the WhatIf lives its copies exist, invalid, so no other connection's planner uses them.
    auto valid = connection_.Query(
        "SELECT count(*) FILTER (WHERE i.indisvalid) AS valid, count(*) AS n FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'dbarch_whatif_%'");
    ASSERT_TRUE(valid.ok());
    EXPECT_GE(valid->GetInt(0, "n"), 2);
    EXPECT_EQ(valid->GetInt(0, "valid"), 0);
    auto size = whatif->EstimateSize(cases[0].second);
    ASSERT_TRUE(size.ok()) << size.status().ToString();
    ASSERT_TRUE(connection_.Execute(cases[0].second.NamedDefinition("size_probe")).ok());
    auto built = connection_.Query("SELECT pg_relation_size('size_probe') AS bytes");
    ASSERT_TRUE(built.ok());
    ASSERT_TRUE(connection_.Execute("DROP INDEX size_probe").ok());
    EXPECT_EQ(*size, built->GetInt(0, "bytes"));
    // Dropped on request; asked again, rebuilt (answers stay cached).
    ASSERT_TRUE(whatif->DropBuiltIndexes().ok());
    EXPECT_EQ(index_count(), 1);
    ASSERT_TRUE(whatif->EstimateSize(cases[1].second).ok());
    EXPECT_EQ(index_count(), 2);
  }
  EXPECT_EQ(index_count(), 1);  // the destructor dropped the rebuilt copy; only the primary key is left
}

}  // namespace
}  // namespace dbarch::verify

namespace dbarch::verify {
namespace {

// A skewed column (JOB's movie_info.info in small): 90 % of the rows share 20 short values, the other 10 %
// are distinct 64-character strings. ANALYZE's sample sees most rare values once and puts n_distinct at about
// a fifth of the truth, and its average width is the rows' (mostly short), not the distinct keys' (mostly
// long); the model fed those expects far more deduplication than the index gets. Counting the keys fixes it.
TEST_F(WhatIfTest, BtreeSizeOfASkewedColumnIsCountedNotSampled) {
  ASSERT_TRUE(connection_
                  .Execute("CREATE TABLE info (id int, info text);"
                           "INSERT INTO info SELECT g, CASE WHEN g % 10 = 0 THEN md5(g::text) || md5((-g)::text) "
                           "ELSE 'genre ' || (g % 20) END FROM generate_series(1, 200000) g")
                  .ok());
  ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE info").ok());
  ASSERT_TRUE(connection_.Execute("CREATE INDEX size_probe ON info (info)").ok());
  auto built = connection_.Query("SELECT pg_relation_size('size_probe') AS bytes");
  ASSERT_TRUE(built.ok());
  ASSERT_TRUE(connection_.Execute("DROP INDEX size_probe").ok());
  const double built_bytes = static_cast<double>(built->GetInt(0, "bytes"));

  auto hypothetical = connection_.Query("SELECT indexrelid FROM hypopg_create_index('CREATE INDEX ON info (info)')");
  ASSERT_TRUE(hypothetical.ok()) << hypothetical.status().ToString();
  const long long oid = hypothetical->GetInt(0, "indexrelid");
  auto sampled = ReadBtreeShape(connection_, oid, 1, nullptr, /*exact_count_timeout_ms=*/0);
  auto counted = ReadBtreeShape(connection_, oid, 1, nullptr);
  ASSERT_TRUE(sampled.ok()) << sampled.status().ToString();
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  ASSERT_TRUE(counted->key_distinct.has_value());
  EXPECT_EQ(*counted->key_distinct, 20000 + 18);  // the long values plus genres 1..19 but 10 (g % 20 of g % 10 != 0)
  const double sampled_ratio = static_cast<double>(EstimateBtreeBytes(*sampled)) / built_bytes;
  const double counted_ratio = static_cast<double>(EstimateBtreeBytes(*counted)) / built_bytes;
  EXPECT_LT(sampled_ratio, 0.75) << "the sampled estimate was expected to fall short on this column";
  EXPECT_NEAR(counted_ratio, 1.0, 0.12) << "built " << built_bytes << ", sampled n_distinct " << sampled->columns[0].n_distinct << " ratio " << sampled_ratio;
  // And through the what-if, which counts.
  auto whatif = MakeWhatIf(1);
  auto estimate = whatif->EstimateSize({{"public", "info"}, "CREATE INDEX ON public.info USING btree (info)", "btree"});
  ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
  EXPECT_NEAR(static_cast<double>(*estimate) / built_bytes, 1.0, 0.12);
}

// Above the exact-count threshold a key is still counted when its leading column is stored in its own order
// (ANALYZE's block sample undercounts such a column: TPC-H SF 1 l_orderkey, 390 765 estimated, 1 500 000
// counted), and not when it is scattered. The threshold is lowered so a small table stands for a large one.
TEST_F(WhatIfTest, BtreeKeysOfAClusteredColumnAreCountedOnLargeTables) {
  ASSERT_TRUE(connection_
                  .Execute("CREATE TABLE lines (order_id int, scattered int);"
                           "INSERT INTO lines SELECT g / 4, (g * 7919) % 40000 FROM generate_series(0, 159999) g")
                  .ok());
  ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE lines").ok());
  auto shape_of = [&](const char* column) {
    auto created = connection_.Query(
        fmt::format("SELECT indexrelid FROM hypopg_create_index('CREATE INDEX ON lines ({})')", column));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return ReadBtreeShape(connection_, created->GetInt(0, "indexrelid"), 1, nullptr, 2000,
                          /*exact_count_max_rows=*/10'000);
  };
  auto clustered = shape_of("order_id");
  ASSERT_TRUE(clustered.ok()) << clustered.status().ToString();
  ASSERT_TRUE(clustered->key_distinct.has_value()) << "a clustered leading column is counted";
  EXPECT_EQ(*clustered->key_distinct, 40000);
  auto scattered = shape_of("scattered");
  ASSERT_TRUE(scattered.ok()) << scattered.status().ToString();
  EXPECT_FALSE(scattered->key_distinct.has_value()) << "a scattered column keeps ANALYZE's n_distinct";
}

// Once a count on a table times out, the table's other keys are not counted through the same cache (each would
// wait out the timeout on a table that large); other tables still are.
TEST_F(WhatIfTest, BtreeKeyCountsStopOnATableAfterATimeout) {
  ASSERT_TRUE(connection_
                  .Execute("CREATE TABLE big (a int, b int);"
                           "INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, 300000) g;"
                           "CREATE TABLE small (a int);"
                           "INSERT INTO small SELECT g % 100 FROM generate_series(1, 1000) g")
                  .ok());
  ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE big").ok());
  ASSERT_TRUE(connection_.Execute("VACUUM ANALYZE small").ok());
  auto shape_of = [&](const char* table, const char* column, int timeout_ms, KeyDistinctCache* cache) {
    auto created = connection_.Query(
        fmt::format("SELECT indexrelid FROM hypopg_create_index('CREATE INDEX ON {} ({})')", table, column));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return ReadBtreeShape(connection_, created->GetInt(0, "indexrelid"), 1, cache, timeout_ms);
  };
  KeyDistinctCache cache;
  auto timed_out = shape_of("big", "a", /*timeout_ms=*/1, &cache);  // no GROUP BY of 300 000 rows takes 1 ms
  ASSERT_TRUE(timed_out.ok()) << timed_out.status().ToString();
  EXPECT_FALSE(timed_out->key_distinct.has_value());
  auto after = shape_of("big", "b", 60'000, &cache);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_FALSE(after->key_distinct.has_value()) << "big's keys are no longer counted";
  auto other = shape_of("small", "a", 60'000, &cache);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(other->key_distinct.has_value()) << "another table still is";
  EXPECT_EQ(*other->key_distinct, 100);
  KeyDistinctCache fresh;
  auto counted = shape_of("big", "b", 60'000, &fresh);
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  ASSERT_TRUE(counted->key_distinct.has_value()) << "without the cache's memory it is counted";
  EXPECT_EQ(*counted->key_distinct, 1000);
}

}  // namespace
}  // namespace dbarch::verify
