#!/usr/bin/env bash
# Benchmark: `dbarch diff` between a large generated schema (bench/gen_large_schema.py: GitLab-sized by
# default, ~1 000 tables, ~4 000 indexes, ~1 700 foreign keys) and a modified copy of it (a column added to
# every 10th table, a NOT NULL on every 20th, an index added on every 15th, a type widened on every 25th).
# Prints the number of steps, wall time and peak RSS (median of 5 runs). Goal: well under one second.
#
#   bench/diff_bench.sh [TABLES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dbarch="${DBARCH:-$here/../build/dbarch}"
tables="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

python3 "$here/gen_large_schema.py" "$tables" > "$work/from.sql"
cp "$work/from.sql" "$work/to.sql"
python3 - "$tables" >> "$work/to.sql" <<'PY'
import sys
n = int(sys.argv[1])
for t in range(n):
    if t % 10 == 0:
        print(f"ALTER TABLE public.table_{t} ADD COLUMN bench_note text DEFAULT 'x' NOT NULL;")
    if t % 20 == 0:
        print(f"ALTER TABLE public.table_{t} ALTER COLUMN created_at DROP NOT NULL;")
    if t % 15 == 0:
        print(f"CREATE INDEX bench_idx_{t} ON public.table_{t} (created_at);")
    if t % 25 == 0:
        print(f"ALTER TABLE public.table_{t} ALTER COLUMN id TYPE numeric;")
PY

times=()
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$dbarch" -q diff "$work/from.sql" "$work/to.sql" --format json > "$work/plan.json"
  times+=("$(cat "$work/time")")
done
steps="$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['steps']))" "$work/plan.json")"
median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
objects="$(grep -c '^CREATE\|^ALTER\|ADD CONSTRAINT' "$work/from.sql" || true)"
printf 'tables  statements  steps  seconds  peak_RSS_MB\n'
printf '%6d  %10d  %5d  %7s  %11.1f\n' "$tables" "$objects" "$steps" "${median% *}" "$(awk -v kb="${median#* }" 'BEGIN { print kb / 1024 }')"
