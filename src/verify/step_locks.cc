#include "verify/step_locks.h"

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "verify/apply_sql.h"

namespace dbarch::verify {
namespace {

using analyzers::LockLevel;

// The relations that exist before the step, oid → "schema.name". Names come from here, not from a join at
// measurement time: a relation the step drops has no pg_class row any more by then.
struct Relations {
  std::map<std::string, std::string> names;
  std::string oid_array;  // "{16384,16390}"
};

constexpr const char* kUserRelations =
    "SELECT c.oid::text AS oid, format('%s.%s', n.nspname, c.relname) AS name FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

Result<Relations> ExistingRelations(PgConnection& connection) {
  auto rows = connection.Query(kUserRelations);
  if (!rows.ok()) return rows.status();
  Relations out;
  std::string oids;
  for (int r = 0; r < rows->rows(); ++r) {
    out.names[rows->Get(r, "oid")] = rows->Get(r, "name");
    oids += (oids.empty() ? "" : ",") + rows->Get(r, "oid");
  }
  out.oid_array = "{" + oids + "}";
  return out;
}

// Relation locks of backend `pid` (0: this session) on the given relations, granted or waited for.
std::string LockQuery(const Relations& relations, int pid) {
  return fmt::format(
      "SELECT l.relation::text AS oid, l.mode, l.granted FROM pg_locks l WHERE l.locktype = 'relation' AND "
      "l.pid = {} AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND "
      "l.relation = ANY('{}'::oid[])",
      pid == 0 ? "pg_backend_pid()" : std::to_string(pid), relations.oid_array);
}

// Adds what one read of pg_locks shows; true when the backend waits for one of the locks.
bool Record(const PgResult& rows, const Relations& relations, std::set<std::pair<LockLevel, std::string>>* seen) {
  bool waiting = false;
  for (int r = 0; r < rows.rows(); ++r) {
    auto level = analyzers::LockLevelFromPgMode(rows.Get(r, "mode"));
    auto name = relations.names.find(rows.Get(r, "oid"));
    if (!level || name == relations.names.end()) continue;
    seen->insert({*level, name->second});
    waiting |= !rows.GetBool(r, "granted");
  }
  return waiting;
}

void Summarize(const std::set<std::pair<LockLevel, std::string>>& seen, ObservedLocks* out) {
  // Each relation once, with the strongest mode taken on it; strongest first, so the list reads from what
  // matters most.
  std::set<std::string> listed;
  for (auto it = seen.rbegin(); it != seen.rend(); ++it) {
    out->strongest = std::max(out->strongest, it->first);
    if (listed.insert(it->second).second) out->locks.push_back(analyzers::LockLevelName(it->first) + " on " + it->second);
  }
}

Result<ObservedLocks> InTransaction(PgConnection& work, const Relations& relations, const std::string& sql,
                                    const std::string& label) {
  if (Status s = work.Execute("BEGIN"); !s.ok()) return s;
  if (Status s = ApplyScript(work, sql, label); !s.ok()) {
    (void)work.Execute("ROLLBACK");
    return s;
  }
  auto rows = work.Query(LockQuery(relations, 0));
  if (!rows.ok()) {
    (void)work.Execute("ROLLBACK");
    return rows.status();
  }
  if (Status s = work.Execute("COMMIT"); !s.ok()) return s;
  std::set<std::pair<LockLevel, std::string>> seen;
  Record(*rows, relations, &seen);
  ObservedLocks out;
  out.measured = true;
  out.method = "run in a transaction; pg_locks read by the same session before COMMIT";
  Summarize(seen, &out);
  return out;
}

Result<ObservedLocks> FromOtherSessions(const ScratchCluster& cluster, const std::string& dbname, PgConnection& work,
                                        const Relations& relations, const std::string& sql, const std::string& label,
                                        const std::vector<std::string>& locked, const StepLockOptions& options) {
  auto pid_row = work.Query("SELECT pg_backend_pid() AS pid");
  if (!pid_row.ok()) return pid_row.status();
  const int pid = static_cast<int>(pid_row->GetInt(0, "pid"));
  auto observer = cluster.Connect(dbname);
  if (!observer.ok()) return observer.status();
  auto blocker = cluster.Connect(dbname);
  if (!blocker.ok()) return blocker.status();

  // The tables (and views) among the claimed relations: LOCK TABLE refuses indexes and sequences.
  std::vector<std::string> held;
  if (Status s = blocker->Execute("BEGIN"); !s.ok()) return s;
  for (const auto& name : locked) {
    auto rel = blocker->Query(fmt::format(
        "SELECT c.oid::regclass::text AS rel FROM pg_class c WHERE c.oid = to_regclass({}) AND c.relkind IN ('r', 'p', 'v')",
        blocker->QuoteLiteral(name)));
    if (!rel.ok()) return rel.status();
    if (rel->rows() == 0) continue;
    if (Status s = blocker->Execute("LOCK TABLE " + rel->Get(0, "rel") + " IN ACCESS EXCLUSIVE MODE"); !s.ok()) return s;
    held.push_back(name);
  }
  bool holding = !held.empty();
  if (!holding) (void)blocker->Execute("COMMIT");

  std::atomic<bool> done{false};
  Status step_status = Status::Ok();
  std::thread runner([&] {
    step_status = ApplyScript(work, sql, label);
    done = true;
  });
  std::set<std::pair<LockLevel, std::string>> seen;
  bool waited = false;
  Status poll_status = Status::Ok();
  const auto start = std::chrono::steady_clock::now();
  const std::string query = LockQuery(relations, pid);
  while (!done) {
    auto rows = observer->Query(query);
    if (!rows.ok()) {
      poll_status = rows.status();
      break;
    }
    bool waiting = Record(*rows, relations, &seen);
    waited |= waiting;
    const auto held_for = std::chrono::steady_clock::now() - start;
    if (holding && (waiting || held_for > std::chrono::milliseconds(options.hold_ms))) {
      poll_status = blocker->Execute("COMMIT");
      holding = false;
      if (!poll_status.ok()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options.poll_ms));
  }
  if (holding) {
    // The step finished without touching the held tables (or the observer failed): let go in any case, so
    // the step's session is not left waiting.
    (void)blocker->Execute("COMMIT");
  }
  runner.join();
  if (!step_status.ok()) return step_status;
  if (!poll_status.ok()) return poll_status;

  ObservedLocks out;
  std::string holds;
  for (const auto& h : held) holds += (holds.empty() ? "" : ", ") + h;
  out.measured = !seen.empty();
  if (out.measured) {
    out.method = holds.empty() ? fmt::format("cannot run in a transaction; pg_locks polled from a second session every {} ms",
                                             options.poll_ms)
                               : fmt::format("cannot run in a transaction; pg_locks polled from a second session while a "
                                             "third held ACCESS EXCLUSIVE on {}{}",
                                             holds, waited ? " (the step waited for it)" : "");
  } else {
    out.method = holds.empty() ? "not measured: the step cannot run in a transaction, names no table to hold, and "
                                 "finished between two polls of pg_locks"
                               : "not measured: the step cannot run in a transaction and never asked for a lock on " +
                                     holds + " while it was held";
  }
  Summarize(seen, &out);
  return out;
}

}  // namespace

Result<ObservedLocks> RunObservingLocks(const ScratchCluster& cluster, const std::string& dbname, PgConnection& work,
                                        const std::string& sql, const std::string& label, bool outside_transaction,
                                        const std::vector<std::string>& locked, const StepLockOptions& options) {
  auto relations = ExistingRelations(work);
  if (!relations.ok()) return relations.status();
  if (!outside_transaction) return InTransaction(work, *relations, sql, label);
  return FromOtherSessions(cluster, dbname, work, *relations, sql, label, locked, options);
}

}  // namespace dbarch::verify
