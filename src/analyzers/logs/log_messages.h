// What PostgreSQL's log messages say, read from their text (lc_messages = 'C', the only language the log
// analysis understands): durations and the statement they belong to, lock waits, temporary files,
// checkpoints, autovacuum/autoanalyze, connections and disconnections. Each reader returns nullopt when the
// message is not of its kind. The texts are PostgreSQL 10–17's (src/backend: postgres.c, proc.c, fd.c,
// xlog.c, vacuumlazy.c, analyze.c, postinit.c).
#pragma once

#include <optional>
#include <string_view>

namespace dbarch::analyzers::logs {

// "duration: 1.5 ms  statement: SELECT …", "… execute S_1: …", "… bind …", "… parse …", "… plan:\n…", or
// "duration: 1.5 ms" alone (log_duration, the statement was logged before by log_statement).
struct DurationMessage {
  double ms = 0;
  enum class Kind { kNone, kStatement, kExecute, kBind, kParse, kPlan, kOther } kind = Kind::kNone;
  std::string_view text;  // the SQL (kStatement, kExecute, kBind, kParse) or the plan (kPlan)
};
std::optional<DurationMessage> ReadDuration(std::string_view message);

// "statement: SELECT …" or "execute <name>: SELECT …" without a duration (log_statement): the SQL.
std::optional<std::string_view> ReadLoggedStatement(std::string_view message);

// "process 123 still waiting for ShareLock on transaction 456 after 200.2 ms" and "… acquired …".
struct LockWaitMessage {
  bool acquired = false;
  std::string_view mode;    // "ShareLock", "AccessExclusiveLock", …
  std::string_view object;  // "transaction", "relation", "tuple", "advisory lock", "virtual transaction", …
  double ms = 0;
};
std::optional<LockWaitMessage> ReadLockWait(std::string_view message);

// "temporary file: path "base/pgsql_tmp/…", size 8192": the size in bytes.
std::optional<double> ReadTemporaryFile(std::string_view message);

// "checkpoint starting: time" (the reason) and "checkpoint complete: wrote 3096 buffers (18.9%); …".
struct CheckpointMessage {
  bool complete = false;
  std::string_view reason;  // starting: "time", "wal", "immediate force wait", "shutdown immediate", …
  double buffers = 0, write_s = 0, sync_s = 0, total_s = 0, distance_kb = 0;
};
std::optional<CheckpointMessage> ReadCheckpoint(std::string_view message);

// "automatic [aggressive ]vacuum of table "db.schema.t": index scans: 0\n… tuples: 5 removed …
// elapsed: 0.01 s" and "automatic analyze of table "db.schema.t"\n… elapsed: …".
struct AutovacuumMessage {
  bool analyze = false;
  std::string_view table;
  double elapsed_s = 0, tuples_removed = 0;
};
std::optional<AutovacuumMessage> ReadAutovacuum(std::string_view message);

// "connection received: …", "connection authorized: user=… database=… application_name=…",
// "disconnection: session time: 0:00:01.397 user=… database=… host=…".
struct ConnectionMessage {
  enum class Kind { kReceived, kAuthorized, kDisconnection } kind = Kind::kReceived;
  std::string_view user, database, application;
  double session_s = 0;  // disconnection
};
std::optional<ConnectionMessage> ReadConnection(std::string_view message);

// The error message with what varies between occurrences masked ("relation "…" does not exist at character
// …"), so errors group by kind.
std::string ErrorPattern(std::string_view message);

}  // namespace dbarch::analyzers::logs
