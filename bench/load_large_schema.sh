#!/usr/bin/env bash
# Benchmark: load a large pg_dump-style schema into dbarch's model, against PostgreSQL itself replaying the
# same DDL (psql into a throwaway cluster) — the only other program that builds a full catalog from it.
#
#   bench/load_large_schema.sh [TABLES] [EXTRA_SCHEMA_FILES…]
#
# TABLES (default 1000) sizes the generated schema (GitLab's db/structure.sql: ~1 000 tables, ~4 000 indexes).
# Extra files (e.g. a real application's structure.sql) are measured too. Prints wall time and peak RSS
# (median of 5 runs for dbarch) and the ratio.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dbarch="${DBARCH:-$here/../build/dbarch}"
tables="${1:-1000}"
shift || true
work="$(mktemp -d)"
cleanup() {
  if [ -f "$work/data/postmaster.pid" ]; then
    run_pg "$PG_BIN/pg_ctl -D '$work/data' -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }

python3 "$here/gen_large_schema.py" "$tables" > "$work/generated.sql"
files=("$work/generated.sql" "$@")

chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
run_pg "$PG_BIN/initdb -D '$work/data' -A trust -U postgres >/dev/null && \
        $PG_BIN/pg_ctl -D '$work/data' -o \"-k '$work' -c listen_addresses='' -c fsync=off\" -l '$work/log' -w start >/dev/null"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-28s %10s %12s %12s %14s %8s\n' file size_KB objects dbarch_ms dbarch_RSS_MB psql_ms
for f in "${files[@]}"; do
  size=$(( $(stat -c %s "$f") / 1024 ))
  objects=$("$dbarch" -q schema "$f" | tail -1 | grep -o '[0-9]* objects' | cut -d' ' -f1)
  times=()
  rss=0
  for _ in 1 2 3 4 5; do
    out=$( { /usr/bin/time -f '%e %M' "$dbarch" -q schema "$f" >/dev/null; } 2>&1 | tail -1)
    times+=("$(awk '{printf "%d", $1*1000}' <<<"$out")")
    rss=$(awk '{print int($2/1024)}' <<<"$out")
  done
  ms=$(printf '%s\n' "${times[@]}" | median)
  run_pg "$PG_BIN/psql -h '$work' -U postgres -qc 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench' postgres" >/dev/null
  start=$(date +%s%N)
  run_pg "$PG_BIN/psql -h '$work' -U postgres -q -d bench -f '$f'" >/dev/null 2>&1 || true
  psql_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%-28s %10s %12s %12s %14s %8s   ratio %.1fx\n' "$(basename "$f")" "$size" "$objects" "$ms" "$rss" "$psql_ms" "$(awk -v a="$psql_ms" -v b="$ms" 'BEGIN{print (b>0)?a/b:0}')"
done
