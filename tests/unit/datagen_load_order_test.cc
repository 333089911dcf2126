// Load order of the data generator: parents before children, cycles loaded as one step with the cheapest
// way of breaking each forward foreign key.
#include <gtest/gtest.h>

#include "sources/ddl_loader.h"
#include "verify/datagen/load_order.h"

namespace dbarch::verify::datagen {
namespace {

model::Catalog CatalogOf(const std::string& ddl) {
  auto parsed = sql::ParseString("t.sql", ddl);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  model::Catalog catalog;
  sources::DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  replayer.ApplyFile(parsed.value(), &diagnostics);
  return catalog;
}

std::vector<std::string> Order(const std::vector<LoadStep>& steps) {
  std::vector<std::string> out;
  for (const auto& step : steps) {
    std::string joined;
    for (const auto& table : step.tables) joined += (joined.empty() ? "" : "+") + table.name;
    out.push_back(joined);
  }
  return out;
}

TEST(DatagenLoadOrderTest, ParentsComeBeforeChildren) {
  auto catalog = CatalogOf(
      "CREATE TABLE order_items (id int PRIMARY KEY, order_id int REFERENCES orders, product_id int REFERENCES products);"
      "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);"
      "CREATE TABLE products (id int PRIMARY KEY);"
      "CREATE TABLE customers (id int PRIMARY KEY);");
  // The DDL above is out of order on purpose; the replayer keeps the FKs even so.
  const auto order = Order(PlanLoadOrder(catalog));
  auto position = [&](const std::string& name) { return std::find(order.begin(), order.end(), name) - order.begin(); };
  ASSERT_EQ(order.size(), 4u);
  EXPECT_LT(position("customers"), position("orders"));
  EXPECT_LT(position("orders"), position("order_items"));
  EXPECT_LT(position("products"), position("order_items"));
}

TEST(DatagenLoadOrderTest, SelfReferenceIsNotACycle) {
  auto catalog = CatalogOf("CREATE TABLE categories (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES categories);");
  const auto steps = PlanLoadOrder(catalog);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].broken.empty());
}

TEST(DatagenLoadOrderTest, NullableCycleLoadsNullThenUpdates) {
  auto catalog = CatalogOf(
      "CREATE TABLE departments (id int PRIMARY KEY, manager_id int);"
      "CREATE TABLE employees (id int PRIMARY KEY, department_id int NOT NULL REFERENCES departments);"
      "ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees;"
      "CREATE TABLE badges (id int PRIMARY KEY, employee_id int NOT NULL REFERENCES employees);");
  const auto steps = PlanLoadOrder(catalog);
  EXPECT_EQ(Order(steps), (std::vector<std::string>{"departments+employees", "badges"}));
  ASSERT_EQ(steps[0].broken.size(), 1u);
  EXPECT_EQ(steps[0].broken[0].table.name, "departments");
  EXPECT_EQ(steps[0].broken[0].how, CycleBreak::kNullThenUpdate);
  EXPECT_FALSE(steps[0].deferred());
}

TEST(DatagenLoadOrderTest, DeferrableForeignKeyIsPreferredOverANullableOne) {
  auto catalog = CatalogOf(
      "CREATE TABLE a (id int PRIMARY KEY, b_id int);"
      "CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL);"
      "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b;"
      "ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a DEFERRABLE;");
  const auto steps = PlanLoadOrder(catalog);
  ASSERT_EQ(steps.size(), 1u);
  ASSERT_EQ(steps[0].broken.size(), 1u);
  // Loading b first breaks its deferrable FK (free) instead of a's nullable one (an UPDATE afterwards).
  EXPECT_EQ(steps[0].tables.front().name, "b");
  EXPECT_EQ(steps[0].broken[0].how, CycleBreak::kDeferred);
  EXPECT_TRUE(steps[0].deferred());
}

TEST(DatagenLoadOrderTest, CycleOfNotNullForeignKeysNeedsTriggersOff) {
  auto catalog = CatalogOf(
      "CREATE TABLE eggs (id int PRIMARY KEY, chicken_id int NOT NULL);"
      "CREATE TABLE chickens (id int PRIMARY KEY, egg_id int NOT NULL REFERENCES eggs);"
      "ALTER TABLE eggs ADD FOREIGN KEY (chicken_id) REFERENCES chickens;");
  const auto steps = PlanLoadOrder(catalog);
  ASSERT_EQ(steps.size(), 1u);
  ASSERT_EQ(steps[0].broken.size(), 1u);
  EXPECT_EQ(steps[0].broken[0].how, CycleBreak::kTriggersOff);
}

TEST(DatagenLoadOrderTest, DeferrableCycleRunsDeferred) {
  auto catalog = CatalogOf(
      "CREATE TABLE authors (id int PRIMARY KEY, book_id int NOT NULL);"
      "CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors);"
      "ALTER TABLE authors ADD FOREIGN KEY (book_id) REFERENCES books DEFERRABLE INITIALLY DEFERRED;");
  const auto steps = PlanLoadOrder(catalog);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(Order(steps), (std::vector<std::string>{"authors+books"}));
  EXPECT_TRUE(steps[0].deferred());
}

TEST(DatagenLoadOrderTest, PartitionsLoadThroughTheirRoot) {
  auto catalog = CatalogOf(
      "CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);"
      "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
      "CREATE TABLE notes (id int PRIMARY KEY, event_id int, at date, FOREIGN KEY (event_id, at) REFERENCES events_2024 (id, at));");
  EXPECT_EQ(Order(PlanLoadOrder(catalog)), (std::vector<std::string>{"events", "notes"}));
  EXPECT_EQ(LoadedThrough(catalog, {"public", "events_2024"}).name, "events");
}

}  // namespace
}  // namespace dbarch::verify::datagen
