#include <gtest/gtest.h>

#include "analyzers/er_model.h"

namespace dbarch::analyzers {
namespace {

using model::Catalog;
using model::ConstraintKind;

model::Column Col(std::string name, bool not_null) {
  model::Column c;
  c.name = std::move(name);
  c.type.name = "bigint";
  c.not_null = not_null;
  return c;
}

model::Table& AddTable(Catalog& catalog, const std::string& name, std::vector<model::Column> columns,
                       std::vector<std::string> pk) {
  model::Table t;
  t.name = {"public", name};
  t.columns = std::move(columns);
  model::Constraint c;
  c.kind = ConstraintKind::kPrimaryKey;
  c.name = name + "_pkey";
  c.columns = std::move(pk);
  t.constraints.push_back(c);
  return catalog.tables[t.name] = std::move(t);
}

void AddFk(model::Table& t, const std::string& column, const std::string& parent) {
  model::Constraint c;
  c.kind = ConstraintKind::kForeignKey;
  c.name = t.name.name + "_" + column + "_fkey";
  c.columns = {column};
  c.referenced_table = {"public", parent};
  c.referenced_columns = {"id"};
  t.constraints.push_back(c);
}

const ErRelationship* Find(const ErModel& m, const std::string& constraint) {
  for (const auto& r : m.relationships) {
    if (r.constraint_name == constraint) return &r;
  }
  return nullptr;
}

Catalog Sample() {
  Catalog c;
  AddTable(c, "customers", {Col("id", true)}, {"id"});
  AddTable(c, "products", {Col("id", true)}, {"id"});
  auto& orders = AddTable(c, "orders", {Col("id", true), Col("customer_id", false)}, {"id"});
  AddFk(orders, "customer_id", "customers");
  auto& profiles = AddTable(c, "profiles", {Col("id", true), Col("customer_id", true)}, {"id"});
  AddFk(profiles, "customer_id", "customers");
  model::Constraint unique;
  unique.kind = ConstraintKind::kUnique;
  unique.name = "profiles_customer_id_key";
  unique.columns = {"customer_id"};
  profiles.constraints.push_back(unique);
  auto& favourites = AddTable(c, "favourites", {Col("customer_id", true), Col("product_id", true)},
                              {"customer_id", "product_id"});
  AddFk(favourites, "customer_id", "customers");
  AddFk(favourites, "product_id", "products");
  return c;
}

TEST(AnalyzersErModelTest, CardinalitiesFollowNullabilityAndUniqueness) {
  ErModel m = BuildErModel(Sample());
  ASSERT_EQ(m.entities.size(), 5u);
  ASSERT_EQ(m.relationships.size(), 4u);

  const auto* orders = Find(m, "orders_customer_id_fkey");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->parent.name, "customers");
  EXPECT_EQ(orders->child.name, "orders");
  EXPECT_EQ(orders->parent_side, ParentSide::kZeroOrOne);  // nullable FK: optional parent
  EXPECT_EQ(orders->child_side, ChildSide::kZeroOrMany);
  EXPECT_EQ(orders->Cardinality(), "0..1:N");

  const auto* profiles = Find(m, "profiles_customer_id_fkey");
  ASSERT_NE(profiles, nullptr);
  EXPECT_EQ(profiles->child_side, ChildSide::kZeroOrOne);  // unique FK: one-to-one
  EXPECT_EQ(profiles->Cardinality(), "1:1");

  // The junction's FK column is part of a composite key, so one customer has many favourites.
  EXPECT_EQ(Find(m, "favourites_customer_id_fkey")->Cardinality(), "1:N");
}

TEST(AnalyzersErModelTest, JunctionTablesAndAttributes) {
  ErModel m = BuildErModel(Sample());
  for (const auto& e : m.entities) {
    EXPECT_EQ(e.junction, e.table.name == "favourites") << e.table.name;
    if (e.table.name != "profiles") continue;
    ASSERT_EQ(e.attributes.size(), 2u);
    EXPECT_TRUE(e.attributes[0].primary_key);
    EXPECT_FALSE(e.attributes[0].nullable);
    EXPECT_TRUE(e.attributes[1].foreign_key);
    EXPECT_TRUE(e.attributes[1].unique);
    EXPECT_EQ(e.attributes[1].type, "bigint");
  }
  // A composite PK with only one FK is not a junction.
  Catalog c = Sample();
  c.tables[{"public", "favourites"}].constraints.pop_back();
  for (const auto& e : BuildErModel(c).entities) EXPECT_FALSE(e.junction) << e.table.name;
}

TEST(AnalyzersErModelTest, PartitionsAreNotEntities) {
  Catalog c = Sample();
  auto& part = AddTable(c, "orders_2025", {Col("id", true)}, {"id"});
  part.partition_of = model::QualifiedName{"public", "orders"};
  EXPECT_EQ(BuildErModel(c).entities.size(), 5u);
}

}  // namespace
}  // namespace dbarch::analyzers
