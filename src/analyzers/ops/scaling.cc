// Scaling beyond one server: which statements can be routed to read replicas (and which must stay on the
// primary because they write, lock, or read what the workload has just written), and — for a distributed
// PostgreSQL such as Citus — the distribution column that keeps the workload's joins on one shard, the
// tables to replicate as reference tables, and the statements that would still fan out across shards.
//
// The distribution key is found Citus' way: columns joined with each other (foreign keys, and the
// workload's equality joins weighted by calls) form families; the family reaching the most tables is the
// co-location group, each of its tables distributed by its column in the family.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

bool IsWrite(model::StatementKind kind) { return kind != model::StatementKind::kSelect && kind != model::StatementKind::kOther; }

bool TextHas(const model::Query& q, std::string_view needle) {
  std::string text = q.normalized.empty() ? q.text : q.normalized;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text.find(needle) != std::string::npos;
}

// A SELECT a replica cannot serve: row locks and functions with side effects need the primary.
std::string NeedsPrimary(const model::Query& q) {
  if (IsWrite(q.kind)) return "writes";
  for (std::string_view lock : {"for update", "for share", "for no key update", "for key share"}) {
    if (TextHas(q, lock)) return "takes row locks (" + std::string(lock) + ")";
  }
  for (std::string_view fn : {"nextval(", "setval(", "pg_advisory", "txid_current", "pg_current_xact_id"}) {
    if (TextHas(q, fn)) return "calls " + std::string(fn) + ")";
  }
  return "";
}

// The union-find of column families.
struct Families {
  std::map<std::string, std::string> parent;
  std::string Find(const std::string& x) {
    auto it = parent.find(x);
    if (it == parent.end()) {
      parent[x] = x;
      return x;
    }
    if (it->second == x) return x;
    return parent[x] = Find(it->second);
  }
  void Join(const std::string& a, const std::string& b) { parent[Find(a)] = Find(b); }
};

std::string Key(const model::QualifiedName& table, const std::string& column) { return table.ToString() + "." + column; }

}  // namespace

void AdviseReadReplicas(const model::Workload& workload, const PressureMap& pressure, std::vector<Advice>& out) {
  double total = 0, replica = 0, fresh = 0;
  std::vector<std::string> to_replica, to_primary, read_your_writes;
  for (const auto* q : QueriesByCalls(workload)) {
    total += q->calls;
    std::string reason = NeedsPrimary(*q);
    if (!reason.empty()) {
      if (q->kind == model::StatementKind::kSelect) to_primary.push_back(fmt::format("{} — {}", DescribeQuery(*q), reason));
      continue;
    }
    // Reading a table the workload writes many times an hour by its key: right after a write the replica may
    // not have it yet (replication lag), so such reads need the primary or a lag check.
    bool hot_key_read = false;
    for (const auto& t : q->tables) {
      auto p = pressure.find(t);
      if (p == pressure.end() || p->second.inserts + p->second.updates < kHotWritesPerHour) continue;
      hot_key_read = std::any_of(q->predicates.begin(), q->predicates.end(), [&](const model::Predicate& pr) {
        return pr.column.table == t && pr.op == "=" && pr.operand == model::Predicate::Operand::kParameter;
      });
      if (hot_key_read) break;
    }
    if (hot_key_read) {
      fresh += q->calls;
      read_your_writes.push_back(DescribeQuery(*q));
    } else {
      replica += q->calls;
      to_replica.push_back(DescribeQuery(*q));
    }
  }
  if (total <= 0 || replica + fresh <= 0) return;
  Advice a;
  a.id = "scale/read-replica-routing";
  a.title = fmt::format("Read replicas could take {:.0f} % of the statement calls", replica / total * 100);
  a.detail = fmt::format(
      "{:.0f} % of calls are reads a streaming replica can serve (tolerating its lag, usually well under a second; "
      "alert on it). {:.0f} % read rows of tables the workload writes thousands of times an hour by key — a user "
      "reading back what they just wrote could see the old row on a replica: route those to the primary, or to a "
      "replica only after checking its replay position (pg_last_wal_replay_lsn() ≥ the primary's LSN of the write). "
      "Writes, row locks and sequence/advisory-lock calls always go to the primary. Route in the application "
      "(a read-only connection pool pointed at the replicas) or with a proxy that honours read-only transactions.",
      replica / total * 100, fresh / total * 100);
  auto add = [&](const std::string& label, const std::vector<std::string>& list) {
    for (size_t i = 0; i < list.size() && i < 5; ++i) a.evidence.push_back(label + list[i]);
    if (list.size() > 5) a.evidence.push_back(fmt::format("{}… and {} more", label, list.size() - 5));
  };
  add("replica: ", to_replica);
  add("primary (read-your-writes): ", read_your_writes);
  add("primary: ", to_primary);
  a.based_on = "workload";
  out.push_back(std::move(a));
}

void AdviseDistribution(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out) {
  Families families;
  std::map<std::string, double> family_weight;  // by column key, summed later per family
  for (const auto& [name, table] : catalog.tables) {
    if (table.partition_of) continue;
    for (const auto& c : table.constraints) {
      if (c.kind != model::ConstraintKind::kForeignKey || c.columns.size() != 1 || c.referenced_columns.size() != 1) continue;
      families.Join(Key(name, c.columns[0]), Key(c.referenced_table, c.referenced_columns[0]));
    }
  }
  for (const auto& q : workload.queries) {
    for (const auto& j : q.joins) {
      if (j.op != "=" || j.left.table.name.empty() || j.right.table.name.empty()) continue;
      families.Join(Key(j.left.table, j.left.column), Key(j.right.table, j.right.column));
      family_weight[Key(j.left.table, j.left.column)] += q.calls;
    }
  }
  // Family → its column per table (the first one met).
  std::map<std::string, std::map<model::QualifiedName, std::string>> members;
  std::map<std::string, double> weight;
  for (const auto& [name, table] : catalog.tables) {
    if (table.partition_of) continue;
    for (const auto& column : table.columns) {
      const std::string key = Key(name, column.name);
      if (!families.parent.count(key)) continue;
      const std::string root = families.Find(key);
      members[root].emplace(name, column.name);
      weight[root] += family_weight[key];
    }
  }
  const std::map<model::QualifiedName, std::string>* best = nullptr;
  std::string best_root;
  for (const auto& [root, tables] : members) {
    if (best == nullptr || tables.size() > best->size() || (tables.size() == best->size() && weight[root] > weight[best_root])) {
      best = &tables;
      best_root = root;
    }
  }
  if (best == nullptr || best->size() < 3) return;  // nothing worth distributing together

  // Tables outside the group: referenced by the group (lookup data) → reference tables; referencing a group
  // table → give them the distribution column; the rest stay local.
  std::vector<std::string> distributed, reference, denormalize;
  for (const auto& [table, column] : *best) distributed.push_back(fmt::format("{} by {}", table.ToString(), column));
  for (const auto& [name, table] : catalog.tables) {
    if (table.partition_of || best->count(name)) continue;
    bool references_group = false, referenced_by_group = false;
    for (const auto& c : table.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && best->count(c.referenced_table)) references_group = true;
    }
    for (const auto& [member, column] : *best) {
      const auto* t = catalog.FindTable(member);
      for (const auto& c : t->constraints) {
        if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == name) referenced_by_group = true;
      }
    }
    if (references_group) {
      denormalize.push_back(name.ToString());
    } else if (referenced_by_group) {
      reference.push_back(name.ToString());
    }
  }
  // Statements that would run on every shard: a distributed table read without an equality on its column.
  std::vector<std::string> fan_out;
  for (const auto* q : QueriesByCalls(workload)) {
    bool touches = false, pinned = false;
    for (const auto& t : q->tables) {
      auto it = best->find(t);
      if (it == best->end()) continue;
      touches = true;
      pinned = pinned || std::any_of(q->predicates.begin(), q->predicates.end(), [&](const model::Predicate& p) {
                 return p.column.table == t && p.column.column == it->second && (p.op == "=" || p.op == "IN") &&
                        !p.in_or;
               });
    }
    // An INSERT routes by the value it gives the distribution column.
    if (q->kind == model::StatementKind::kInsert && q->target) {
      auto it = best->find(*q->target);
      pinned = pinned || (it != best->end() && std::any_of(q->set_columns.begin(), q->set_columns.end(),
                                                           [&](const model::ColumnRef& c) { return c.column == it->second; }));
    }
    if (touches && !pinned) fan_out.push_back(DescribeQuery(*q));
  }

  Advice a;
  a.id = "scale/distribution-key";
  a.title = fmt::format("If one server is outgrown: distribute {} tables by the {} key family", best->size(),
                        best->begin()->second);
  a.detail = fmt::format(
      "For a distributed PostgreSQL (Citus-style), tables joined on the same key should be distributed by it and "
      "co-located, so those joins and foreign keys stay on one shard. The columns joined with each other (foreign "
      "keys and the workload's equality joins) form families; this family reaches the most tables. Distribute: {}. "
      "{}{}Statements without an equality on the distribution column run on every shard ({} of the workload's "
      "statements) — fine for reports, costly for frequent OLTP calls.",
      fmt::join(distributed, ", "),
      reference.empty() ? "" : fmt::format("Replicate to every node as reference tables (small lookup data the group "
                                           "joins to): {}. ", fmt::join(reference, ", ")),
      denormalize.empty() ? "" : fmt::format("These tables reference the group but lack its key: add the distribution "
                                             "column to them (and to their primary key) so they co-locate: {}. ",
                                             fmt::join(denormalize, ", ")),
      fan_out.size());
  for (size_t i = 0; i < fan_out.size() && i < 8; ++i) a.evidence.push_back("cross-shard: " + fan_out[i]);
  a.snippet.clear();
  for (const auto& [table, column] : *best) {
    a.snippet += fmt::format("SELECT create_distributed_table('{}', '{}'{});\n", table.ToSql(), column,
                             table == best->begin()->first ? "" : fmt::format(", colocate_with => '{}'", best->begin()->first.ToSql()));
  }
  for (const auto& r : reference) a.snippet += fmt::format("SELECT create_reference_table('{}');\n", r);
  a.based_on = workload.queries.empty() ? "schema" : "schema+workload";
  out.push_back(std::move(a));
}

}  // namespace dbarch::analyzers::ops
