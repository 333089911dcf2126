// What-if analysis: the planner's cost of a query under an index configuration that does not exist — new
// indexes made hypothetical with HypoPG (session-local, instant, with size estimates) and existing indexes
// hidden — on the scratch cluster. Existing indexes are hidden inside a rolled-back transaction by marking
// them invalid in pg_index (HypoPG 1.3, Debian's, has no hypopg_hide_index). Access methods HypoPG cannot
// simulate (GIN, GiST, SP-GiST) are built for real, once per connection, committed under a name
// "dbarch_whatif_<pid>_<n>" and marked invalid in the same transaction, so no planner ever uses them; a
// question whose configuration holds one marks that connection's copy valid inside its rolled-back
// transaction. Each connection has its own copy so that two questions never update the same pg_index row
// (the second would wait for the first's row lock). The copies are dropped by DropBuiltIndexes() and by the
// destructor; a WhatIf must therefore only be given a scratch database, never a user's.
//
// Advisors ask the same question many times, so answers are cached by (query, the configuration's indexes on
// the query's tables): an index on a table the query never touches cannot change its plan. Requests are
// spread over several connections (HypoPG's state is per session, so each connection holds its own copy of
// the current configuration and only creates/drops the difference to the next one).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/plan.h"
#include "verify/btree_size.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

// An index that does not exist yet: its table and `CREATE INDEX ON …` text (no name, no CONCURRENTLY).
struct HypotheticalIndex {
  model::QualifiedName table;
  std::string definition;  // e.g. "CREATE INDEX ON public.orders USING btree (customer_id, created_at DESC)"
  std::string method = "btree";
  // The definition with an index name, for building it for real: "CREATE INDEX name ON …".
  std::string NamedDefinition(const std::string& name) const;
  auto operator<=>(const HypotheticalIndex&) const = default;
};

// Builds the CREATE INDEX text for a model index (name and CONCURRENTLY left out).
HypotheticalIndex HypotheticalFrom(const model::Index& index);

struct IndexConfiguration {
  std::vector<HypotheticalIndex> added;
  std::vector<model::QualifiedName> hidden;  // existing indexes the planner must not use
};

struct CostRequest {
  std::string sql;                           // the statement; $n parameters get a generic plan
  std::vector<model::QualifiedName> tables;  // relations it touches (decides which indexes are relevant)
  IndexConfiguration configuration;
};

struct CostEstimate {
  double total_cost = 0;
  double startup_cost = 0;
  double rows = 0;
  bool generic_plan = false;
  std::vector<std::string> indexes_used;  // existing indexes in the plan
  std::vector<size_t> hypothetical_used;  // positions in configuration.added that the plan uses
  model::Plan plan;
  bool from_cache = false;
};

struct WhatIfCounters {
  long long requests = 0;       // Cost() answers given
  long long cache_hits = 0;
  long long planner_calls = 0;  // EXPLAINs actually run
  long long hypothetical_created = 0;
  long long real_builds = 0;    // indexes built for real (each once per connection, see above)
};

struct WhatIfOptions {
  int connections = 2;
  bool use_cache = true;
};

class WhatIf {
 public:
  using ConnectionFactory = std::function<Result<PgConnection>()>;

  // Opens the connections and checks HypoPG (CREATE EXTENSION hypopg must already have been run in the
  // database); without it every hypothetical index is built for real in a rolled-back transaction.
  static Result<std::unique_ptr<WhatIf>> Create(ConnectionFactory connect, const WhatIfOptions& options = {});
  ~WhatIf();

  // The cost of one query under one configuration. kInvalidInput when the query cannot be planned (the
  // message says why) or an index definition is rejected.
  Result<CostEstimate> Cost(const CostRequest& request);
  // Many requests in parallel over the connections; answers in request order.
  std::vector<Result<CostEstimate>> CostAll(const std::vector<CostRequest>& requests);
  // The size of an index right after CREATE INDEX (bytes): B-trees from the deduplication-aware model of
  // btree_size.h, other methods HypoPG simulates from HypoPG's estimate, the rest the size of the built copy.
  Result<int64_t> EstimateSize(const HypotheticalIndex& index);
  // Drops the indexes built for real so far (they are rebuilt if asked about again). Call it before anything
  // else reads the scratch database's catalog (index lists, sizes, idx_scan, building the chosen set), and
  // never while CostAll runs. The destructor calls it too.
  Status DropBuiltIndexes();

  bool hypopg_available() const { return hypopg_; }
  WhatIfCounters counters() const;

 private:
  struct Session;
  WhatIf() = default;
  Result<CostEstimate> CostOn(Session& session, const CostRequest& request);
  Status Apply(Session& session, const IndexConfiguration& configuration);
  // This session's committed, invalid copy of `index`, built on first use.
  Result<model::QualifiedName> EnsureBuilt(Session& session, const HypotheticalIndex& index);

  std::vector<std::unique_ptr<Session>> sessions_;
  bool hypopg_ = true;
  bool use_cache_ = true;
  mutable std::mutex mutex_;  // guards cache_ and counters_
  std::map<std::string, CostEstimate> cache_;
  WhatIfCounters counters_;
  KeyDistinctCache key_distinct_cache_;  // EstimateSize: counted and sampled key distinct counts
};

}  // namespace dbarch::verify
