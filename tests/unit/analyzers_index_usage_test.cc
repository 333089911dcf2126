#include <gtest/gtest.h>

#include "analyzers/index_usage.h"

namespace dbarch::analyzers {
namespace {

using model::Predicate;

const model::QualifiedName kOrders{"public", "orders"};

model::Catalog OrdersCatalog() {
  model::Catalog c;
  model::Table t;
  t.name = kOrders;
  for (const char* name : {"id", "customer_id", "status", "created_at", "email", "attributes", "note"}) {
    model::Column col;
    col.name = name;
    col.type.name = "text";
    t.columns.push_back(col);
  }
  model::Constraint pk;
  pk.kind = model::ConstraintKind::kPrimaryKey;
  pk.name = "orders_pkey";
  pk.columns = {"id"};
  t.constraints.push_back(pk);
  c.tables[kOrders] = t;

  auto add = [&](const std::string& name, std::vector<model::IndexKey> keys) -> model::Index& {
    model::Index i;
    i.name = {"public", name};
    i.table = kOrders;
    i.keys = std::move(keys);
    return c.indexes[i.name] = i;
  };
  model::IndexKey created_desc{.column = "created_at"};
  created_desc.descending = true;
  add("orders_customer_created_idx", {{.column = "customer_id"}, created_desc});
  add("orders_pending_idx", {{.column = "created_at"}}).predicate = "status = 'pending'";
  add("orders_lower_email_idx", {{.expression = "lower(email)"}});
  add("orders_attributes_idx", {{.column = "attributes"}}).method = "gin";
  return c;
}

Predicate Pred(const std::string& column, const std::string& op, Predicate::Operand operand = Predicate::Operand::kParameter,
               const std::string& constant = "") {
  Predicate p;
  p.column = {kOrders, column};
  p.op = op;
  p.operand = operand;
  p.constant = constant;
  return p;
}

model::Query Query(const std::string& fingerprint, double calls) {
  model::Query q;
  q.fingerprint = fingerprint;
  q.calls = calls;
  q.kind = model::StatementKind::kSelect;
  q.tables = {kOrders};
  return q;
}

const IndexUsage& UsageOf(const IndexUsageReport& r, const std::string& index) {
  for (const auto& u : r.indexes) {
    if (u.index.name == index) return u;
  }
  static IndexUsage none;
  ADD_FAILURE() << "no usage entry for " << index;
  return none;
}

TEST(AnalyzersIndexUsageTest, EqualityThenOrderByUsesCompositeIndex) {
  model::Workload w;
  auto q = Query("aaaa", 500);
  q.predicates.push_back(Pred("customer_id", "="));
  q.order_by.push_back({{kOrders, "created_at"}, "", true, std::nullopt});
  w.queries.push_back(q);
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  const auto& usage = UsageOf(r, "orders_customer_created_idx");
  ASSERT_EQ(usage.uses.size(), 1u);
  EXPECT_EQ(usage.uses[0].query_fingerprint, "aaaa");
  EXPECT_NE(usage.uses[0].how.find("equality on customer_id"), std::string::npos) << usage.uses[0].how;
  EXPECT_NE(usage.uses[0].how.find("order by created_at desc"), std::string::npos) << usage.uses[0].how;
  EXPECT_TRUE(r.unsupported.empty());
  // The primary key serves no query here.
  EXPECT_TRUE(UsageOf(r, "orders_pkey").uses.empty());
}

TEST(AnalyzersIndexUsageTest, SecondColumnAloneIsUnsupported) {
  model::Workload w;
  auto q = Query("bbbb", 40);
  q.predicates.push_back(Pred("created_at", ">"));
  w.queries.push_back(q);
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  EXPECT_TRUE(UsageOf(r, "orders_customer_created_idx").uses.empty());
  EXPECT_TRUE(UsageOf(r, "orders_pending_idx").uses.empty());  // the partial predicate is not implied
  ASSERT_EQ(r.unsupported.size(), 1u);
  EXPECT_EQ(r.unsupported[0].column.column, "created_at");
  EXPECT_EQ(r.unsupported[0].op, ">");
  EXPECT_EQ(r.unsupported[0].calls, 40);
}

TEST(AnalyzersIndexUsageTest, PartialIndexNeedsTheSameConstant) {
  model::Workload w;
  auto pending = Query("cccc", 10);
  pending.predicates.push_back(Pred("status", "=", Predicate::Operand::kConstant, "'pending'"));
  pending.order_by.push_back({{kOrders, "created_at"}, "", false, std::nullopt});
  auto shipped = Query("dddd", 10);
  shipped.predicates.push_back(Pred("status", "=", Predicate::Operand::kConstant, "'shipped'"));
  w.queries = {pending, shipped};
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  const auto& usage = UsageOf(r, "orders_pending_idx");
  ASSERT_EQ(usage.uses.size(), 1u);
  EXPECT_EQ(usage.uses[0].query_fingerprint, "cccc");
  EXPECT_NE(usage.uses[0].how.find("partial predicate"), std::string::npos);
  EXPECT_NE(usage.uses[0].how.find("order by created_at"), std::string::npos);
}

TEST(AnalyzersIndexUsageTest, ExpressionAndGinKeys) {
  model::Workload w;
  auto login = Query("eeee", 1000);
  auto p = Pred("email", "=");
  p.expression = "lower(o.email)";  // qualified in the query, unqualified in the index
  login.predicates.push_back(p);
  auto search = Query("ffff", 7);
  search.predicates.push_back(Pred("attributes", "@>"));
  auto raw = Query("gggg", 3);
  raw.predicates.push_back(Pred("email", "="));  // not lower(email): the expression index does not apply
  w.queries = {login, search, raw};
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  ASSERT_EQ(UsageOf(r, "orders_lower_email_idx").uses.size(), 1u);
  EXPECT_EQ(UsageOf(r, "orders_lower_email_idx").uses[0].query_fingerprint, "eeee");
  ASSERT_EQ(UsageOf(r, "orders_attributes_idx").uses.size(), 1u);
  ASSERT_EQ(r.unsupported.size(), 1u);
  EXPECT_EQ(r.unsupported[0].query_fingerprint, "gggg");
}

TEST(AnalyzersIndexUsageTest, LikePrefixUsesBtreeButLeadingWildcardDoesNot) {
  model::Workload w;
  auto prefix = Query("hhhh", 5);
  prefix.predicates.push_back(Pred("customer_id", "LIKE", Predicate::Operand::kConstant, "'abc%'"));
  auto infix = Query("iiii", 50);
  infix.predicates.push_back(Pred("customer_id", "LIKE", Predicate::Operand::kConstant, "'%abc%'"));
  w.queries = {prefix, infix};
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  const auto& usage = UsageOf(r, "orders_customer_created_idx");
  ASSERT_EQ(usage.uses.size(), 1u);
  EXPECT_EQ(usage.uses[0].query_fingerprint, "hhhh");
  ASSERT_EQ(r.unsupported.size(), 1u);
  EXPECT_EQ(r.unsupported[0].query_fingerprint, "iiii");
}

TEST(AnalyzersIndexUsageTest, JoinOnLeadingColumnAndUnsupportedSortedByCalls) {
  model::Workload w;
  auto q = Query("jjjj", 20);
  model::JoinCondition join;
  join.left = {{"public", "customers"}, "id"};
  join.right = {kOrders, "customer_id"};
  q.joins.push_back(join);
  auto hot = Query("kkkk", 900);
  hot.predicates.push_back(Pred("note", "="));
  w.queries = {q, hot};
  auto r = AnalyzeIndexUsage(OrdersCatalog(), w);
  ASSERT_EQ(UsageOf(r, "orders_customer_created_idx").uses.size(), 1u);
  EXPECT_NE(UsageOf(r, "orders_customer_created_idx").uses[0].how.find("join on customer_id"), std::string::npos);
  // customers is not in the catalog, so its side is not reported; the hot filter comes first.
  ASSERT_EQ(r.unsupported.size(), 1u);
  EXPECT_EQ(r.unsupported[0].column.column, "note");
}

}  // namespace
}  // namespace dbarch::analyzers
