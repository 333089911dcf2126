#!/usr/bin/env bash
# Benchmark: `dbarch lint` against squawk (npm squawk-cli) and sqlfluff (Debian package, dialect postgres) on the
# same generated migration corpus (bench/gen_migrations.py: deterministic, tens of MB). Prints MB/s for each tool
# and dbarch's ratio to each.
#
#   bench/lint_bench.sh [MEGABYTES] [SQLFLUFF_MEGABYTES]     (defaults 30 and 0.3)
#
# dbarch and squawk lint the whole corpus, each with its JSON output (to /dev/null), alternately, ROUNDS runs
# each (default 5), best and median printed. sqlfluff
# is far slower, so it lints a slice (the first files, SQLFLUFF_MEGABYTES) once and its throughput is scaled from
# that. squawk is installed into bench/.tools with npm (its package ships the binary); sqlfluff with apt-get
# when missing. A tool that cannot be installed is reported as such and left out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dbarch="${DBARCH:-$here/../build/dbarch}"
megabytes="${1:-30}"
fluff_megabytes="${2:-0.3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

python3 "$here/gen_migrations.py" "$work/corpus" "$megabytes"
mapfile -t files < <(ls "$work/corpus"/*.sql | sort -V)
bytes=$(cat "${files[@]}" | wc -c)

squawk="$here/.tools/node_modules/.bin/squawk"
if [ ! -x "$squawk" ]; then
  npm install --silent --prefix "$here/.tools" squawk-cli@2.66.0 >/dev/null 2>&1 || true
fi
# The npm package's `squawk` is a node.js launcher that spawns the platform binary; node's start-up (about a
# third of a second here) is not squawk's work, so the binary is timed directly when it is there.
native_squawk="$here/.tools/node_modules/@squawk-cli/linux-x64/bin/squawk"
[ -x "$native_squawk" ] && squawk="$native_squawk"
[ -x "$squawk" ] && "$squawk" --version >/dev/null 2>&1 || { echo "squawk: could not be installed (npm install squawk-cli)" >&2; squawk=""; }
if ! command -v sqlfluff >/dev/null; then
  { apt-get install -y -qq sqlfluff >/dev/null 2>&1 || sudo apt-get install -y -qq sqlfluff >/dev/null 2>&1; } || true
fi
command -v sqlfluff >/dev/null || echo "sqlfluff: not installed (apt-get install sqlfluff)" >&2

# Wall seconds of one run of a command (stdout discarded; lint tools exit 1 on findings).
seconds_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
# Wall seconds of the best of N runs of a command.
best_of() {
  local n="$1"; shift
  local best="" t
  for _ in $(seq "$n"); do
    t=$(seconds_of "$@")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best="$t"; fi
  done
  echo "$best"
}
min_of() { printf '%s\n' "$@" | sort -g | head -1; }
median_of() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
mbps() { echo "scale=3; $1 / 1048576 / $2" | bc -l; }

# dbarch and squawk run alternately, ROUNDS times each (default 5): on a virtual machine the speed drifts
# over minutes, and alternating exposes both tools to the same drift. Best and median are printed.
rounds="${ROUNDS:-5}"
dbarch_runs=(); squawk_runs=()
for _ in $(seq "$rounds"); do
  dbarch_runs+=("$(seconds_of "$dbarch" lint "$work/corpus" --format json --fail-on never)")
  [ -n "$squawk" ] && squawk_runs+=("$(seconds_of "$squawk" --reporter json "${files[@]}")")
done
dbarch_s=$(min_of "${dbarch_runs[@]}")
dbarch_median=$(median_of "${dbarch_runs[@]}")
dbarch_findings=$("$dbarch" lint "$work/corpus" --format json --fail-on never | grep -c '"rule":' || true)
printf '%-10s %10s %9s %9s %9s %10s %12s %12s\n' tool corpus_MB best_s median_s MB/s findings dbarch_ratio ratio_median
printf '%-10s %10.1f %9.2f %9.2f %9.2f %10s %12s %12s\n' dbarch "$(echo "$bytes/1048576" | bc -l)" "$dbarch_s" \
  "$dbarch_median" "$(mbps "$bytes" "$dbarch_s")" "$dbarch_findings" "1.0" "1.0"

if [ -n "$squawk" ]; then
  squawk_s=$(min_of "${squawk_runs[@]}")
  squawk_median=$(median_of "${squawk_runs[@]}")
  squawk_findings=$("$squawk" --reporter json "${files[@]}" 2>/dev/null | grep -o '"rule_name"' | wc -l || true)
  printf '%-10s %10.1f %9.2f %9.2f %9.2f %10s %12.2f %12.2f\n' squawk "$(echo "$bytes/1048576" | bc -l)" "$squawk_s" \
    "$squawk_median" "$(mbps "$bytes" "$squawk_s")" "$squawk_findings" "$(echo "$squawk_s / $dbarch_s" | bc -l)" \
    "$(echo "$squawk_median / $dbarch_median" | bc -l)"
fi

if command -v sqlfluff >/dev/null; then
  slice=()
  slice_bytes=0
  for f in "${files[@]}"; do
    slice+=("$f")
    slice_bytes=$((slice_bytes + $(stat -c %s "$f")))
    [ "$(echo "$slice_bytes >= $fluff_megabytes * 1048576" | bc -l)" = 1 ] && break
  done
  fluff_s=$(best_of 1 sqlfluff lint --dialect postgres --format json --processes 1 "${slice[@]}")
  # dbarch on the same slice, for a like-for-like ratio (startup costs included for both).
  mkdir -p "$work/slice" && cp "${slice[@]}" "$work/slice/"
  dbarch_slice_s=$(best_of 3 "$dbarch" lint "$work/slice" --format json --fail-on never)
  printf '%-10s %10.2f %9.2f %9s %9.4f %10s %12.1f\n' sqlfluff "$(echo "$slice_bytes/1048576" | bc -l)" "$fluff_s" \
    "-" "$(mbps "$slice_bytes" "$fluff_s")" "-" "$(echo "($bytes / $dbarch_s) / ($slice_bytes / $fluff_s)" | bc -l)"
  printf '%-10s %10.2f %9.2f %9s %9.2f %10s %12s\n' "dbarch(sl)" "$(echo "$slice_bytes/1048576" | bc -l)" \
    "$dbarch_slice_s" "-" "$(mbps "$slice_bytes" "$dbarch_slice_s")" "-" \
    "$(echo "$fluff_s / $dbarch_slice_s" | bc -l | awk '{printf "%.1f", $1}') (vs sqlfluff, same slice)"
fi
echo "dbarch_ratio: how many times faster dbarch is (squawk/sqlfluff seconds per MB over dbarch's)."
