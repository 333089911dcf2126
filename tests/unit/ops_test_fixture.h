// Hand-built catalogs and workloads for the ops analyzer tests: a small shop with a hot-updated int4-keyed
// table, a status column updated through an index, an append-only event log and a wide read-only table.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::ops_test {

inline model::QualifiedName Name(const std::string& name) { return {"public", name}; }

inline model::Column Col(const std::string& name, const std::string& type) {
  model::Column c;
  c.name = name;
  c.type.name = type;
  return c;
}

inline model::Constraint PrimaryKey(const std::string& table, const std::string& column) {
  model::Constraint pk;
  pk.name = table + "_pkey";
  pk.kind = model::ConstraintKind::kPrimaryKey;
  pk.columns = {column};
  return pk;
}

inline void AddIndex(model::Catalog& catalog, const std::string& table, const std::string& name,
                     const std::vector<std::string>& columns, const std::string& predicate = "",
                     const std::string& method = "btree") {
  model::Index index;
  index.name = Name(name);
  index.table = Name(table);
  index.method = method;
  for (const auto& c : columns) index.keys.push_back({.column = c});
  index.predicate = predicate;
  catalog.indexes[index.name] = index;
}

inline model::Table MakeTable(const std::string& name, std::vector<model::Column> columns) {
  model::Table t;
  t.name = Name(name);
  t.columns = std::move(columns);
  return t;
}

inline model::Catalog ShopCatalog() {
  model::Catalog catalog;
  {
    auto id = Col("id", "integer");
    id.from_serial = true;
    id.not_null = true;
    auto t = MakeTable("customers", {id, Col("email", "text"), Col("last_seen_at", "timestamp with time zone"),
                                     Col("status", "text")});
    t.constraints.push_back(PrimaryKey("customers", "id"));
    catalog.tables[t.name] = t;
    AddIndex(catalog, "customers", "customers_pkey", {"id"});
    AddIndex(catalog, "customers", "customers_email_idx", {"email"});
  }
  {
    auto id = Col("id", "bigint");
    id.identity = model::IdentityKind::kAlways;
    auto t = MakeTable("orders", {id, Col("customer_id", "integer"), Col("status", "text"), Col("note", "text")});
    t.constraints.push_back(PrimaryKey("orders", "id"));
    catalog.tables[t.name] = t;
    AddIndex(catalog, "orders", "orders_pkey", {"id"});
    AddIndex(catalog, "orders", "orders_pending_idx", {"customer_id"}, "(status = 'pending'::text)");
  }
  {
    auto id = Col("id", "bigint");
    id.identity = model::IdentityKind::kAlways;
    auto created = Col("created_at", "timestamp with time zone");
    created.default_expr = "now()";
    auto t = MakeTable("events", {id, Col("event_type", "text"), Col("payload", "jsonb"), created});
    catalog.tables[t.name] = t;
  }
  {
    std::vector<model::Column> cols;
    auto id = Col("id", "bigint");
    cols.push_back(id);
    for (int i = 0; i < 12; ++i) cols.push_back(Col("attr" + std::to_string(i), i % 2 ? "text" : "integer"));
    auto t = MakeTable("products", cols);
    t.constraints.push_back(PrimaryKey("products", "id"));
    catalog.tables[t.name] = t;
    AddIndex(catalog, "products", "products_pkey", {"id"});
  }
  return catalog;
}

inline model::Query MakeQuery(model::StatementKind kind, const std::string& text, double calls,
                              std::vector<std::string> tables) {
  model::Query q;
  q.kind = kind;
  q.text = text;
  q.normalized = text;
  q.calls = calls;
  for (const auto& t : tables) q.tables.push_back(Name(t));
  if (kind != model::StatementKind::kSelect && !tables.empty()) q.target = Name(tables.front());
  q.occurrences.push_back({.file = "queries/app.sql", .line = 1});
  return q;
}

inline model::Query TouchLastSeen() {
  auto q = MakeQuery(model::StatementKind::kUpdate, "UPDATE customers SET last_seen_at = now() WHERE id = $1", 50000,
                     {"customers"});
  q.set_columns.push_back({Name("customers"), "last_seen_at"});
  return q;
}

inline model::Query SetOrderStatus() {
  auto q = MakeQuery(model::StatementKind::kUpdate, "UPDATE orders SET status = $2 WHERE id = $1", 2000, {"orders"});
  q.set_columns.push_back({Name("orders"), "status"});
  return q;
}

inline model::Query InsertEvent() {
  auto q = MakeQuery(model::StatementKind::kInsert, "INSERT INTO events (event_type, payload) VALUES ($1, $2)", 5000,
                     {"events"});
  q.set_columns = {{Name("events"), "event_type"}, {Name("events"), "payload"}};
  return q;
}

inline model::Query RecentEvents() {
  auto q = MakeQuery(model::StatementKind::kSelect,
                     "SELECT event_type, count(*) FROM events WHERE created_at >= $1 GROUP BY event_type", 20,
                     {"events"});
  model::Predicate p;
  p.column = {Name("events"), "created_at"};
  p.op = ">=";
  p.operand = model::Predicate::Operand::kParameter;
  q.predicates.push_back(p);
  q.group_by.push_back({Name("events"), "event_type"});
  q.has_aggregate = true;
  return q;
}

inline model::Query ProductPage() {
  auto q = MakeQuery(model::StatementKind::kSelect, "SELECT * FROM products ORDER BY attr1 LIMIT 20 OFFSET $1", 3000,
                     {"products"});
  q.select_star = true;
  q.order_by.push_back({.column = {Name("products"), "attr1"}});
  q.limit = 20;
  return q;
}

inline model::Query InsertCustomer() {
  auto q = MakeQuery(model::StatementKind::kInsert, "INSERT INTO customers (email) VALUES ($1)", 2000, {"customers"});
  q.set_columns = {{Name("customers"), "email"}};
  return q;
}

inline model::Workload ShopWorkload() {
  model::Workload w;
  w.queries = {TouchLastSeen(), SetOrderStatus(), InsertEvent(), RecentEvents(), ProductPage(), InsertCustomer()};
  return w;
}

}  // namespace dbarch::ops_test
