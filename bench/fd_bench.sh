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
  if [ ! -f "$root/build-bench/CMakeCache.txt" ]; then
    # Same flags as index_advisor_bench.sh: GCC 12 at -O3 reports false positives in inlined std::string code.
    cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDBARCH_BUILD_BENCH=ON \
      "-DCMAKE_CXX_FLAGS=-Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=stringop-overread -Wno-error=array-bounds -Wno-error=maybe-uninitialized -Wno-error=uninitialized -Wno-error=dangling-pointer -Wno-error=free-nonheap-object -Wno-error=use-after-free" >/dev/null
  fi
  cmake --build "$root/build-bench" --target fd_bench -j1 >&2
  driver="$root/build-bench/bench/fd_bench"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$driver" --data "${FD_DATA:-$root/../shared/fd-datasets}" "$@"
