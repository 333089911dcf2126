#!/usr/bin/env bash
# Index-advisor benchmark on TPC-H: dbarch's advisor against no indexes, pg_qualstats' index advisor and
# reimplementations of Dexter and Extend (baselines), at budgets 0.1/0.25/0.5/1.0 × table data — relative
# planner cost (22 queries and the 19 without Q2/Q17/Q20), measured workload time with the indexes built,
# what-if calls and advisor time. See the header comment of bench/index_advisor_bench.cc.
#
#   bench/index_advisor_bench.sh [SF=0.1] [SEED=0.5] [driver flags: --no-19, --no-measure, --extend-width 3, --timeout S …]
#
# Builds the driver in build-bench/ (Release, -j1) unless INDEX_ADVISOR_BENCH points at one. The table goes to
# stdout, progress to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
sf="${1:-0.1}"
seed="${2:-0.5}"
shift $(( $# > 2 ? 2 : $# ))
driver="${INDEX_ADVISOR_BENCH:-}"
if [ -z "$driver" ]; then
  source "$here/build_bench.sh"
  driver="$(build_bench_target "$root" index_advisor_bench)"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" >&2
exec "$driver" --root "$root" --sf "$sf" --seed "$seed" "$@"
