# Sourced by the benchmark scripts: builds one benchmark target in build-bench/ (Release, -j1) and prints the
# binary's path.
#
#   source bench/build_bench.sh; driver="$(build_bench_target "$root" fd_bench)"
build_bench_target() {
  local root="$1" target="$2"
  if [ ! -f "$root/build-bench/CMakeCache.txt" ]; then
    # GCC 12 at -O3 reports false -Wrestrict / -Wmaybe-uninitialized in inlined std::string code
    # (src/analyzers/ops/format.cc, src/sources/project_loader.cc, src/analyzers/normalize/normal_forms.cc),
    # which -Werror turns into errors: keep those diagnostics as warnings in this build directory only.
    cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDBARCH_BUILD_BENCH=ON \
      "-DCMAKE_CXX_FLAGS=-Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=stringop-overread -Wno-error=array-bounds -Wno-error=maybe-uninitialized -Wno-error=uninitialized -Wno-error=dangling-pointer -Wno-error=free-nonheap-object -Wno-error=use-after-free" >/dev/null
  fi
  cmake --build "$root/build-bench" --target "$target" -j1 >&2
  echo "$root/build-bench/bench/$target"
}
