#!/bin/sh
# Seeds for code_scan_fuzzer: each fixture of tests/cases_code_scan with its language's index as first byte.
set -eu
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/code
i=0
for language in python javascript typescript go java ruby php; do
  for f in tests/cases_code_scan/$language/*; do
    { printf "\\$(printf '%03o' "$i")"; cat "$f"; } > "fuzz/corpus/code/$language-$(basename "$f")"
  done
  i=$((i + 1))
done
