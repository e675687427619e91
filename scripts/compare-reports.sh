#!/usr/bin/env bash
# Checks that two govcheck binaries write byte-identical reports: every format, one job and all
# cores, on the samples and on a generated fleet. Used to prove that an optimisation changed no
# output. Usage: scripts/compare-reports.sh OLD_BINARY NEW_BINARY [FLEET_DIR]
#   FLEET_DIR defaults to a 1,000-descriptor corpus from the benchmark's generator
#   (cd Benchmarks && swift run -c release govcheck-bench --generate 1000 DIR).
set -euo pipefail
old=$1 new=$2 fleet=${3:-}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=(Samples)
[ -n "$fleet" ] && inputs+=("$fleet")
status=0
for input in "${inputs[@]}"; do
  for date in 2026-11-22 2025-06-01 2028-09-01; do
    for args in "--format text" "--format text --summary" "--format json" "--format sarif" "--format junit" "--format text --all" "--format json --all"; do
      for jobs in 1 2; do
        # shellcheck disable=SC2086
        "$old" check "$input" --as-of "$date" --fail-on none --jobs 1 $args > "$work/old" 2>&1 || true
        # shellcheck disable=SC2086
        "$new" check "$input" --as-of "$date" --fail-on none --jobs "$jobs" $args > "$work/new" 2>&1 || true
        if ! cmp -s "$work/old" "$work/new"; then
          echo "DIFFERENT: $input as of $date, $args, --jobs $jobs"
          diff "$work/old" "$work/new" | head -20
          status=1
        fi
      done
    done
  done
done
[ $status -eq 0 ] && echo "identical: every format, --jobs 1 and 2, on ${inputs[*]}"
exit $status
