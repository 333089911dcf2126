// Pairs of (what a DDL file says, what PostgreSQL 15 prints back) that must canonicalise to the same text,
// and pairs that mean different things and must stay different. The right-hand sides were taken from
// pg_get_expr / pg_get_viewdef / pg_get_indexdef / pg_get_functiondef output of a PostgreSQL 15 server.
#include "sql/canonical_expression.h"

#include <gtest/gtest.h>

namespace dbarch::sql {
namespace {

struct Pair {
  const char* written;
  const char* printed;
};

class CanonicalExpressionEqual : public ::testing::TestWithParam<Pair> {};

TEST_P(CanonicalExpressionEqual, SameCanonicalForm) {
  EXPECT_EQ(CanonicalExpression(GetParam().written), CanonicalExpression(GetParam().printed))
      << "written: " << GetParam().written << "\nprinted: " << GetParam().printed;
}

INSTANTIATE_TEST_SUITE_P(
    PostgresPrintsItBack, CanonicalExpressionEqual,
    ::testing::Values(
        Pair{"status IN ('a','b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))"},
        Pair{"status IN ('a', 'b')",
             "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"},
        Pair{"status NOT IN ('a', 'b')", "(status <> ALL (ARRAY['a'::text, 'b'::text]))"},
        Pair{"kind IN ('x')", "(kind = 'x'::text)"},
        Pair{"a IN (b, 1, 2)", "((a = ANY (ARRAY[1, 2])) OR (a = b))"},
        Pair{"total > 0", "(total > (0)::numeric)"},
        Pair{"qty BETWEEN 1 AND 10", "((qty >= 1) AND (qty <= 10))"},
        Pair{"qty NOT BETWEEN 1 AND 10", "((qty < 1) OR (qty > 10))"},
        Pair{"-1", "'-1'::integer"},
        Pair{"-1.5", "'-1.5'::numeric"},
        Pair{"'a'", "'a'::character varying"},
        Pair{"'{}'", "'{}'::jsonb"},
        Pair{"'active'", "'active'::app.order_status"},
        Pair{"CURRENT_TIMESTAMP", "now()"},
        Pair{"transaction_timestamp()", "CURRENT_TIMESTAMP"},
        Pair{"nextval('orders_id_seq'::regclass)", "nextval('orders_id_seq'::regclass)"},
        Pair{"nextval('app.orders_id_seq')", "nextval('orders_id_seq'::regclass)"},
        Pair{"email LIKE '%@x'", "(email ~~ '%@x'::text)"},
        Pair{"name ILIKE 'a%'", "((name)::text ~~* 'a%'::text)"},
        Pair{"n > 0 AND email LIKE '%@x' AND at IS NOT NULL",
             "(((n > 0) AND (email ~~ '%@x'::text)) AND (at IS NOT NULL))"},
        Pair{"lower(email)", "lower((email)::text)"},
        Pair{"pg_catalog.lower(email)", "lower(email)"},
        Pair{"n = current_setting('app.n')::int", "(n = (current_setting('app.n'::text))::integer)"},
        Pair{"at > '2020-01-01'", "(at > '2020-01-01 00:00:00+00'::timestamp with time zone)"},
        Pair{"at > '2020-01-01 12:30'", "(at > '2020-01-01 12:30:00+00'::timestamp with time zone)"},
        Pair{"extract(year from at) > 2000", "(EXTRACT(year FROM at) > (2000)::numeric)"},
        Pair{"CASE WHEN a > 0 THEN 'p' END", "CASE WHEN (a > 0) THEN 'p'::text ELSE NULL::text END"},
        Pair{"VALUE > 0", "(VALUE > 0)"},
        Pair{"now() - interval '1 day'", "(now() - '1 day'::interval)"},
        Pair{"char_length(col_0::text) <= 255", "(char_length(col_0) <= 255)"},
        Pair{"now() + interval '1 hour'", "(now() + '01:00:00'::interval)"},
        Pair{"interval '1 week'", "'7 days'::interval"},
        Pair{"'90 minutes'::interval", "'01:30:00'::interval"},
        Pair{"'1 year 2 months 3 days 4 hours'::interval", "'1 year 2 mons 3 days 04:00:00'::interval"},
        Pair{"'2 days ago'::interval", "'-2 days'::interval"},
        Pair{"'1.5 days'::interval", "'1 day 12:00:00'::interval"},
        Pair{"'-1 days 2 hours'::interval", "'-1 days +02:00:00'::interval"},
        Pair{"'1 day -1 hour'::interval", "'1 day -01:00:00'::interval"},
        Pair{"'1.5 months'::interval", "'1 mon 15 days'::interval"},
        Pair{"'10'::interval", "'00:00:10'::interval"},
        Pair{"'1.25 seconds'::interval", "'00:00:01.25'::interval"},
        Pair{"tenant_id IN (SELECT t.id FROM tenants t WHERE t.owner = current_user)",
             "(tenant_id IN ( SELECT t.id\n   FROM tenants t\n  WHERE (t.owner = CURRENT_USER)))"}));

class CanonicalExpressionDifferent : public ::testing::TestWithParam<Pair> {};

TEST_P(CanonicalExpressionDifferent, StaysDifferent) {
  EXPECT_NE(CanonicalExpression(GetParam().written), CanonicalExpression(GetParam().printed))
      << "a: " << GetParam().written << "\nb: " << GetParam().printed;
}

INSTANTIATE_TEST_SUITE_P(
    RealChanges, CanonicalExpressionDifferent,
    ::testing::Values(Pair{"status IN ('a','b')", "(status = ANY (ARRAY['a'::text, 'c'::text]))"},
                      Pair{"status IN ('a','b')", "(status <> ALL (ARRAY['a'::text, 'b'::text]))"},
                      Pair{"total > 0", "(total >= (0)::numeric)"},
                      Pair{"qty BETWEEN 1 AND 10", "((qty >= 1) AND (qty <= 11))"},
                      Pair{"qty BETWEEN 1 AND 10", "((qty >= 1) OR (qty <= 10))"},
                      Pair{"-1", "'1'::integer"},
                      Pair{"a + b * c", "((a + b) * c)"},
                      Pair{"lower(email)", "upper(email)"},
                      Pair{"now()", "CURRENT_DATE"},
                      Pair{"new.a <> old.a", "(new.a <> new.a)"},
                      Pair{"at > '2020-01-01'", "(at > '2020-01-02 00:00:00+00'::timestamp with time zone)"},
                      Pair{"email LIKE '%@x'", "(email !~~ '%@x'::text)"},
                      Pair{"a IS NULL", "(a IS NOT NULL)"},
                      Pair{"now() + interval '1 hour'", "(now() + '02:00:00'::interval)"},
                      Pair{"'1 month'::interval", "'30 days'::interval"}));

TEST(CanonicalExpressionTest, UnparsableTextIsComparedTrimmed) {
  EXPECT_EQ(CanonicalExpression("  this is not ) sql "), "this is not ) sql");
}

TEST(CanonicalQueryTest, ViewDefinitionAsPostgresPrintsIt) {
  std::map<std::string, std::vector<std::string>> relations = {
      {"orders", {"id", "customer_id", "total", "status"}},
      {"customers", {"id", "name", "region"}},
      {"refunds", {"order_id", "amount"}}};
  RelationColumnsLookup lookup = [&](const std::string&, const std::string& name) {
    auto it = relations.find(name);
    return it == relations.end() ? std::vector<std::string>{} : it->second;
  };
  const char* written =
      "WITH paid AS (SELECT * FROM orders WHERE status = 'paid')\n"
      "SELECT c.id, c.name, sum(p.total) AS total, count(*)\n"
      "FROM customers c LEFT JOIN paid p ON p.customer_id = c.id\n"
      "WHERE NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = p.id)\n"
      "GROUP BY c.id, c.name";
  const char* printed =
      " WITH paid AS (\n"
      "         SELECT orders.id,\n"
      "            orders.customer_id,\n"
      "            orders.total,\n"
      "            orders.status\n"
      "           FROM orders\n"
      "          WHERE ((orders.status)::text = 'paid'::text)\n"
      "        )\n"
      " SELECT c.id,\n"
      "    c.name,\n"
      "    sum(p.total) AS total,\n"
      "    count(*) AS count\n"
      "   FROM (customers c\n"
      "     LEFT JOIN paid p ON ((p.customer_id = c.id)))\n"
      "  WHERE (NOT (EXISTS ( SELECT 1\n"
      "           FROM refunds r\n"
      "          WHERE (r.order_id = p.id))))\n"
      "  GROUP BY c.id, c.name;";
  std::vector<std::string> columns = {"id", "name", "total", "count"};
  EXPECT_EQ(CanonicalQuery(written, columns, lookup), CanonicalQuery(printed, columns, lookup));

  EXPECT_EQ(CanonicalQuery("SELECT * FROM orders", {}, lookup),
            CanonicalQuery(" SELECT orders.id,\n    orders.customer_id,\n    orders.total,\n    orders.status\n"
                           "   FROM orders;",
                           {}, lookup));
  EXPECT_EQ(CanonicalQuery("SELECT id, total FROM app.orders", {"order_id", "amount"}, lookup),
            CanonicalQuery(" SELECT orders.id AS order_id,\n    orders.total AS amount\n   FROM app.orders;",
                           {"order_id", "amount"}, lookup));
  EXPECT_EQ(CanonicalQuery("SELECT * FROM customers JOIN (SELECT id, total FROM orders) o USING (id)", {}, lookup),
            CanonicalQuery(" SELECT customers.id,\n    customers.name,\n    customers.region,\n    o.total\n"
                           "   FROM (customers\n     JOIN ( SELECT orders.id,\n            orders.total\n"
                           "           FROM orders) o USING (id));",
                           {}, lookup));
  EXPECT_EQ(CanonicalQuery("SELECT region, sum(total) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id "
                           "GROUP BY 1 ORDER BY revenue DESC",
                           {}, lookup),
            CanonicalQuery(" SELECT c.region,\n    sum(o.total) AS revenue\n   FROM (orders o\n"
                           "     JOIN customers c ON ((c.id = o.customer_id)))\n  GROUP BY c.region\n"
                           "  ORDER BY (sum(o.total)) DESC;",
                           {}, lookup));
}

TEST(CanonicalQueryTest, DifferentQueriesStayDifferent) {
  EXPECT_NE(CanonicalQuery("SELECT id FROM orders WHERE total > 0"),
            CanonicalQuery("SELECT orders.id FROM orders WHERE (orders.total > (1)::numeric)"));
  EXPECT_NE(CanonicalQuery("SELECT id AS a FROM orders"), CanonicalQuery("SELECT id AS b FROM orders"));
  EXPECT_NE(CanonicalQuery("SELECT id FROM orders"), CanonicalQuery("SELECT id FROM refunds"));
}

TEST(CanonicalPartitionBoundTest, PostgresSpellings) {
  EXPECT_EQ(CanonicalPartitionBound("FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
            CanonicalPartitionBound("FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')"));
  EXPECT_EQ(CanonicalPartitionBound("FOR VALUES FROM (minvalue) TO ('2025-01-01')"),
            CanonicalPartitionBound("FOR VALUES FROM (MINVALUE) TO ('2025-01-01 00:00:00+00')"));
  EXPECT_EQ(CanonicalPartitionBound("FOR VALUES WITH (MODULUS 2, REMAINDER 0)"),
            CanonicalPartitionBound("FOR VALUES WITH (modulus 2, remainder 0)"));
  EXPECT_EQ(CanonicalPartitionBound("FOR VALUES IN ('de', 'fr')"), "FOR VALUES IN ('de', 'fr')");
  EXPECT_EQ(CanonicalPartitionBound("DEFAULT"), "DEFAULT");
  EXPECT_NE(CanonicalPartitionBound("FOR VALUES IN ('de', 'fr')"), CanonicalPartitionBound("FOR VALUES IN ('de')"));
  EXPECT_NE(CanonicalPartitionBound("FOR VALUES WITH (MODULUS 2, REMAINDER 0)"),
            CanonicalPartitionBound("FOR VALUES WITH (MODULUS 2, REMAINDER 1)"));
}

TEST(CanonicalFunctionBodyTest, SqlStandardBodies) {
  EXPECT_EQ(CanonicalFunctionBody("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b"),
            CanonicalFunctionBody("CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS integer\n"
                                  " LANGUAGE sql\n IMMUTABLE\nRETURN (a + b)\n"));
  EXPECT_NE(CanonicalFunctionBody("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql RETURN a + b"),
            CanonicalFunctionBody("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql RETURN a - b"));
  // Dollar-quoted bodies are kept exactly as written.
  EXPECT_EQ(CanonicalFunctionBody(" BEGIN RETURN NEW; END "), " BEGIN RETURN NEW; END ");
}

}  // namespace
}  // namespace dbarch::sql
