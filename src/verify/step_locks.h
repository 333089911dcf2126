// Measures the relation locks a migration step takes while it runs on the scratch cluster, so the lock level
// the plan claims for it can be checked against what PostgreSQL actually does (verify/diff_roundtrip.h).
//
// Only relations that existed before the step count: a table or index the step creates is invisible to
// every other session until the step commits, so nobody can wait on its lock. System catalogs are left out
// too (their row locks are the server's bookkeeping, not something a concurrent query waits on).
//
// How, per kind of step:
// - a step that can run in a transaction runs inside BEGIN … COMMIT; before COMMIT its own session reads
//   pg_locks for its pid. Every lock a statement takes is held to the end of the transaction, so this sees
//   all of them, exactly.
// - a step that cannot (CREATE/DROP INDEX CONCURRENTLY, a backfill that commits between batches) runs on
//   its own session while a second one polls pg_locks for that pid and a third holds ACCESS EXCLUSIVE on
//   each table the step says it locks, for at most `hold_ms`: the step's first lock request on such a table
//   then waits and is seen with its mode. Locks the step takes later, after the hold, are seen only if a poll
//   catches them; a step that neither waits nor is caught is reported as not measured.
#pragma once

#include <string>
#include <vector>

#include "analyzers/lock_level.h"
#include "dbarch/status.h"
#include "verify/pg_connection.h"
#include "verify/scratch_cluster.h"

namespace dbarch::verify {

struct ObservedLocks {
  bool measured = false;
  std::string method;  // how it was measured, or why nothing could be
  analyzers::LockLevel strongest = analyzers::LockLevel::kNone;
  std::vector<std::string> locks;  // "ACCESS EXCLUSIVE on public.orders", one per relation and mode
};

struct StepLockOptions {
  int hold_ms = 1000;  // the longest the third session keeps its ACCESS EXCLUSIVE (below any lock_timeout)
  int poll_ms = 2;
};

// Runs `sql` on `work` (a session on database `dbname` of `cluster`) and observes its locks as above.
// `locked` names the relations the step says it locks (MigrationStep::locked). Errors: the step failed
// (the status names `label`), or the observing sessions could not be used.
Result<ObservedLocks> RunObservingLocks(const ScratchCluster& cluster, const std::string& dbname, PgConnection& work,
                                        const std::string& sql, const std::string& label, bool outside_transaction,
                                        const std::vector<std::string>& locked, const StepLockOptions& options = {});

}  // namespace dbarch::verify
