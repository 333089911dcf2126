#!/usr/bin/env bash
# Produces real PostgreSQL 15 logs from a real run on a throwaway cluster: pgbench (simple and prepared
# protocol, so statements, durations and bind/execute parameters), multi-line statements, a lock wait, a
# deadlock, temporary files, auto_explain plans, errors, checkpoints, autovacuum/autoanalyze, connections.
# stderr, csvlog and jsonlog are written at once, so the three formats hold the same events.
#
#   bench/gen_pg_log.sh OUT_DIR [LOG_LINE_PREFIX] [PGBENCH_SECONDS]
#
# Writes OUT_DIR/postgresql.log, postgresql.csv, postgresql.json. Runs as the postgres user when run as
# root; the cluster and its directory are removed on exit, also on error or Ctrl-C.
set -euo pipefail
OUT_DIR=$(realpath -m "$1")
PREFIX=${2:-'%m [%p] '}
SECONDS_OF_PGBENCH=${3:-5}
BIN=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
mkdir -p "$OUT_DIR"
WORK=$(mktemp -d /tmp/dbarch-loggen.XXXXXX)
chmod 755 "$WORK"
AS=()
[ "$(id -u)" -eq 0 ] && { chown postgres "$WORK"; AS=(runuser -u postgres --); }
PGDATA=$WORK/data
PORT=$((20000 + RANDOM % 20000))
cleanup() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
"${AS[@]}" "$BIN/initdb" -D "$PGDATA" -U postgres --no-sync >/dev/null
cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$WORK'
port = $PORT
logging_collector = on
log_destination = 'stderr,csvlog,jsonlog'
log_directory = '$WORK/log'
log_filename = 'postgresql.log'
log_line_prefix = '$PREFIX'
log_min_duration_statement = 0
log_lock_waits = on
deadlock_timeout = '200ms'
log_temp_files = 0
log_checkpoints = on
log_autovacuum_min_duration = 0
autovacuum_naptime = 1
log_connections = on
log_disconnections = on
shared_preload_libraries = 'auto_explain'
auto_explain.log_min_duration = '30ms'
auto_explain.log_analyze = on
lc_messages = 'C'
CONF
"${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/startup.log" -w start >/dev/null
PSQL=("${AS[@]}" psql -X -q -h "$WORK" -p "$PORT" -U postgres -d postgres)
"${AS[@]}" pgbench -h "$WORK" -p "$PORT" -U postgres -i -s 2 -q postgres >/dev/null 2>&1
"${AS[@]}" pgbench -h "$WORK" -p "$PORT" -U postgres -c 4 -T "$SECONDS_OF_PGBENCH" -M simple postgres >/dev/null 2>&1
"${AS[@]}" pgbench -h "$WORK" -p "$PORT" -U postgres -c 2 -T "$SECONDS_OF_PGBENCH" -M prepared postgres >/dev/null 2>&1
# A multi-line statement, and errors with their SQLSTATE.
"${AS[@]}" psql -X -q -h "$WORK" -p "$PORT" -U postgres -d postgres -c "SELECT bid,
       count(*)
  FROM pgbench_accounts
 WHERE abalance > 0
 GROUP BY bid;" >/dev/null
"${PSQL[@]}" -c "SELECT 1/0" >/dev/null 2>&1 || true
"${PSQL[@]}" -c "SELECT * FROM no_such_table" >/dev/null 2>&1 || true
# Temporary files and an auto_explain plan: a sort larger than work_mem.
"${PSQL[@]}" -c "SET work_mem = '64kB'; SELECT aid FROM pgbench_accounts ORDER BY filler, abalance OFFSET 199990" >/dev/null
# A lock wait: the second update waits for the first transaction.
"${PSQL[@]}" -c "BEGIN; UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 1; SELECT pg_sleep(1); COMMIT;" >/dev/null &
sleep 0.3
"${PSQL[@]}" -c "UPDATE pgbench_accounts SET abalance = abalance - 1 WHERE aid = 1" >/dev/null
wait
# A deadlock: two transactions update the same two rows in opposite order.
"${PSQL[@]}" -c "BEGIN; UPDATE pgbench_accounts SET abalance = 0 WHERE aid = 10; SELECT pg_sleep(0.5); UPDATE pgbench_accounts SET abalance = 0 WHERE aid = 20; COMMIT;" >/dev/null 2>&1 &
sleep 0.2
"${PSQL[@]}" -c "BEGIN; UPDATE pgbench_accounts SET abalance = 1 WHERE aid = 20; SELECT pg_sleep(0.5); UPDATE pgbench_accounts SET abalance = 1 WHERE aid = 10; COMMIT;" >/dev/null 2>&1 || true
wait || true
"${PSQL[@]}" -c "CHECKPOINT" >/dev/null
# Give autovacuum time to visit the tables pgbench updated.
sleep 3
"${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null
cp "$WORK/log/postgresql.log" "$WORK/log/postgresql.csv" "$WORK/log/postgresql.json" "$OUT_DIR/"
