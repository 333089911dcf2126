// Turns fix SQL (from findings, later from other advisors) into an ordered, lock-aware migration plan:
// each step states the lock it takes, whether it rewrites the table, whether it must run outside a
// transaction (CONCURRENTLY), a rollback (down) statement, and which findings it resolves. Statements are
// read with libpg_query, never with string matching.
#pragma once

#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "model/catalog.h"

namespace dbarch::analyzers {

struct MigrationStep {
  int number = 0;                  // 1-based execution order
  std::string title;               // "Index foreign key order_items.product_id"
  std::string up_sql;              // one or more statements, each ending in ';'
  std::string down_sql;            // rollback
  std::string lock_level;          // "SHARE UPDATE EXCLUSIVE", "ACCESS EXCLUSIVE", …
  bool rewrites_table = false;
  bool outside_transaction = false;  // CREATE/DROP INDEX CONCURRENTLY and friends
  bool loses_data = false;
  std::vector<std::string> resolves;  // rule ids + objects of the findings it fixes
  std::string notes;               // e.g. "run VALIDATE in a later deploy"
};

struct MigrationPlan {
  std::vector<MigrationStep> steps;
  std::vector<std::string> notes;  // plan-wide advice (lock_timeout, retries, deploy phases)
};

// Plans the fixes of the given findings (those with fix_sql) in a safe order: non-blocking steps
// (concurrent index builds) first, NOT VALID constraints before their VALIDATE, type changes last.
MigrationPlan PlanFixes(const Findings& findings, const model::Catalog& catalog);

// ALTER COLUMN … TYPE without a table rewrite: PostgreSQL skips it for binary-coercible changes that cannot
// fail (varchar(n) → text or a longer varchar, text → varchar, numeric(p,s) → numeric(q ≥ p, s)).
bool TypeChangeIsBinaryCoercible(const model::TypeName& from, const model::TypeName& to, bool has_using);

}  // namespace dbarch::analyzers
