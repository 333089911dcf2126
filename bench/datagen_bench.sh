#!/usr/bin/env bash
# Benchmark: rows per second of dbarch's synthetic data generator (a pgbench_accounts-shaped table with and
# without its primary key, and the whole shop example schema) against `pgbench -i` — PostgreSQL's own
# client-side COPY data generator — on the same private scratch cluster. Prints rows/s and the ratio.
#
#   bench/datagen_bench.sh [ROWS=2000000] [PGBENCH_SCALE=20]
#
# Builds the driver (bench/datagen_bench.cc) in build-bench/ unless DATAGEN_BENCH points at one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
driver="${DATAGEN_BENCH:-}"
if [ -z "$driver" ]; then
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDBARCH_BUILD_BENCH=ON \
    -DDBARCH_BUILD_TESTS=OFF >/dev/null
  ninja -C "$root/build-bench" -j2 datagen_bench >/dev/null
  driver="$root/build-bench/bench/datagen_bench"
fi
command -v pgbench >/dev/null || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null
nproc_info="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "machine: $nproc_info; $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
"$driver" "${1:-2000000}" "${2:-20}"
