// Turns fix SQL (from findings, later from other advisors) into an ordered, lock-aware migration plan:
// each step states the lock it takes, whether it rewrites the table, whether it must run outside a
// transaction (CONCURRENTLY), a rollback (down) statement, and which findings it resolves. Statements are
// read with libpg_query, never with string matching.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "dbarch/status.h"
#include "model/catalog.h"

namespace dbarch::analyzers {

// Work a step does that takes time in proportion to a table's size (what its duration estimate is built on,
// analyzers/diff/step_duration.h). Steps with none are catalog-only: instant once they have their lock.
struct TableWork {
  enum class Kind {
    kRewrite,     // the table and its indexes written anew (ALTER COLUMN TYPE, a volatile default)
    kIndexBuild,  // an index built: a scan and a sort
    kScan,        // every row read under the lock (VALIDATE, SET NOT NULL without a proof, a domain check)
    kBackfill,    // every row updated in batches with pauses
  };
  Kind kind;
  std::string table;  // "public.orders"
  bool concurrently = false;  // kIndexBuild: CONCURRENTLY scans the table twice
  friend bool operator==(const TableWork&, const TableWork&) = default;
};

struct MigrationStep {
  int number = 0;                  // 1-based execution order
  std::string title;               // "Index foreign key order_items.product_id"
  std::string up_sql;              // one or more statements, each ending in ';'
  std::string down_sql;            // rollback
  std::string lock_level;          // "SHARE UPDATE EXCLUSIVE", "ACCESS EXCLUSIVE", … (analyzers/lock_level.h)
  std::vector<std::string> locked;  // the relations that lock is taken on ("public.orders")
  bool rewrites_table = false;
  bool outside_transaction = false;  // CREATE/DROP INDEX CONCURRENTLY and friends
  bool loses_data = false;
  std::vector<TableWork> work;     // what makes it take longer on a bigger table (empty: catalog-only)
  double estimated_seconds = -1;   // < 0: not estimated (table sizes unknown)
  std::string duration_basis;      // "~3 s: rewrites public.orders, 120 MB at ~40 MB/s (live statistics)"
  std::vector<std::string> resolves;  // rule ids + objects of the findings it fixes
  std::string notes;               // e.g. "run VALIDATE in a later deploy"
};

struct MigrationPlan {
  std::vector<MigrationStep> steps;
  std::vector<std::string> notes;  // plan-wide advice (lock_timeout, retries, deploy phases)
};

// What statements do to a live system: the lock knowledge PlanFixes uses, shared with the schema diff
// planner (analyzers/diff/diff_planner.h) so both state the same lock for the same ALTER TABLE form.
struct StatementEffects {
  std::string lock_level = "NONE";   // strongest table lock taken
  std::vector<std::string> locked;   // the tables (or other relations) it is taken on
  bool rewrites_table = false;
  bool outside_transaction = false;  // CONCURRENTLY, or a DO block that commits between batches
  bool loses_data = false;
  bool blocking = false;             // scans or rewrites while holding a lock that blocks writes
  std::vector<TableWork> work;
  std::string down_sql;              // the rollback the statements alone imply (may be empty)
  std::vector<std::string> notes;
};

// Describes statements in order, remembering what earlier ones established: a CHECK (c IS NOT NULL)
// validated by an earlier call lets a later SET NOT NULL skip its scan.
class StatementPlanner {
 public:
  explicit StatementPlanner(const model::Catalog& catalog);  // the schema before the first statement
  ~StatementPlanner();
  // `name` labels syntax errors. Statements of kinds it does not know are assumed ACCESS EXCLUSIVE.
  Result<StatementEffects> Describe(const std::string& name, const std::string& sql);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Plans the fixes of the given findings (those with fix_sql) in a safe order: non-blocking steps
// (concurrent index builds) first, NOT VALID constraints before their VALIDATE, type changes last.
MigrationPlan PlanFixes(const Findings& findings, const model::Catalog& catalog);

// ALTER COLUMN … TYPE without a table rewrite: PostgreSQL skips it for binary-coercible changes that cannot
// fail (varchar(n) → text or a longer varchar, text → varchar, numeric(p,s) → numeric(q ≥ p, s)).
bool TypeChangeIsBinaryCoercible(const model::TypeName& from, const model::TypeName& to, bool has_using);

}  // namespace dbarch::analyzers
