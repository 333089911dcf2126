// Scaling advice on the bundled shop: read-replica routing and the distribution key for a sharded setup.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "analyzers/ops_advice.h"
#include "sources/project_loader.h"

namespace dbarch {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const analyzers::Advice* FindAdvice(const std::vector<analyzers::Advice>& advice, const std::string& id) {
  for (const auto& a : advice) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

std::vector<analyzers::Advice> ShopAdvice() {
  sources::LoadOptions options;
  options.paths.push_back((std::filesystem::path(DBARCH_SOURCE_DIR) / "examples" / "shop").string());
  auto project = sources::LoadProject(options);
  EXPECT_TRUE(project.ok()) << project.status().ToString();
  return analyzers::AdvisePerformance(project->catalog, project->workload);
}

TEST(OpsScaling, DistributesTheCustomerFamilyAndNamesCrossShardStatements) {
  auto advice = ShopAdvice();
  const auto* key = FindAdvice(advice, "scale/distribution-key");
  ASSERT_NE(key, nullptr);
  EXPECT_THAT(key->snippet, HasSubstr("create_distributed_table('public.orders', 'customer_id'"));
  EXPECT_THAT(key->snippet, HasSubstr("create_distributed_table('public.customers', 'id'"));
  EXPECT_THAT(key->snippet, HasSubstr("create_reference_table('public.products')"));
  // order_items references orders but has no customer_id: it must get the column to co-locate.
  EXPECT_THAT(key->detail, HasSubstr("public.order_items"));
  // Statements pinned to one shard are not cross-shard: an INSERT giving customer_id, a read by customer_id.
  EXPECT_THAT(key->evidence, Not(Contains(HasSubstr("INSERT INTO orders (customer_id"))));
  EXPECT_THAT(key->evidence, Contains(AllOf(HasSubstr("cross-shard"), HasSubstr("UPDATE orders SET status = 'shipped' WHERE id = $1"))));
}

TEST(OpsScaling, RoutesReadsToReplicasButNotReadYourWrites) {
  auto advice = ShopAdvice();
  const auto* replicas = FindAdvice(advice, "scale/read-replica-routing");
  ASSERT_NE(replicas, nullptr);
  EXPECT_THAT(replicas->title, HasSubstr("77 %"));
  EXPECT_THAT(replicas->evidence, Contains(AllOf(HasSubstr("replica: "), HasSubstr("FROM products WHERE id = $1"))));
  EXPECT_THAT(replicas->evidence, Contains(AllOf(HasSubstr("primary (read-your-writes)"), HasSubstr("account.sql:29"))));
  for (const auto& e : replicas->evidence) EXPECT_THAT(e, Not(HasSubstr("UPDATE "))) << "writes are never routed";
}

}  // namespace
}  // namespace dbarch
