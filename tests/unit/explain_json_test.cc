#include "sources/explain_json.h"

#include <gtest/gtest.h>

namespace dbarch::sources {
namespace {

// Captured from PostgreSQL 15: EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a join with a spilling sort.
constexpr const char* kAnalyzed = R"json([
  {
    "Plan": {
      "Node Type": "Sort", "Parallel Aware": false, "Async Capable": false,
      "Startup Cost": 1200.5, "Total Cost": 1250.75, "Plan Rows": 20000, "Plan Width": 16,
      "Actual Startup Time": 30.1, "Actual Total Time": 35.2, "Actual Rows": 20000, "Actual Loops": 1,
      "Sort Key": ["o.created_at DESC"], "Sort Method": "external merge", "Sort Space Used": 640,
      "Sort Space Type": "Disk", "Shared Hit Blocks": 12, "Shared Read Blocks": 3, "Temp Read Blocks": 80,
      "Temp Written Blocks": 81,
      "Plans": [
        {
          "Node Type": "Hash Join", "Parent Relationship": "Outer", "Join Type": "Inner",
          "Startup Cost": 10, "Total Cost": 900, "Plan Rows": 20000, "Plan Width": 16,
          "Actual Startup Time": 1.0, "Actual Total Time": 20.0, "Actual Rows": 20000, "Actual Loops": 1,
          "Hash Cond": "(o.customer_id = c.id)",
          "Plans": [
            {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "orders", "Alias": "o",
             "Startup Cost": 0, "Total Cost": 500, "Plan Rows": 20000, "Plan Width": 12,
             "Actual Startup Time": 0.01, "Actual Total Time": 5.0, "Actual Rows": 20000, "Actual Loops": 1,
             "Filter": "(status = 'open'::text)", "Rows Removed by Filter": 80000},
            {"Node Type": "Hash", "Parent Relationship": "Inner", "Startup Cost": 5, "Total Cost": 5,
             "Plan Rows": 100, "Plan Width": 4, "Hash Buckets": 1024, "Hash Batches": 4,
             "Original Hash Batches": 1, "Peak Memory Usage": 9,
             "Plans": [
               {"Node Type": "Index Only Scan", "Parent Relationship": "Outer", "Scan Direction": "Forward",
                "Index Name": "customers_pkey", "Relation Name": "customers", "Alias": "c",
                "Startup Cost": 0.29, "Total Cost": 4.5, "Plan Rows": 100, "Plan Width": 4,
                "Actual Startup Time": 0.02, "Actual Total Time": 0.3, "Actual Rows": 100, "Actual Loops": 1,
                "Heap Fetches": 100}
             ]}
          ]
        }
      ]
    },
    "Planning": {"Shared Hit Blocks": 7},
    "Planning Time": 0.4,
    "Triggers": [{"Trigger Name": "audit", "Relation": "orders", "Time": 1.5, "Calls": 3}],
    "JIT": {"Functions": 6, "Options": {"Inlining": false},
            "Timing": {"Generation": 0.5, "Inlining": 0.0, "Optimization": 0.3, "Emission": 4.0, "Total": 4.8}},
    "Execution Time": 36.0
  }
])json";

TEST(ExplainJsonTest, ReadsEveryModelledProperty) {
  auto plans = ParseExplainJson(kAnalyzed);
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  ASSERT_EQ(plans->size(), 1u);
  const model::Plan& plan = plans->front();
  EXPECT_DOUBLE_EQ(plan.TotalCost(), 1250.75);
  EXPECT_EQ(plan.planning_ms, 0.4);
  EXPECT_EQ(plan.execution_ms, 36.0);
  ASSERT_TRUE(plan.planning_buffers.has_value());
  EXPECT_EQ(plan.planning_buffers->shared_hit, 7);
  EXPECT_EQ(plan.jit_functions, 6);
  EXPECT_EQ(plan.jit_total_ms, 4.8);
  ASSERT_EQ(plan.triggers.size(), 1u);
  EXPECT_EQ(plan.triggers[0].calls, 3);

  const model::PlanNode& sort = plan.root;
  EXPECT_EQ(sort.sort_method, "external merge");
  EXPECT_EQ(sort.sort_space_type, "Disk");
  ASSERT_TRUE(sort.buffers.has_value());
  EXPECT_EQ(sort.buffers->temp_written, 81);
  EXPECT_EQ(sort.sort_key, std::vector<std::string>{"o.created_at DESC"});
  EXPECT_EQ(sort.other.at("Async Capable"), "false");

  const model::PlanNode& join = sort.children.at(0);
  EXPECT_EQ(join.hash_cond, "(o.customer_id = c.id)");
  const model::PlanNode& scan = join.children.at(0);
  EXPECT_EQ(scan.relation, "orders");
  EXPECT_EQ(scan.rows_removed_by_filter, 80000);
  const model::PlanNode& hash = join.children.at(1);
  EXPECT_EQ(hash.hash_batches, 4);
  EXPECT_EQ(hash.original_hash_batches, 1);
  EXPECT_EQ(hash.children.at(0).heap_fetches, 100);
  EXPECT_EQ(plan.IndexesUsed(), std::vector<std::string>{"customers_pkey"});
  EXPECT_EQ(plan.Nodes().size(), 5u);
  EXPECT_EQ(hash.children.at(0).TotalActualMs(), 0.3);
}

TEST(ExplainJsonTest, AcceptsASinglePlanObjectAsAutoExplainWritesIt) {
  auto plans = ParseExplainJson(R"({"Query Text": "SELECT 1", "Plan": {"Node Type": "Result", "Total Cost": 0.01}})");
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  EXPECT_EQ(plans->front().query_text, "SELECT 1");
  EXPECT_EQ(plans->front().root.node_type, "Result");
}

TEST(ExplainJsonTest, MalformedJsonNamesLineAndColumn) {
  auto plans = ParseExplainJson("[\n  {\"Plan\": {\"Node Type\": \"Result\",}}\n]", "plan.json");
  ASSERT_FALSE(plans.ok());
  EXPECT_EQ(plans.status().location()->file, "plan.json");
  EXPECT_EQ(plans.status().location()->line, 2);
  EXPECT_GT(plans.status().location()->column, 30);
}

TEST(ExplainJsonTest, JsonThatIsNotAPlanIsRejected) {
  EXPECT_FALSE(ParseExplainJson("[{\"Query\": 1}]").ok());
  EXPECT_FALSE(ParseExplainJson("[]").ok());
  EXPECT_FALSE(ParseExplainJson("[{\"Plan\": {\"Total Cost\": 1}}]").ok());  // no node type
  EXPECT_FALSE(ParseExplainJson("{\"Plan\": {\"Node Type\": \"Result\", \"Plans\": 3}}").ok());
}

}  // namespace
}  // namespace dbarch::sources
