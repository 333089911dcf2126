// EXPLAIN text format into the plan model: the tree shape, the numbers, sub-plans, psql decoration,
// auto_explain indentation, and errors with line:column. The plans are captured from PostgreSQL 15
// (tests/cases/explain/*/plan.txt); the findings on them are checked by those data-driven cases.
#include "sources/explain_text.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace dbarch::sources {
namespace {

std::string Case(const std::string& name) {
  std::ifstream in(std::string(DBARCH_TEST_DATA_DIR) + "/cases/explain/" + name + "/plan.txt");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ExplainText, NestedLoopTreeAndNumbers) {
  auto plans = ParseExplain(Case("nested"), "nested.txt");
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  ASSERT_EQ(plans->size(), 1u);
  const model::Plan& plan = plans->front();
  EXPECT_EQ(plan.root.node_type, "Aggregate");
  EXPECT_EQ(plan.root.strategy, "Plain");
  EXPECT_DOUBLE_EQ(*plan.execution_ms, 1093.283);
  EXPECT_DOUBLE_EQ(*plan.planning_ms, 10.114);
  const model::PlanNode& loop = plan.root.children.at(0);
  EXPECT_EQ(loop.node_type, "Nested Loop");
  EXPECT_EQ(loop.join_type, "Inner");
  EXPECT_DOUBLE_EQ(*loop.rows_removed_by_join_filter, 2937644);
  ASSERT_EQ(loop.children.size(), 2u);
  const model::PlanNode& inner = loop.children[1];
  EXPECT_EQ(inner.node_type, "Materialize");
  EXPECT_EQ(inner.parent_relationship, "Inner");
  EXPECT_DOUBLE_EQ(*inner.actual_loops, 1000);
  const model::PlanNode& scan = inner.children.at(0);
  EXPECT_EQ(scan.node_type, "Index Scan");
  EXPECT_EQ(scan.index_name, "customer_pkey");
  EXPECT_EQ(scan.relation, "customer");
  EXPECT_EQ(scan.alias, "c");
  EXPECT_EQ(scan.index_cond, "(c_custkey < 3000)");
  EXPECT_DOUBLE_EQ(scan.startup_cost, 0.29);
  EXPECT_DOUBLE_EQ(scan.total_cost, 163.79);
  EXPECT_DOUBLE_EQ(scan.plan_rows, 2999);
  EXPECT_EQ(scan.plan_width, 10);
  EXPECT_EQ(plan.Nodes().size(), 8u);
}

TEST(ExplainText, SubPlansAreChildrenWithTheirName) {
  auto plans = ParseExplain(Case("subplan"));
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  const model::PlanNode& root = plans->front().root;
  EXPECT_EQ(root.node_type, "Index Only Scan");
  EXPECT_DOUBLE_EQ(*root.heap_fetches, 0);
  ASSERT_EQ(root.children.size(), 1u);
  EXPECT_EQ(root.children[0].parent_relationship, "SubPlan");
  EXPECT_EQ(root.children[0].subplan_name, "SubPlan 1");
  EXPECT_EQ(root.children[0].children.at(0).filter, "(o_custkey = customer.c_custkey)");
}

TEST(ExplainText, SortHashBitmapAndJitDetails) {
  auto sort = ParseExplain(Case("sort_disk"));
  ASSERT_TRUE(sort.ok());
  bool disk_sort = false;
  for (const model::PlanNode* node : sort->front().Nodes()) {
    if (node->node_type == "Sort") {
      disk_sort = node->sort_space_type == "Disk" && node->sort_method == "external merge" && node->sort_space_used_kb > 0;
    }
  }
  EXPECT_TRUE(disk_sort);
  EXPECT_EQ(sort->front().settings.at("work_mem"), "64kB");

  auto hash = ParseExplain(Case("hash_batches"));
  ASSERT_TRUE(hash.ok());
  bool batches = false;
  for (const model::PlanNode* node : hash->front().Nodes()) batches |= node->hash_batches.value_or(0) == 8;
  EXPECT_TRUE(batches);

  auto jit = ParseExplain(Case("jit"));
  ASSERT_TRUE(jit.ok());
  EXPECT_EQ(jit->front().jit_functions, 4);
  EXPECT_DOUBLE_EQ(*jit->front().jit_total_ms, 511.811);

  auto lossy = ParseExplain(Case("lossy"));
  ASSERT_TRUE(lossy.ok());
  bool lossy_blocks = false;
  for (const model::PlanNode* node : lossy->front().Nodes()) {
    lossy_blocks |= node->lossy_heap_blocks.value_or(0) > 0 && node->buffers.has_value();
  }
  EXPECT_TRUE(lossy_blocks);
}

TEST(ExplainText, AutoExplainAndSeveralPlans) {
  auto logged = ParseExplain(Case("auto_explain"));
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->front().query_text, "SELECT count(*) FROM hf WHERE v < 300");
  EXPECT_EQ(logged->front().root.children.at(0).relation, "hf");

  auto several = ParseExplain(Case("multi"));
  ASSERT_TRUE(several.ok());
  ASSERT_EQ(several->size(), 2u);
  EXPECT_EQ((*several)[0].root.node_type, "Result");
  EXPECT_EQ((*several)[1].root.children.at(0).relation, "region");
}

TEST(ExplainText, LabelsOfModifyAndParallelNodes) {
  auto plans = ParseExplainText(
      "Update on public.accounts a  (cost=0.00..1.00 rows=0 width=0)\n"
      "  ->  Parallel Index Only Scan Backward using accounts_pkey on public.accounts a  (cost=0.1..1 rows=1 width=6)\n"
      "        Index Cond: (id = 1)\n");
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  const model::PlanNode& root = plans->front().root;
  EXPECT_EQ(root.node_type, "ModifyTable");
  EXPECT_EQ(root.other.at("Operation"), "Update");
  EXPECT_EQ(root.schema, "public");
  const model::PlanNode& scan = root.children.at(0);
  EXPECT_TRUE(scan.parallel_aware);
  EXPECT_EQ(scan.node_type, "Index Only Scan");
  EXPECT_EQ(scan.scan_direction, "Backward");
  EXPECT_EQ(scan.index_name, "accounts_pkey");
}

TEST(ExplainText, ErrorsNameLineAndColumn) {
  auto garbled = ParseExplain(Case("garbled"), "garbled.txt");
  ASSERT_FALSE(garbled.ok());
  EXPECT_NE(garbled.status().message().find("garbled.txt:3:4:"), std::string::npos) << garbled.status().message();
  EXPECT_FALSE(ParseExplainText("hello\n").ok());
  EXPECT_FALSE(ParseExplainText("").ok());
  // Truncated input: a plan cut mid-tree still loads what is there.
  auto truncated = ParseExplainText("Hash Join  (cost=1.09..2.21 rows=5 width=64)\n  Hash Cond: (a.id = b.id)\n  ->  Seq Sc");
  ASSERT_TRUE(truncated.ok());
  EXPECT_EQ(truncated->front().root.children.size(), 1u);
}

}  // namespace
}  // namespace dbarch::sources
