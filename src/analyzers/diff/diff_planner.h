// Turns a schema diff into an ordered, zero-downtime migration plan of MigrationSteps (the same struct
// PlanFixes produces, with the lock knowledge of analyzers/migration_plan.h's StatementPlanner), each with
// its rollback.
//
// Order, as phases (a step never depends on a later one):
//   1. types and code: schemas, extensions, new enums and enum values (each value its own step, committed
//      before anything uses it), domains, sequences, functions (CREATE OR REPLACE);
//   2. dependents out of the way: views that change or read a column that changes type, is renamed or dropped
//      (readers first), triggers and policies that change, foreign keys that change or go;
//   3. indexes (DROP INDEX CONCURRENTLY) and other constraints that change or go; confirmed renames;
//   4. new tables (empty: created with their keys, checks and indexes directly);
//   5. columns: ADD COLUMN (a volatile default → nullable column, DEFAULT for new rows, batched backfill);
//      defaults, DROP NOT NULL, identity; type changes (binary-coercible in place; rewriting ones flagged,
//      with the expand/contract alternative spelled out);
//   6. CREATE [UNIQUE] INDEX CONCURRENTLY (also for new PRIMARY KEY/UNIQUE constraints);
//   7. CHECKs NOT VALID (also `CHECK (c IS NOT NULL)` for a column becoming NOT NULL), then VALIDATE;
//   8. SET NOT NULL (no scan thanks to the validated check), then the helper check is dropped;
//   9. PRIMARY KEY / UNIQUE … USING INDEX; EXCLUDE;
//  10. foreign keys NOT VALID, then VALIDATE;
//  11. views recreated and created (readers after what they read), triggers, policies, RLS, comments;
//  12. contract: DROP COLUMN / TABLE / SEQUENCE / TYPE / FUNCTION — data-losing ones only with
//      allow_data_loss, otherwise listed in `refused`.
// Every step that takes a lock beyond ROW EXCLUSIVE starts with `SET lock_timeout`.
#pragma once

#include <string>
#include <vector>

#include "analyzers/diff/schema_diff.h"
#include "analyzers/migration_plan.h"
#include "model/catalog.h"

namespace dbarch::analyzers::diff {

struct PlanOptions {
  bool allow_data_loss = false;
  int backfill_batch_rows = 1000;      // rows per UPDATE of a batched backfill
  double backfill_pause_seconds = 0.1;  // pg_sleep between batches
  std::string lock_timeout = "5s";
};

struct DiffPlan {
  MigrationPlan plan;                     // the steps, in execution order, and plan-wide notes
  std::vector<std::string> refused;       // data-losing changes left out (need allow_data_loss)
  std::vector<std::string> not_restorable;  // what running the down steps cannot bring back
  std::vector<std::string> not_planned;   // differences no step carries out yet (say why)
};

// `diff` must come from DiffCatalogs(from, to, …); `to` is the target schema.
Result<DiffPlan> PlanDiff(const SchemaDiff& diff, const model::Catalog& to, const PlanOptions& options = {});

// The whole up (or down) script of a plan, steps separated by comment headers; down runs the steps'
// rollbacks in reverse order.
std::string PlanUpSql(const DiffPlan& plan);
std::string PlanDownSql(const DiffPlan& plan);

}  // namespace dbarch::analyzers::diff
