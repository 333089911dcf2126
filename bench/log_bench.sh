#!/usr/bin/env bash
# Benchmark: `dbarch logs` against pgBadger (Debian package `pgbadger`, -j 1 and -j 2) on the same PostgreSQL log.
#
#   bench/log_bench.sh [MEGABYTES] [PGBENCH_SECONDS]     (defaults 1024 and 20)
#
# The log comes from a real run (bench/gen_pg_log.sh: pgbench in the simple and prepared protocols, a lock wait,
# a deadlock, temporary files, auto_explain plans, errors, checkpoints, autovacuum, connections) with pgBadger's
# recommended log_line_prefix, then is replicated to MEGABYTES. Each tool reads the same file once, with
# /usr/bin/time -v; prints MB/s, peak RSS and dbarch's ratio, then the top queries' counts and total times as both
# tools report them. DBARCH=path picks the dbarch binary (default: a Release build in build-bench/); SEED_LOG=path
# reuses a log gen_pg_log.sh wrote before (with the prefix below) instead of generating one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
megabytes="${1:-1024}"
pgbench_seconds="${2:-20}"
prefix='%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h '
work="$(mktemp -d /tmp/dbarch-log-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT INT TERM

dbarch="${DBARCH:-}"
if [ -z "$dbarch" ]; then
  # shellcheck source=bench/build_bench.sh
  source "$here/build_bench.sh"
  build_bench_target "$root" dbarch >/dev/null
  dbarch="$root/build-bench/dbarch"
fi
command -v pgbadger >/dev/null || { apt-get install -y -qq pgbadger >/dev/null 2>&1 || sudo apt-get install -y -qq pgbadger >/dev/null; }

if [ -n "${SEED_LOG:-}" ]; then
  seed="$SEED_LOG"  # a log gen_pg_log.sh wrote before, with the prefix above
else
  echo "generating a real log (pgbench ${pgbench_seconds}s x2, lock wait, deadlock, temp files, autovacuum)..." >&2
  "$here/gen_pg_log.sh" "$work/source" "$prefix" "$pgbench_seconds" >/dev/null
  seed="$work/source/postgresql.log"
fi
log="$work/postgresql.log"
target=$((megabytes * 1024 * 1024))
: >"$log"
while [ "$(stat -c %s "$log")" -lt "$target" ]; do cat "$seed" >>"$log"; done
bytes=$(stat -c %s "$log")
mb=$(echo "scale=1; $bytes / 1048576" | bc)
echo "log: $mb MB ($(wc -l <"$log") lines; seed $(stat -c %s "$seed") bytes replicated)" >&2

# Runs a command under /usr/bin/time -v; sets SECONDS_TAKEN and RSS_MB.
measure() {
  local name="$1"; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || {
    echo "$name failed:" >&2; tail -5 "$work/$name.stderr" >&2; return 1; }
  local elapsed
  elapsed=$(grep "Elapsed (wall clock)" "$work/$name.time" | awk '{print $NF}')
  SECONDS_TAKEN=$(echo "$elapsed" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  RSS_MB=$(grep "Maximum resident set size" "$work/$name.time" | awk '{printf "%.1f", $NF / 1024}')
}

declare -A secs rss
jobs=$(nproc)
measure dbarch "$dbarch" logs "$log" --format json --top 20 --jobs "$jobs" -o "$work/dbarch.json" -q
secs[dbarch]=$SECONDS_TAKEN; rss[dbarch]=$RSS_MB
measure dbarch_j1 "$dbarch" logs "$log" --format json --top 20 --jobs 1 -o "$work/dbarch_j1.json" -q
secs[dbarch_j1]=$SECONDS_TAKEN; rss[dbarch_j1]=$RSS_MB
for j in 1 2; do
  mkdir -p "$work/pgbadger$j"
  measure "pgbadger_j$j" pgbadger -j "$j" -f stderr --prefix "$prefix" -q -o "$work/pgbadger$j/out.json" "$log"
  secs[pgbadger_j$j]=$SECONDS_TAKEN; rss[pgbadger_j$j]=$RSS_MB
done

printf '\n%-22s %10s %10s %12s %14s\n' "tool" "seconds" "MB/s" "peak RSS MB" "vs pgBadger -j1"
for tool in dbarch dbarch_j1 pgbadger_j1 pgbadger_j2; do
  label="$tool"
  [ "$tool" = dbarch ] && label="dbarch --jobs $jobs"
  [ "$tool" = dbarch_j1 ] && label="dbarch --jobs 1"
  [ "$tool" = pgbadger_j1 ] && label="pgbadger -j 1"
  [ "$tool" = pgbadger_j2 ] && label="pgbadger -j 2"
  printf '%-22s %10.2f %10.1f %12s %13.1fx\n' "$label" "${secs[$tool]}" "$(echo "$mb / ${secs[$tool]}" | bc -l)" \
    "${rss[$tool]}" "$(echo "${secs[pgbadger_j1]} / ${secs[$tool]}" | bc -l)"
done

echo
python3 "$here/log_bench_compare.py" "$work/dbarch.json" "$work/pgbadger1/out.json"
