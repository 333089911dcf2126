// CompareCatalogs on hand-built catalogs: what counts as a difference, how it is reported, and which
// spellings are equal (with sql::CatalogCanonicalizer for expressions).
#include "model/catalog_compare.h"

#include <gtest/gtest.h>

#include "model/catalog_sql.h"
#include "sql/canonical_expression.h"

namespace dbarch::model {
namespace {

Catalog OrdersCatalog() {
  Catalog c;
  Table t;
  t.name = {"public", "orders"};
  t.columns.push_back({.name = "id", .type = {.name = "bigint"}, .not_null = true});
  t.columns.push_back({.name = "status", .type = {.name = "text"}, .default_expr = "'new'"});
  t.columns.push_back({.name = "total", .type = {.name = "numeric", .modifiers = {"10", "2"}}});
  Constraint pk;
  pk.name = "orders_pkey";
  pk.kind = ConstraintKind::kPrimaryKey;
  pk.columns = {"id"};
  t.constraints.push_back(pk);
  Constraint check;
  check.name = "orders_status_check";
  check.kind = ConstraintKind::kCheck;
  check.check_expr = "status IN ('new', 'paid')";
  t.constraints.push_back(check);
  c.tables[t.name] = t;
  Index i;
  i.name = {"public", "orders_pkey"};
  i.table = t.name;
  i.unique = i.primary = true;
  i.constraint_name = "orders_pkey";
  i.keys.push_back({.column = "id"});
  c.indexes[i.name] = i;
  return c;
}

TEST(CatalogCompareTest, EqualCatalogsHaveNoDifferencesWhateverTheLocations) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  right.tables.begin()->second.location = {"db:shop", 0, 0, 0, 0};
  right.tables.begin()->second.columns[0].location = {"schema.sql", 3, 5, 40, 0};
  EXPECT_TRUE(CompareCatalogs(left, right).empty());
}

TEST(CatalogCompareTest, ReportsObjectFieldAndBothValues) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  right.tables.begin()->second.columns[2].type.modifiers = {"12", "2"};
  right.tables.begin()->second.columns[0].not_null = false;
  auto differences = CompareCatalogs(left, right);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].ToString(), "column public.orders.id: not_null: true ≠ false");
  EXPECT_EQ(differences[1].object, "column public.orders.total");
  EXPECT_EQ(differences[1].field, "type");
  EXPECT_EQ(differences[1].left, "numeric(10,2)");
  EXPECT_EQ(differences[1].right, "numeric(12,2)");
}

TEST(CatalogCompareTest, MissingObjectsOnEitherSide) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  right.indexes.clear();
  EnumType e;
  e.name = {"public", "mood"};
  right.enums[e.name] = e;
  auto differences = CompareCatalogs(left, right);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].ToString(), "index public.orders_pkey: present ≠ (absent)");
  EXPECT_EQ(differences[1].ToString(), "enum public.mood: (absent) ≠ present");
}

TEST(CatalogCompareTest, ColumnOrderIsAField) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  auto& columns = right.tables.begin()->second.columns;
  std::swap(columns[1], columns[2]);
  auto differences = CompareCatalogs(left, right);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].field, "column order");
}

TEST(CatalogCompareTest, ExpressionsComparedThroughTheCanonicalizer) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  auto& t = right.tables.begin()->second;
  t.columns[1].default_expr = "'new'::text";
  t.constraints[1].check_expr = "(status = ANY (ARRAY['new'::text, 'paid'::text]))";
  EXPECT_EQ(CompareCatalogs(left, right).size(), 2u);  // identity canonicalizer: spelling differs
  EXPECT_TRUE(CompareCatalogs(left, right, sql::CatalogCanonicalizer()).empty());
  t.constraints[1].check_expr = "(status = ANY (ARRAY['new'::text, 'shipped'::text]))";
  auto differences = CompareCatalogs(left, right, sql::CatalogCanonicalizer());
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].object, "constraint orders_status_check on public.orders");
  EXPECT_EQ(differences[0].field, "check");
}

TEST(CatalogCompareTest, DefaultsPostgresDerivesAreEqualToWrittenOnes) {
  Catalog left;
  Catalog right;
  Sequence s;
  s.name = {"public", "s"};
  s.data_type = "integer";
  left.sequences[s.name] = s;
  s.start = 1;
  s.increment = 1;
  s.min_value = 1;
  s.max_value = 2147483647;
  right.sequences[s.name] = s;
  Sequence down;
  down.name = {"public", "down"};
  down.increment = -1;
  left.sequences[down.name] = down;
  down.start = -1;
  down.max_value = -1;
  right.sequences[down.name] = down;
  EXPECT_TRUE(CompareCatalogs(left, right).empty());
  right.sequences[s.name].start = 5;
  EXPECT_EQ(CompareCatalogs(left, right).size(), 1u);

  Catalog a = OrdersCatalog();
  Catalog b = OrdersCatalog();
  const QualifiedName first_index = a.indexes.begin()->first;
  a.indexes.Mutable(first_index)->keys[0].descending = true;
  b.indexes.Mutable(first_index)->keys[0].descending = true;
  b.indexes.Mutable(first_index)->keys[0].nulls_first = true;  // DESC means NULLS FIRST
  EXPECT_TRUE(CompareCatalogs(a, b).empty());

  Policy p;
  p.name = "p";
  p.table = {"public", "orders"};
  a.policies.push_back(p);
  p.roles = {"PUBLIC"};
  b.policies.push_back(p);
  Grant g{"TABLE", "public.orders", {"ALL"}, {}, "app", false, {}};
  a.grants.push_back(g);
  g.privileges = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"};
  b.grants.push_back(g);
  EXPECT_TRUE(CompareCatalogs(a, b).empty());
}

TEST(CatalogCompareTest, AsWrittenFieldsOnlyWhenAsked) {
  Catalog left = OrdersCatalog();
  Catalog right = OrdersCatalog();
  left.indexes.Mutable(left.indexes.begin()->first)->created_concurrently = true;
  EXPECT_TRUE(CompareCatalogs(left, right).empty());
  CompareOptions options;
  options.compare_as_written = true;
  EXPECT_EQ(CompareCatalogs(left, right, {}, options).size(), 1u);
}

TEST(CatalogSqlTest, WritesDependenciesFirst) {
  Catalog c = OrdersCatalog();
  View v;
  v.name = {"public", "paid"};
  v.definition = "SELECT id FROM orders WHERE status = 'paid'";
  v.columns = {"id"};
  v.reads = {{"public", "orders"}};
  c.views[v.name] = v;
  View w = v;
  w.name = {"public", "a_view_of_paid"};  // sorts first, but reads `paid`
  w.definition = "SELECT id FROM paid";
  w.reads = {{"public", "paid"}};
  c.views[w.name] = w;
  std::string sql = CatalogToSql(c);
  auto at = [&](const std::string& text) { return sql.find(text); };
  ASSERT_NE(at("CREATE TABLE public.orders"), std::string::npos) << sql;
  EXPECT_NE(at("CONSTRAINT orders_pkey PRIMARY KEY (id)"), std::string::npos) << sql;
  EXPECT_NE(at("CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid'))"), std::string::npos) << sql;
  EXPECT_EQ(at("CREATE INDEX"), std::string::npos) << "the primary key's index is the constraint's\n" << sql;
  EXPECT_LT(at("CREATE TABLE public.orders"), at("CREATE VIEW public.paid"));
  EXPECT_LT(at("CREATE VIEW public.paid"), at("CREATE VIEW public.a_view_of_paid"));
}

}  // namespace
}  // namespace dbarch::model
