#!/usr/bin/env bash
# Index-advisor benchmark: dbarch's advisor against no indexes, pg_qualstats' index advisor and
# reimplementations of Dexter and Extend (baselines), at budgets 0.1/0.25/0.5/1.0 × table data — relative
# planner cost, measured workload time with the indexes built, what-if calls and advisor time. Two workloads:
# TPC-H (default; 22 queries and the 19 without Q2/Q17/Q20) and --workload job (30 JOB-like many-table joins
# on an IMDB-shaped schema, bench/job/). See the header comment of bench/index_advisor_bench.cc.
#
#   bench/index_advisor_bench.sh [SF=0.1] [SEED=0.5] [driver flags: --no-19, --no-measure, --extend-width 3, --timeout S …]
#   bench/index_advisor_bench.sh --workload job [--sf 1] [--seed 0.5] [driver flags]
#
# SF and SEED may be given as the first two arguments (TPC-H's scale factor, default 0.1) or as --sf / --seed;
# everything else goes to the driver as is. Builds the driver in build-bench/ (Release, -j1) unless
# INDEX_ADVISOR_BENCH points at one. The table goes to stdout, progress to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
positional=()
while [ $# -gt 0 ] && [ ${#positional[@]} -lt 2 ] && [[ "$1" != -* ]]; do
  positional+=("$1")
  shift
done
if [ ${#positional[@]} -ge 1 ]; then set -- --sf "${positional[0]}" "$@"; fi
if [ ${#positional[@]} -ge 2 ]; then set -- --seed "${positional[1]}" "$@"; fi
driver="${INDEX_ADVISOR_BENCH:-}"
if [ -z "$driver" ]; then
  source "$here/build_bench.sh"
  driver="$(build_bench_target "$root" index_advisor_bench)"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" >&2
exec "$driver" --root "$root" "$@"
