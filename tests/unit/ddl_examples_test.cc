// Replays the bundled example migrations and checks the final schemas against their READMEs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "sources/ddl_loader.h"
#include "sql/parser.h"

namespace dbarch::sources {
namespace {

namespace fs = std::filesystem;

struct Replay {
  model::Catalog catalog;
  Diagnostics diagnostics;
};

Replay ReplayFiles(const std::vector<fs::path>& files) {
  Replay out;
  DdlReplayer replayer(&out.catalog);
  for (const auto& path : files) {
    auto parsed = sql::ParseFile(path.string());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (parsed.ok()) replayer.ApplyFile(*parsed, &out.diagnostics);
  }
  return out;
}

std::vector<fs::path> MigrationFiles(const std::string& example, const std::string& suffix) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBARCH_SOURCE_DIR) / "examples" / example / "migrations")) {
    std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  // Flyway versions sort numerically (V1 … V9 here, single digits); golang-migrate's are zero-padded.
  std::sort(files.begin(), files.end());
  return files;
}

TEST(DdlExamplesTest, ShopReplaysToTheDocumentedSchema) {
  auto r = ReplayFiles(MigrationFiles("shop", ".sql"));
  for (const auto& d : r.diagnostics) ADD_FAILURE() << d.ToString();
  int partitions = 0;
  for (const auto& [name, t] : r.catalog.tables) partitions += t.partition_of.has_value();
  EXPECT_EQ(r.catalog.tables.size() - partitions, 18u);
  EXPECT_EQ(partitions, 3);
  int views = 0, matviews = 0;
  for (const auto& [name, v] : r.catalog.views) (v.materialized ? matviews : views)++;
  EXPECT_EQ(views, 1);
  EXPECT_EQ(matviews, 1);
  EXPECT_EQ(r.catalog.enums.size(), 2u);
  EXPECT_EQ(r.catalog.domains.size(), 1u);
  EXPECT_EQ(r.catalog.functions.size(), 1u);
  EXPECT_EQ(r.catalog.triggers.size(), 1u);

  const model::Table* products = r.catalog.FindTable({"public", "products"});
  ASSERT_NE(products, nullptr);
  EXPECT_NE(products->FindColumn("description_md"), nullptr);  // V8 rename
  EXPECT_TRUE(products->FindColumn("sku")->not_null);          // V8 SET NOT NULL
  const model::Table* orders = r.catalog.FindTable({"public", "orders"});
  EXPECT_EQ(orders->FindColumn("status")->type.name, "public.order_status");  // V7
  EXPECT_EQ(orders->FindColumn("status")->default_expr, "'pending'");
  EXPECT_EQ(r.catalog.enums.at({"public", "order_status"}).values,
            (std::vector<std::string>{"pending", "paid", "shipped", "delivered", "refunded", "cancelled"}));
  EXPECT_TRUE(r.catalog.indexes.count({"public", "customers_email_key"}));
  EXPECT_TRUE(r.catalog.indexes.count({"public", "payments_order_id_idx"}));
  EXPECT_EQ(r.catalog.indexes.at({"public", "orders_pending_idx"}).predicate, "status = 'pending'");
  const model::Table* order_items = r.catalog.FindTable({"public", "order_items"});
  const auto* fk = order_items->FindConstraint("order_items_product_id_fkey");
  ASSERT_NE(fk, nullptr);
  EXPECT_FALSE(fk->on_delete_explicit);
  EXPECT_TRUE(order_items->FindConstraint("order_items_order_id_fkey")->on_delete_explicit);
  EXPECT_EQ(order_items->FindColumn("unit_price")->type.ToSql(), "numeric(14,4)");
  EXPECT_TRUE(r.catalog.FindTable({"public", "shipments"})->FindConstraint("shipments_order_id_fkey"));
  EXPECT_EQ(r.catalog.sequences.at({"public", "customers_id_seq"}).owned_by_column, "id");
}

TEST(DdlExamplesTest, BookingReplaysToTheDocumentedSchema) {
  auto r = ReplayFiles(MigrationFiles("booking", ".up.sql"));
  // The only diagnostic is the DO block that creates the role.
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.diagnostics[0].ToString();
  EXPECT_EQ(r.diagnostics[0].code, "do-block");
  EXPECT_EQ(r.catalog.tables.size(), 12u);
  EXPECT_EQ(r.catalog.enums.size(), 1u);
  EXPECT_TRUE(r.catalog.extensions.count("btree_gist"));
  EXPECT_EQ(r.catalog.policies.size(), 4u);
  EXPECT_EQ(r.catalog.functions.size(), 1u);
  EXPECT_TRUE(r.catalog.functions.begin()->second.security_definer);
  const model::Table* bookings = r.catalog.FindTable({"public", "bookings"});
  ASSERT_NE(bookings, nullptr);
  EXPECT_TRUE(bookings->rls_enabled);
  EXPECT_EQ(bookings->FindColumn("starts_at")->generated_expr, "lower(during)");
  const auto* excl = bookings->FindConstraint("bookings_no_overlap");
  ASSERT_NE(excl, nullptr);
  EXPECT_EQ(excl->kind, model::ConstraintKind::kExclude);
  EXPECT_EQ(excl->where_predicate, "status <> 'cancelled'");
  EXPECT_TRUE(r.catalog.indexes.count({"public", "bookings_no_overlap"}));
  EXPECT_TRUE(bookings->FindConstraint("bookings_during_check"));
  EXPECT_TRUE(r.catalog.FindTable({"public", "availability_rules"})->FindConstraint("availability_rules_check"));
  EXPECT_TRUE(r.catalog.FindTable({"public", "users"})->FindConstraint("users_tenant_id_email_key"));
  EXPECT_FALSE(r.catalog.grants.empty());
}

}  // namespace
}  // namespace dbarch::sources
