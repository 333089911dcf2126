#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for dbarch and builds it into build/.
#
#   ./setup.sh          install packages (if missing), configure and build: the binary is build/dbarch
#   ./setup.sh test     the same, then run every test (unit, data-driven cases, integration)
#
# Needs root or sudo for apt-get. Environment: DBARCH_BUILD_DIR (default build), DBARCH_SANITIZE=1 for an
# ASan/UBSan build.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libpg-query-dev protobuf-compiler libprotobuf-dev
  libpq-dev postgresql-15 postgresql-15-hypopg postgresql-15-pg-qualstats postgresql-contrib
  nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev zlib1g-dev libzstd-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz
  python3-jsonschema
  pgbadger
  pgbackrest prometheus
  pgbouncer
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR="${DBARCH_BUILD_DIR:-build}"
CMAKE_ARGS=(-S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ "${DBARCH_SANITIZE:-0}" = 1 ] && CMAKE_ARGS+=(-DDBARCH_SANITIZE=ON)
# A compiler cache, when the machine has one, makes rebuilds of other checkouts of the same sources cheap.
command -v ccache >/dev/null && CMAKE_ARGS+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake "${CMAKE_ARGS[@]}" >/dev/null
cmake --build "$BUILD_DIR"

if [ "${1:-}" = "test" ]; then
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
fi
