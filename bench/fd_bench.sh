#!/usr/bin/env bash
# Functional-dependency discovery benchmark: dbarch (1 and 2 threads) vs a plain TANE in the same run and
# Desbordante's published HyFD figures, on ../shared/fd-datasets (see bench/fd_bench.cc).
#
#   bench/fd_bench.sh [--runs 3] [--tane-limit 120] [--data DIR]
#
# Builds only the fd_bench target in build-bench/ (Release, -j1) unless FD_BENCH points at a binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
driver="${FD_BENCH:-}"
if [ -z "$driver" ]; then
  source "$here/build_bench.sh"
  driver="$(build_bench_target "$root" fd_bench)"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$driver" --data "${FD_DATA:-$root/../shared/fd-datasets}" "$@"
