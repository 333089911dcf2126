// The workload model builder: AddWorkloadFile / AnalyzeQuery against a small hand-built catalog, and the
// bundled shop example against its replayed migrations.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "model/model_json.h"
#include "sources/ddl_loader.h"
#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::sources {
namespace {

using model::ColumnRef;
using model::Predicate;
using model::QualifiedName;

model::Table MakeTable(const std::string& schema, const std::string& name, const std::vector<std::string>& columns) {
  model::Table table;
  table.name = {schema, name};
  for (const auto& c : columns) {
    model::Column column;
    column.name = c;
    column.type.name = "text";
    table.columns.push_back(column);
  }
  return table;
}

model::Catalog TestCatalog() {
  model::Catalog catalog;
  for (auto table : {
           MakeTable("public", "customers", {"id", "email", "full_name", "deleted_at", "created_at", "active"}),
           MakeTable("public", "orders", {"id", "customer_id", "status", "total", "created_at", "note"}),
           MakeTable("public", "order_items", {"order_id", "product_id", "quantity", "unit_price"}),
           MakeTable("public", "products", {"id", "name", "price", "tags", "attributes", "created_at", "is_active"}),
           MakeTable("public", "shipments", {"id", "order_id", "carrier"}),
           MakeTable("app", "settings", {"key", "value"}),
           MakeTable("audit", "log_entries", {"id", "message"}),
       }) {
    catalog.tables[table.name] = table;
  }
  model::View view;
  view.name = {"public", "active_customers"};
  view.definition = "SELECT id, email AS mail FROM customers WHERE deleted_at IS NULL";
  catalog.views[view.name] = view;
  return catalog;
}

ColumnRef Col(const std::string& table, const std::string& column) { return {{"public", table}, column}; }

class WorkloadTest : public ::testing::Test {
 protected:
  model::Query Analyze(const std::string& text) {
    auto file = sql::ParseString("q.sql", text);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    if (!file.ok() || file->statements.empty()) return {};
    return AnalyzeQuery(file->statements[0], catalog_);
  }

  static std::vector<std::string> Codes(const model::Query& q) {
    std::vector<std::string> codes;
    for (const auto& d : q.diagnostics) codes.push_back(d.code);
    return codes;
  }

  static const Predicate* FindPredicate(const model::Query& q, const ColumnRef& column, const std::string& op) {
    for (const auto& p : q.predicates) {
      if (p.column == column && p.op == op) return &p;
    }
    return nullptr;
  }

  model::Catalog catalog_ = TestCatalog();
};

// --- relations, aliases, joins -------------------------------------------------------------------------

TEST_F(WorkloadTest, ResolvesAliasesAndExplicitJoins) {
  auto q = Analyze(
      "SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id "
      "LEFT JOIN shipments s ON s.order_id = o.id AND s.carrier = 'dhl' "
      "WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT 50");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.kind, model::StatementKind::kSelect);
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"public", "orders"}, {"public", "customers"}, {"public", "shipments"}}));
  ASSERT_EQ(q.joins.size(), 2u);
  EXPECT_EQ(q.joins[0].left, Col("customers", "id"));
  EXPECT_EQ(q.joins[0].right, Col("orders", "customer_id"));
  EXPECT_EQ(q.joins[0].join_type, "INNER");
  EXPECT_EQ(q.joins[1].join_type, "LEFT");
  const Predicate* carrier = FindPredicate(q, Col("shipments", "carrier"), "=");
  ASSERT_NE(carrier, nullptr);
  EXPECT_EQ(carrier->clause, "JOIN");
  EXPECT_EQ(carrier->operand, Predicate::Operand::kConstant);
  EXPECT_EQ(carrier->constant, "'dhl'");
  const Predicate* customer = FindPredicate(q, Col("orders", "customer_id"), "=");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ(customer->operand, Predicate::Operand::kParameter);
  EXPECT_EQ(customer->clause, "WHERE");
  ASSERT_EQ(q.order_by.size(), 1u);
  EXPECT_EQ(q.order_by[0].column, Col("orders", "created_at"));
  EXPECT_TRUE(q.order_by[0].descending);
  EXPECT_EQ(q.limit, 50);
  EXPECT_EQ(q.select_columns, (std::vector<ColumnRef>{Col("orders", "id"), Col("customers", "email")}));
}

TEST_F(WorkloadTest, ImplicitCommaJoinBecomesJoinCondition) {
  auto q = Analyze("SELECT c.email FROM orders o, customers c WHERE o.customer_id = c.id AND o.status = 'paid'");
  EXPECT_TRUE(q.diagnostics.empty());
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.joins[0].join_type, "IMPLICIT");
  EXPECT_EQ(q.joins[0].left, Col("orders", "customer_id"));
  ASSERT_EQ(q.predicates.size(), 1u);
  EXPECT_EQ(q.predicates[0].column, Col("orders", "status"));
}

TEST_F(WorkloadTest, JoinUsingMergesTheColumn) {
  auto q = Analyze("SELECT order_id, carrier FROM order_items JOIN shipments USING (order_id) WHERE order_id = $1");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.joins[0].left, Col("order_items", "order_id"));
  EXPECT_EQ(q.joins[0].right, Col("shipments", "order_id"));
  EXPECT_NE(FindPredicate(q, Col("order_items", "order_id"), "="), nullptr);
}

TEST_F(WorkloadTest, NaturalAndCrossJoins) {
  auto q = Analyze("SELECT 1 FROM orders NATURAL JOIN shipments CROSS JOIN products p");
  // orders and shipments share id and order_id? orders has id; shipments has id and order_id.
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.joins[0].left, Col("orders", "id"));
  EXPECT_EQ(q.joins[0].right, Col("shipments", "id"));
  EXPECT_EQ(q.tables.size(), 3u);
}

TEST_F(WorkloadTest, AmbiguousUnresolvedAndUnknownNames) {
  auto q = Analyze("SELECT id FROM orders JOIN customers ON true");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"ambiguous-column"});

  q = Analyze("SELECT o.id\nFROM orders o\nWHERE o.nope = 1 AND x.id = 2 AND missing = 3");
  EXPECT_EQ(Codes(q), (std::vector<std::string>{"unresolved-column", "unresolved-table", "unresolved-column"}));
  // Diagnostics point at the token: line 3, column of "o.nope" / "x.id" / "missing".
  EXPECT_EQ(q.diagnostics[0].location.line, 3);
  EXPECT_EQ(q.diagnostics[0].location.column, 7);
  EXPECT_EQ(q.diagnostics[1].location.column, 22);
  EXPECT_EQ(q.diagnostics[2].location.column, 35);
  EXPECT_EQ(q.diagnostics[0].location.file, "q.sql");

  q = Analyze("SELECT a, b FROM no_such_table WHERE a = 1");
  // One diagnostic for the table; its columns cannot be checked, so they are not reported again.
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-table"});
  EXPECT_TRUE(q.tables.empty());
  EXPECT_TRUE(q.predicates.empty());
}

TEST_F(WorkloadTest, SchemaQualifiedAndSearchPathFallback) {
  auto q = Analyze("SELECT s.value FROM app.settings s WHERE s.key = $1");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"app", "settings"}}));
  // Unqualified but present in exactly one schema: accepted (the application sets search_path).
  q = Analyze("SELECT message FROM log_entries WHERE id = 1");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"audit", "log_entries"}}));
  // A three-part column reference.
  q = Analyze("SELECT public.orders.id FROM public.orders");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_EQ(q.select_columns, std::vector<ColumnRef>{Col("orders", "id")});
  // System catalogs are neither tables of the application nor unresolved.
  q = Analyze("SELECT relname FROM pg_class WHERE relkind = 'r'");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_TRUE(q.tables.empty());
}

TEST_F(WorkloadTest, ViewsResolveToTheViewName) {
  auto q = Analyze("SELECT mail FROM active_customers WHERE id = $1");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"public", "active_customers"}}));
  EXPECT_NE(FindPredicate(q, Col("active_customers", "id"), "="), nullptr);
  q = Analyze("SELECT email FROM active_customers");  // renamed to mail in the view
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-column"});
}

// --- sub-queries, CTEs, set operations ------------------------------------------------------------------

TEST_F(WorkloadTest, CorrelatedSubqueries) {
  auto q = Analyze(
      "SELECT c.id, (SELECT count(*) FROM orders o2 WHERE o2.customer_id = c.id) AS n FROM customers c "
      "WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.created_at > now()) "
      "AND c.id NOT IN (SELECT oi.order_id FROM order_items oi)");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_TRUE(q.has_subquery);
  EXPECT_TRUE(q.has_aggregate);
  EXPECT_EQ(q.joins.size(), 2u);  // the two correlations
  for (const auto& join : q.joins) EXPECT_EQ(join.right, Col("customers", "id"));
  const Predicate* not_in = FindPredicate(q, Col("customers", "id"), "IN");
  ASSERT_NE(not_in, nullptr);
  EXPECT_TRUE(not_in->negated);
  EXPECT_EQ(not_in->operand, Predicate::Operand::kSubquery);
  const Predicate* created = FindPredicate(q, Col("orders", "created_at"), ">");
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->operand, Predicate::Operand::kOther);
  EXPECT_EQ(q.tables.size(), 3u);
}

TEST_F(WorkloadTest, CtePassesTableColumnsThrough) {
  auto q = Analyze(
      "WITH recent AS (SELECT o.id, o.customer_id AS cust, o.total * 2 AS double_total FROM orders o) "
      "SELECT r.id FROM recent r WHERE r.cust = $1 AND r.double_total > 10");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_TRUE(q.has_cte);
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"public", "orders"}}));  // the CTE is not a table
  ASSERT_EQ(q.predicates.size(), 1u);  // double_total is computed: no table column to filter
  EXPECT_EQ(q.predicates[0].column, Col("orders", "customer_id"));
  q = Analyze("WITH r AS (SELECT id FROM orders) SELECT r.nope FROM r");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-column"});
}

TEST_F(WorkloadTest, RecursiveCte) {
  auto q = Analyze(
      "WITH RECURSIVE chain(id, depth) AS (SELECT id, 0 FROM orders WHERE id = $1 "
      "UNION ALL SELECT o.id, c.depth + 1 FROM orders o JOIN chain c ON o.customer_id = c.id) "
      "SELECT id, depth FROM chain");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_TRUE(q.has_cte);
  EXPECT_NE(FindPredicate(q, Col("orders", "id"), "="), nullptr);
}

TEST_F(WorkloadTest, LateralSubquerySeesEarlierFromItems) {
  auto q = Analyze(
      "SELECT c.id, last.created_at FROM customers c "
      "CROSS JOIN LATERAL (SELECT o.created_at FROM orders o WHERE o.customer_id = c.id "
      "ORDER BY o.created_at DESC LIMIT 1) last");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.joins[0].left, Col("orders", "customer_id"));
  EXPECT_FALSE(q.limit.has_value());  // the LIMIT belongs to the sub-query
  ASSERT_EQ(q.order_by.size(), 1u);
  // Without LATERAL the sub-query cannot see c.
  q = Analyze("SELECT 1 FROM customers c, (SELECT o.id FROM orders o WHERE o.customer_id = c.id) x");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-table"});
}

TEST_F(WorkloadTest, SetOperations) {
  auto q = Analyze(
      "SELECT id, email FROM customers WHERE deleted_at IS NULL UNION "
      "SELECT id, note FROM orders WHERE status = 'x' ORDER BY 2 LIMIT 10");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_EQ(q.tables.size(), 2u);
  EXPECT_EQ(q.predicates.size(), 2u);
  EXPECT_EQ(q.limit, 10);
  ASSERT_EQ(q.order_by.size(), 1u);
  EXPECT_EQ(q.order_by[0].column, Col("customers", "email"));
  q = Analyze("SELECT * FROM customers INTERSECT SELECT * FROM customers EXCEPT SELECT * FROM customers");
  EXPECT_TRUE(q.select_star);
}

// --- predicates -------------------------------------------------------------------------------------------

TEST_F(WorkloadTest, PredicateVariety) {
  auto q = Analyze(
      "SELECT 1 FROM products p WHERE lower(p.name) = lower($1) AND p.created_at IS NOT NULL "
      "AND p.id IN (1, 2, 3) AND p.id = ANY($2) AND p.price BETWEEN 10 AND 20 AND p.name LIKE 'a%' "
      "AND p.tags NOT ILIKE '%x%' AND p.attributes @> $3::jsonb AND $4 < p.created_at AND p.is_active "
      "AND (p.price > 5 OR p.name ~~ 'b%') AND NOT (p.tags IS NULL) AND p.is_active IS TRUE "
      "AND (p.created_at, p.id) < ($5, $6) AND p.attributes ? 'color' AND p.price::int <> 3");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  const Predicate* p = FindPredicate(q, Col("products", "name"), "=");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->expression, "lower(p.name)");
  EXPECT_EQ(p->operand, Predicate::Operand::kOther);
  ASSERT_NE(FindPredicate(q, Col("products", "created_at"), "IS NOT NULL"), nullptr);
  p = FindPredicate(q, Col("products", "id"), "IN");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->operand, Predicate::Operand::kConstant);
  EXPECT_EQ(p->constant, "(1, 2, 3)");
  p = FindPredicate(q, Col("products", "id"), "= ANY");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->operand, Predicate::Operand::kParameter);
  p = FindPredicate(q, Col("products", "price"), "BETWEEN");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->constant, "10 AND 20");
  ASSERT_NE(FindPredicate(q, Col("products", "name"), "LIKE"), nullptr);
  p = FindPredicate(q, Col("products", "tags"), "ILIKE");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->negated);
  p = FindPredicate(q, Col("products", "attributes"), "@>");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->operand, Predicate::Operand::kParameter);
  p = FindPredicate(q, Col("products", "created_at"), ">");  // $4 < created_at, flipped
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->operand, Predicate::Operand::kParameter);
  p = FindPredicate(q, Col("products", "is_active"), "=");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->constant, "true");
  p = FindPredicate(q, Col("products", "price"), ">");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->in_or);
  p = FindPredicate(q, Col("products", "name"), "LIKE");
  EXPECT_FALSE(p->in_or);
  int or_likes = 0;
  for (const auto& pred : q.predicates) or_likes += pred.op == "LIKE" && pred.in_or;
  EXPECT_EQ(or_likes, 1);  // `~~` spelled as LIKE
  p = FindPredicate(q, Col("products", "tags"), "IS NULL");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->negated);
  EXPECT_NE(FindPredicate(q, Col("products", "is_active"), "IS TRUE"), nullptr);
  p = FindPredicate(q, Col("products", "id"), "<");  // from the row comparison
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->operand, Predicate::Operand::kParameter);
  EXPECT_NE(FindPredicate(q, Col("products", "attributes"), "?"), nullptr);
  p = FindPredicate(q, Col("products", "price"), "<>");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->expression, "p.price::int");
}

TEST_F(WorkloadTest, HavingGroupByOrderByResolution) {
  auto q = Analyze(
      "SELECT date_trunc('day', o.created_at) AS day, o.status, count(*) AS n, sum(o.total) AS revenue "
      "FROM orders o GROUP BY 1, status HAVING sum(o.total) > $1 AND o.status <> 'x' "
      "ORDER BY day, revenue DESC NULLS LAST, 2");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_TRUE(q.has_aggregate);
  EXPECT_EQ(q.group_by, (std::vector<ColumnRef>{Col("orders", "created_at"), Col("orders", "status")}));
  const Predicate* having = FindPredicate(q, Col("orders", "status"), "<>");
  ASSERT_NE(having, nullptr);
  EXPECT_EQ(having->clause, "HAVING");
  ASSERT_EQ(q.order_by.size(), 3u);
  EXPECT_EQ(q.order_by[0].expression, "date_trunc('day', o.created_at)");
  EXPECT_EQ(q.order_by[0].column, Col("orders", "created_at"));
  EXPECT_EQ(q.order_by[1].expression, "sum(o.total)");
  EXPECT_TRUE(q.order_by[1].column.column.empty());  // an aggregate: no column index serves it
  EXPECT_TRUE(q.order_by[1].descending);
  EXPECT_EQ(q.order_by[1].nulls_first, false);
  EXPECT_EQ(q.order_by[2].column, Col("orders", "status"));
}

TEST_F(WorkloadTest, WindowFunctionIsNotAnAggregate) {
  auto q = Analyze("SELECT id, row_number() OVER (PARTITION BY customer_id ORDER BY created_at) FROM orders");
  EXPECT_TRUE(q.diagnostics.empty());
  EXPECT_FALSE(q.has_aggregate);
  q = Analyze("SELECT sum(total) OVER w FROM orders WINDOW w AS (PARTITION BY nope)");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-column"});
}

TEST_F(WorkloadTest, LimitAndOffset) {
  auto q = Analyze("SELECT * FROM products LIMIT $1 OFFSET $2");
  EXPECT_TRUE(q.select_star);
  EXPECT_TRUE(q.has_parameter_limit);
  EXPECT_TRUE(q.has_parameter_offset);
  EXPECT_FALSE(q.limit.has_value());
  q = Analyze("SELECT p.* FROM products p LIMIT 24 OFFSET 48");
  EXPECT_TRUE(q.select_star);
  EXPECT_EQ(q.limit, 24);
  EXPECT_EQ(q.offset, 48);
  q = Analyze("SELECT x.* FROM products p");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-table"});
}

// --- DML -------------------------------------------------------------------------------------------------

TEST_F(WorkloadTest, InsertValuesOnConflictReturning) {
  auto q = Analyze(
      "INSERT INTO order_items AS oi (order_id, product_id, quantity) VALUES ($1, $2, $3) "
      "ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = oi.quantity + EXCLUDED.quantity "
      "RETURNING order_id, quantity");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.kind, model::StatementKind::kInsert);
  EXPECT_EQ(q.target, (QualifiedName{"public", "order_items"}));
  EXPECT_EQ(q.set_columns, (std::vector<ColumnRef>{Col("order_items", "order_id"), Col("order_items", "product_id"),
                                                   Col("order_items", "quantity")}));
  EXPECT_EQ(q.conflict_columns,
            (std::vector<ColumnRef>{Col("order_items", "order_id"), Col("order_items", "product_id")}));
  EXPECT_EQ(q.select_columns, (std::vector<ColumnRef>{Col("order_items", "order_id"), Col("order_items", "quantity")}));

  q = Analyze("INSERT INTO orders (customer_id, nope) VALUES ($1, $2)");
  EXPECT_EQ(Codes(q), std::vector<std::string>{"unresolved-column"});
}

TEST_F(WorkloadTest, InsertSelect) {
  auto q = Analyze(
      "INSERT INTO shipments (order_id, carrier) SELECT o.id, 'dhl' FROM orders o WHERE o.status = 'paid' "
      "RETURNING *");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.tables, (std::vector<QualifiedName>{{"public", "shipments"}, {"public", "orders"}}));
  EXPECT_EQ(q.target, (QualifiedName{"public", "shipments"}));
  EXPECT_NE(FindPredicate(q, Col("orders", "status"), "="), nullptr);
  EXPECT_TRUE(q.select_star);
}

TEST_F(WorkloadTest, UpdateWithFromAndReturning) {
  auto q = Analyze(
      "UPDATE orders o SET status = 'shipped', note = s.carrier FROM shipments s "
      "WHERE s.order_id = o.id AND s.carrier = $1 RETURNING o.id");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.kind, model::StatementKind::kUpdate);
  EXPECT_EQ(q.target, (QualifiedName{"public", "orders"}));
  EXPECT_EQ(q.set_columns, (std::vector<ColumnRef>{Col("orders", "status"), Col("orders", "note")}));
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.joins[0].join_type, "IMPLICIT");
  EXPECT_EQ(q.select_columns, std::vector<ColumnRef>{Col("orders", "id")});
  q = Analyze("UPDATE orders SET (status, note) = (SELECT 'a', carrier FROM shipments LIMIT 1) WHERE id = $1");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.set_columns.size(), 2u);
  EXPECT_FALSE(q.limit.has_value());
}

TEST_F(WorkloadTest, DeleteUsing) {
  auto q = Analyze("DELETE FROM order_items oi USING orders o WHERE oi.order_id = o.id AND o.status = $1");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.kind, model::StatementKind::kDelete);
  EXPECT_EQ(q.target, (QualifiedName{"public", "order_items"}));
  EXPECT_EQ(q.joins.size(), 1u);
  EXPECT_NE(FindPredicate(q, Col("orders", "status"), "="), nullptr);
}

TEST_F(WorkloadTest, Merge) {
  auto q = Analyze(
      "MERGE INTO products p USING order_items oi ON p.id = oi.product_id "
      "WHEN MATCHED THEN UPDATE SET price = oi.unit_price "
      "WHEN NOT MATCHED THEN INSERT (id, price) VALUES (oi.product_id, oi.unit_price)");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.kind, model::StatementKind::kMerge);
  EXPECT_EQ(q.target, (QualifiedName{"public", "products"}));
  ASSERT_EQ(q.joins.size(), 1u);
  EXPECT_EQ(q.set_columns, (std::vector<ColumnRef>{Col("products", "price"), Col("products", "id")}));
}

TEST_F(WorkloadTest, DataModifyingCte) {
  auto q = Analyze(
      "WITH gone AS (DELETE FROM orders WHERE status = 'void' RETURNING id, customer_id) "
      "INSERT INTO shipments (order_id) SELECT g.id FROM gone g");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_EQ(q.target, (QualifiedName{"public", "shipments"}));
  EXPECT_EQ(q.tables.size(), 2u);
}

TEST_F(WorkloadTest, UnusualNodesDoNotCrash) {
  auto q = Analyze(
      "SELECT t.x, g, xmlelement(name a, p.name), CASE WHEN p.price > 1 THEN 'a' END, ARRAY[p.id], "
      "coalesce(p.name, 'x'), greatest(p.price, 1), p.attributes->>'color', (p.attributes).foo "
      "FROM products p TABLESAMPLE SYSTEM (10), unnest($1::int[]) AS t(x), generate_series(1, 3) g, "
      "ROWS FROM (generate_series(1, 2)) AS r "
      "WHERE p.id IS DISTINCT FROM $2 AND p.name SIMILAR TO 'a%' FOR UPDATE OF p SKIP LOCKED");
  EXPECT_TRUE(q.diagnostics.empty()) << q.diagnostics[0].ToString();
  EXPECT_NE(FindPredicate(q, Col("products", "id"), "IS DISTINCT FROM"), nullptr);
  q = Analyze("EXPLAIN ANALYZE SELECT id FROM orders WHERE id = 1");
  EXPECT_EQ(q.kind, model::StatementKind::kSelect);
  EXPECT_EQ(q.predicates.size(), 1u);
  q = Analyze("VALUES (1, 2), (3, 4)");
  EXPECT_TRUE(q.diagnostics.empty());
}

// --- files: weights, grouping, non-queries ---------------------------------------------------------------

TEST(WorkloadFileTest, WeightsNamesAndGroupingByFingerprint) {
  model::Catalog catalog = TestCatalog();
  auto file = sql::ParseString("w.sql",
                               "-- Header comment.\n"
                               "-- name: by customer\n"
                               "-- calls: 200\n"
                               "SELECT id FROM orders WHERE customer_id = 1;\n"
                               "-- weight: 2.5\n"
                               "select id\n  from orders where customer_id = 42;\n"
                               "CREATE TABLE t (id int);\n"
                               "SELECT 1 FROM customers;\n"
                               "-- calls: lots\n"
                               "DELETE FROM orders WHERE id = $1;\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  model::Workload workload;
  AddWorkloadFile(*file, catalog, &workload);
  ASSERT_EQ(workload.queries.size(), 3u);
  const auto& first = workload.queries[0];
  EXPECT_EQ(first.calls, 202.5);
  EXPECT_EQ(first.label, "by customer");
  EXPECT_EQ(first.text, "SELECT id FROM orders WHERE customer_id = 1");
  EXPECT_EQ(first.normalized, "SELECT id FROM orders WHERE customer_id = $1");
  EXPECT_EQ(first.fingerprint.size(), 16u);
  ASSERT_EQ(first.occurrences.size(), 2u);
  EXPECT_EQ(first.occurrences[0].line, 4);
  EXPECT_EQ(first.occurrences[1].line, 6);
  EXPECT_EQ(workload.queries[1].calls, 1);
  EXPECT_EQ(workload.queries[2].calls, 1);
  ASSERT_EQ(workload.diagnostics.size(), 2u);
  EXPECT_EQ(workload.diagnostics[0].code, "not-a-query");
  EXPECT_EQ(workload.diagnostics[0].location.line, 8);
  EXPECT_EQ(workload.diagnostics[1].code, "invalid-weight");
  EXPECT_EQ(workload.TotalCalls(), 204.5);
  EXPECT_NE(workload.FindByFingerprint(first.fingerprint), nullptr);
}

TEST(WorkloadFileTest, JsonOmitsEmptyFields) {
  model::Catalog catalog = TestCatalog();
  auto file = sql::ParseString("w.sql", "-- calls: 3\nSELECT id FROM orders WHERE id = $1;\nSELECT nope FROM orders;\n");
  ASSERT_TRUE(file.ok());
  model::Workload workload;
  AddWorkloadFile(*file, catalog, &workload);
  nlohmann::json j = model::ToJson(workload);
  ASSERT_EQ(j["queries"].size(), 2u);
  const auto& q = j["queries"][0];
  EXPECT_EQ(q["calls"], 3);
  EXPECT_EQ(q["kind"], "SELECT");
  EXPECT_EQ(q["tables"], nlohmann::json::array({"public.orders"}));
  EXPECT_EQ(q["predicates"][0]["column"], "public.orders.id");
  EXPECT_EQ(q["predicates"][0]["operand"], "parameter");
  EXPECT_EQ(q["occurrences"][0], "w.sql:2:1");
  EXPECT_FALSE(q.contains("joins"));
  EXPECT_FALSE(q.contains("select_star"));
  EXPECT_FALSE(q.contains("diagnostics"));
  EXPECT_EQ(j["queries"][1]["diagnostics"][0]["code"], "unresolved-column");
  EXPECT_EQ(j["queries"][1]["diagnostics"][0]["location"], "w.sql:3:8");
  EXPECT_EQ(j["total_calls"], 4);
}

// --- the bundled shop example ------------------------------------------------------------------------------

TEST(WorkloadShopTest, EveryQueryResolvesAgainstTheMigrations) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(DBARCH_SOURCE_DIR) / "examples" / "shop";
  std::vector<fs::path> migrations;
  for (const auto& entry : fs::directory_iterator(root / "migrations")) migrations.push_back(entry.path());
  std::sort(migrations.begin(), migrations.end());  // V1 … V9
  model::Catalog catalog;
  DdlReplayer replayer(&catalog);
  Diagnostics ddl_diagnostics;
  for (const auto& path : migrations) {
    auto file = sql::ParseFile(path.string());
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    replayer.ApplyFile(*file, &ddl_diagnostics);
  }
  ASSERT_NE(catalog.FindTable({"public", "orders"}), nullptr);

  model::Workload workload;
  std::vector<fs::path> query_files;
  for (const auto& entry : fs::directory_iterator(root / "queries")) query_files.push_back(entry.path());
  std::sort(query_files.begin(), query_files.end());
  size_t statements = 0;
  for (const auto& path : query_files) {
    auto file = sql::ParseFile(path.string());
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    statements += file->statements.size();
    AddWorkloadFile(*file, catalog, &workload);
  }
  EXPECT_EQ(statements, 43u);
  EXPECT_TRUE(workload.diagnostics.empty());
  for (const auto& q : workload.queries) {
    for (const auto& d : q.diagnostics) ADD_FAILURE() << d.ToString() << "\n  in: " << q.text;
    EXPECT_FALSE(q.tables.empty()) << q.text;
    EXPECT_GT(q.calls, 1) << q.text;
  }

  auto find = [&](const std::string& prefix) -> const model::Query* {
    for (const auto& q : workload.queries) {
      if (q.text.rfind(prefix, 0) == 0) return &q;
    }
    ADD_FAILURE() << "no query starting with " << prefix;
    return nullptr;
  };
  // Q1: SELECT * ; Q4: OFFSET pagination; Q8: jsonb @> on product_variants.attributes.
  if (auto* q = find("SELECT *\nFROM products")) {
    EXPECT_TRUE(q->select_star);
  }
  if (auto* q = find("SELECT p.id, p.name, p.price\nFROM products p\nJOIN product_categories")) {
    EXPECT_TRUE(q->has_parameter_offset);
    EXPECT_EQ(q->limit, 24);
  }
  if (auto* q = find("SELECT v.id, v.product_id, v.sku")) {
    ASSERT_EQ(q->predicates.size(), 1u);
    EXPECT_EQ(q->predicates[0].op, "@>");
    EXPECT_EQ(q->predicates[0].column.ToString(), "public.product_variants.attributes");
  }
  // The login query matches the lower(email) expression index.
  if (auto* q = find("SELECT id, email, password_hash")) {
    ASSERT_FALSE(q->predicates.empty());
    EXPECT_EQ(q->predicates[0].expression, "lower(email)");
    EXPECT_EQ(q->predicates[0].column.ToString(), "public.customers.email");
  }
  // The materialized view read resolves to the view.
  if (auto* q = find("SELECT day, orders, revenue")) {
    EXPECT_EQ(q->tables, (std::vector<QualifiedName>{{"public", "daily_revenue"}}));
  }
}

}  // namespace
}  // namespace dbarch::sources
