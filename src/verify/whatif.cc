#include "verify/whatif.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "analyzers/sql_text.h"
#include "sql/parser.h"
#include "verify/btree_size.h"
#include "verify/explain.h"

namespace dbarch::verify {

struct WhatIf::Session {
  PgConnection connection;
  std::map<HypotheticalIndex, long long> created;  // HypoPG index → its oid in this session
  std::map<HypotheticalIndex, model::QualifiedName> built;  // index → this session's committed, invalid copy
};

namespace {

// HypoPG can simulate these; the others need a real build.
bool HypoPGSupports(const std::string& method) {
  return method == "btree" || method == "brin" || method == "hash" || method == "bloom";
}

// Plans name a HypoPG index "<oid>btree_orders_customer_id".
std::optional<long long> HypotheticalOid(const std::string& index_name) {
  if (index_name.size() < 3 || index_name.front() != '<') return std::nullopt;
  const size_t close = index_name.find('>');
  if (close == std::string::npos) return std::nullopt;
  try {
    return std::stoll(index_name.substr(1, close - 1));
  } catch (...) {
    return std::nullopt;
  }
}

bool Relevant(const model::QualifiedName& table, const std::vector<model::QualifiedName>& tables) {
  return tables.empty() || std::find(tables.begin(), tables.end(), table) != tables.end();
}

// The cache key: the statement and only the configuration's indexes on tables it touches.
std::string CacheKey(const CostRequest& request, const std::vector<model::QualifiedName>& hidden_tables) {
  std::vector<std::string> parts;
  for (const HypotheticalIndex& index : request.configuration.added) {
    if (Relevant(index.table, request.tables)) parts.push_back("+" + index.definition);
  }
  for (size_t i = 0; i < request.configuration.hidden.size(); ++i) {
    if (Relevant(hidden_tables[i], request.tables)) parts.push_back("-" + request.configuration.hidden[i].ToString());
  }
  std::sort(parts.begin(), parts.end());
  std::string key = request.sql;
  for (const std::string& part : parts) key += "\x1f" + part;
  return key;
}

std::string ConfigurationKey(const IndexConfiguration& configuration) {
  std::vector<std::string> parts;
  for (const auto& index : configuration.added) parts.push_back(index.definition);
  for (const auto& hidden : configuration.hidden) parts.push_back("-" + hidden.ToString());
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const auto& part : parts) key += part + "\x1f";
  return key;
}

// Marks an index and, on a partitioned table, its partitions' indexes (pg_partition_tree of a plain index is empty) valid or invalid for the planner.
constexpr const char* kSetValid =
    "UPDATE pg_index SET indisvalid = {} WHERE indexrelid = $1::regclass "
    "OR indexrelid IN (SELECT relid FROM pg_partition_tree($1::regclass))";

// Names are unique per process and per WhatIf, so two WhatIfs on one database never collide.
std::string NextBuiltName() {
  static std::atomic<long long> next{0};
  return fmt::format("dbarch_whatif_{}_{}", static_cast<long long>(getpid()), next++);
}

}  // namespace

std::string HypotheticalIndex::NamedDefinition(const std::string& name) const {
  std::string named = definition;
  const size_t on = named.find(" ON ");
  if (on != std::string::npos) named.insert(on, " " + name);
  return named;
}

HypotheticalIndex HypotheticalFrom(const model::Index& index) {
  HypotheticalIndex hypothetical;
  hypothetical.table = index.table;
  hypothetical.method = index.method.empty() ? "btree" : index.method;
  analyzers::IndexDdlOptions options;
  options.with_name = false;
  options.semicolon = false;
  hypothetical.definition = analyzers::IndexDefinitionSql(index, options);
  return hypothetical;
}

Result<std::unique_ptr<WhatIf>> WhatIf::Create(ConnectionFactory connect, const WhatIfOptions& options) {
  std::unique_ptr<WhatIf> whatif(new WhatIf());
  whatif->use_cache_ = options.use_cache;
  const int connections = std::max(1, options.connections);
  for (int i = 0; i < connections; ++i) {
    auto connection = connect();
    if (!connection.ok()) return connection.status();
    auto session = std::make_unique<Session>();
    session->connection = std::move(connection).value();
    if (i == 0) {
      auto hypopg = session->connection.Query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'");
      whatif->hypopg_ = hypopg.ok() && hypopg->rows() == 1;
    }
    whatif->sessions_.push_back(std::move(session));
  }
  return whatif;
}

WhatIf::~WhatIf() { DropBuiltIndexes(); }

Status WhatIf::DropBuiltIndexes() {
  Status first = Status::Ok();
  for (auto& session : sessions_) {
    for (const auto& [index, name] : session->built) {
      Status dropped = session->connection.Execute("DROP INDEX IF EXISTS " + name.ToSql());
      if (!dropped.ok() && first.ok()) first = dropped;
    }
    session->built.clear();
  }
  return first;
}

Result<model::QualifiedName> WhatIf::EnsureBuilt(Session& session, const HypotheticalIndex& index) {
  if (auto it = session.built.find(index); it != session.built.end()) return it->second;
  PgConnection& connection = session.connection;
  const model::QualifiedName name{index.table.schema, NextBuiltName()};
  // Built and marked invalid in one transaction: the other sessions never see it valid.
  DBARCH_RETURN_IF_ERROR(connection.Execute("BEGIN"));
  Status built = connection.Execute(index.NamedDefinition(name.name));
  if (built.ok()) {
    auto hidden = connection.QueryParams(fmt::format(kSetValid, "false"), {name.ToSql()});
    if (!hidden.ok()) built = hidden.status();
  }
  if (!built.ok()) {
    connection.Execute("ROLLBACK");
    return Status::InvalidInput(fmt::format("index rejected: {}: {}", index.definition, built.message()));
  }
  DBARCH_RETURN_IF_ERROR(connection.Execute("COMMIT"));
  session.built.emplace(index, name);
  std::lock_guard lock(mutex_);
  ++counters_.real_builds;
  return name;
}

WhatIfCounters WhatIf::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

Status WhatIf::Apply(Session& session, const IndexConfiguration& configuration) {
  PgConnection& connection = session.connection;
  std::set<HypotheticalIndex> wanted;
  for (const HypotheticalIndex& index : configuration.added) {
    if (hypopg_ && HypoPGSupports(index.method)) wanted.insert(index);
  }
  for (auto it = session.created.begin(); it != session.created.end();) {
    if (wanted.count(it->first) != 0) {
      ++it;
      continue;
    }
    DBARCH_RETURN_IF_ERROR(connection.Execute(fmt::format("SELECT hypopg_drop_index({})", it->second)));
    it = session.created.erase(it);
  }
  for (const HypotheticalIndex& index : wanted) {
    if (session.created.count(index) != 0) continue;
    auto created = connection.QueryParams("SELECT indexrelid FROM hypopg_create_index($1)", {index.definition});
    if (!created.ok()) {
      return Status::InvalidInput(fmt::format("hypothetical index rejected: {}: {}", index.definition,
                                              created.status().message()));
    }
    session.created[index] = created->GetInt(0, "indexrelid");
    std::lock_guard lock(mutex_);
    ++counters_.hypothetical_created;
  }
  return Status::Ok();
}

Result<CostEstimate> WhatIf::CostOn(Session& session, const CostRequest& request) {
  std::string key;
  if (use_cache_) {
    std::vector<model::QualifiedName> hidden_tables;
    for (const auto& hidden : request.configuration.hidden) {
      // The hidden index's table decides relevance; unknown tables count as relevant to be safe.
      auto table = session.connection.QueryParams(
          "SELECT n.nspname AS schema, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
          "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indexrelid = $1::regclass",
          {hidden.ToSql()});
      if (table.ok() && table->rows() == 1) {
        hidden_tables.push_back({table->Get(0, "schema"), table->Get(0, "name")});
      } else {
        hidden_tables.push_back(request.tables.empty() ? model::QualifiedName{} : request.tables.front());
      }
    }
    key = CacheKey(request, hidden_tables);
    std::lock_guard lock(mutex_);
    ++counters_.requests;
    if (auto it = cache_.find(key); it != cache_.end()) {
      ++counters_.cache_hits;
      CostEstimate hit = it->second;
      hit.from_cache = true;
      return hit;
    }
  } else {
    std::lock_guard lock(mutex_);
    ++counters_.requests;
  }

  DBARCH_RETURN_IF_ERROR(Apply(session, request.configuration));
  PgConnection& connection = session.connection;
  // Indexes HypoPG cannot simulate: this session's built copies, valid only inside this transaction.
  std::vector<std::pair<size_t, model::QualifiedName>> real_builds;
  for (size_t i = 0; i < request.configuration.added.size(); ++i) {
    const HypotheticalIndex& index = request.configuration.added[i];
    if ((hypopg_ && HypoPGSupports(index.method)) || !Relevant(index.table, request.tables)) continue;
    auto name = EnsureBuilt(session, index);
    if (!name.ok()) return name.status();
    real_builds.emplace_back(i, *name);
  }
  std::map<std::string, size_t> real_names;  // built index name → position
  const bool in_transaction = !real_builds.empty() || !request.configuration.hidden.empty();
  if (in_transaction) DBARCH_RETURN_IF_ERROR(connection.Execute("BEGIN"));
  // Hiding an existing index: the planner skips indexes marked invalid. The catalog change is undone by the
  // rollback and, unlike DROP INDEX, takes no lock on the table that would stall the other sessions.
  for (const model::QualifiedName& hidden : request.configuration.hidden) {
    auto marked = connection.QueryParams("UPDATE pg_index SET indisvalid = false WHERE indexrelid = $1::regclass",
                                         {hidden.ToSql()});
    if (!marked.ok()) {
      connection.Execute("ROLLBACK");
      return Status::InvalidInput(fmt::format("cannot hide index {}: {}", hidden.ToString(), marked.status().message()));
    }
  }
  for (const auto& [position, name] : real_builds) {
    auto shown = connection.QueryParams(fmt::format(kSetValid, "true"), {name.ToSql()});
    if (!shown.ok()) {
      connection.Execute("ROLLBACK");
      return Status::Internal(fmt::format("cannot use the built copy of {}: {}",
                                          request.configuration.added[position].definition, shown.status().message()));
    }
    real_names[name.name] = position;
  }
  auto explained = Explain(connection, request.sql);
  if (in_transaction) connection.Execute("ROLLBACK");
  {
    std::lock_guard lock(mutex_);
    ++counters_.planner_calls;
  }
  if (!explained.ok()) return explained.status();

  CostEstimate estimate;
  estimate.plan = std::move(explained->plan);
  estimate.generic_plan = explained->generic_plan;
  estimate.total_cost = estimate.plan.root.total_cost;
  estimate.startup_cost = estimate.plan.root.startup_cost;
  estimate.rows = estimate.plan.root.plan_rows;
  std::map<long long, size_t> oid_position;
  for (size_t i = 0; i < request.configuration.added.size(); ++i) {
    auto it = session.created.find(request.configuration.added[i]);
    if (it != session.created.end()) oid_position[it->second] = i;
  }
  for (const std::string& name : estimate.plan.IndexesUsed()) {
    if (auto oid = HypotheticalOid(name)) {
      if (auto it = oid_position.find(*oid); it != oid_position.end()) estimate.hypothetical_used.push_back(it->second);
    } else if (auto it = real_names.find(name); it != real_names.end()) {
      estimate.hypothetical_used.push_back(it->second);
    } else {
      estimate.indexes_used.push_back(name);
    }
  }
  std::sort(estimate.hypothetical_used.begin(), estimate.hypothetical_used.end());
  if (use_cache_) {
    std::lock_guard lock(mutex_);
    cache_.emplace(key, estimate);
  }
  return estimate;
}

Result<CostEstimate> WhatIf::Cost(const CostRequest& request) { return CostOn(*sessions_.front(), request); }

std::vector<Result<CostEstimate>> WhatIf::CostAll(const std::vector<CostRequest>& requests) {
  std::vector<Result<CostEstimate>> results(requests.size(), Result<CostEstimate>(Status::Internal("not run")));
  // Requests with the same configuration go to the same session one after another, so each session
  // switches configuration as rarely as possible.
  std::vector<size_t> order(requests.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::string> keys(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) keys[i] = ConfigurationKey(requests[i].configuration);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  const size_t workers = std::min(sessions_.size(), std::max<size_t>(1, requests.size()));
  const size_t chunk = (order.size() + workers - 1) / workers;
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      const size_t begin = w * chunk;
      const size_t end = std::min(order.size(), begin + chunk);
      for (size_t k = begin; k < end; ++k) results[order[k]] = CostOn(*sessions_[w], requests[order[k]]);
    });
  }
  for (std::thread& thread : threads) thread.join();
  return results;
}

Result<int64_t> WhatIf::EstimateSize(const HypotheticalIndex& index) {
  Session& session = *sessions_.front();
  if (hypopg_ && HypoPGSupports(index.method)) {
    IndexConfiguration configuration;
    configuration.added.push_back(index);
    DBARCH_RETURN_IF_ERROR(Apply(session, configuration));
    const long long oid = session.created.at(index);
    if (index.method == "btree") {
      // HypoPG ignores deduplication and overstates most B-trees 2-6x; the model is within ~10 %.
      auto statement = sql::ParseOne(index.definition);
      if (statement.ok() && statement->has_index_stmt()) {
        const int key_count = statement->index_stmt().index_params_size();
        auto shape = ReadBtreeShape(session.connection, oid, key_count, &key_distinct_cache_);
        if (shape.ok()) return EstimateBtreeBytes(*shape);
      }
    }
    auto size = session.connection.Query(fmt::format("SELECT hypopg_relation_size({}) AS bytes", oid));
    if (!size.ok()) return size.status();
    return static_cast<int64_t>(size->GetInt(0, "bytes"));
  }
  auto name = EnsureBuilt(session, index);
  if (!name.ok()) return name.status();
  auto size = session.connection.QueryParams(
      "SELECT sum(pg_relation_size(relid)) AS bytes FROM "
      "(SELECT $1::regclass AS relid UNION SELECT relid FROM pg_partition_tree($1::regclass)) tree",
      {name->ToSql()});
  if (!size.ok()) return size.status();
  return static_cast<int64_t>(size->GetInt(0, "bytes"));
}

}  // namespace dbarch::verify
