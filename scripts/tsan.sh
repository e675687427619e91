#!/usr/bin/env bash
# Runs govcheck under ThreadSanitizer: builds it and its tests in .build-tsan, runs the in-process
# test suites (engine, reporters, YAML reader), then checks a few hundred descriptors in one
# `govcheck check` run, where Checker.run evaluates files in parallel. Any race report fails it.
#
#   scripts/tsan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=.build-tsan
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
# Stop at the first race (exit status 66), in the test runner and in every govcheck it starts.
export TSAN_OPTIONS="halt_on_error=1:exitcode=66${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export SWIFT_BACKTRACE=enable=no
# The hostile-input tests cap the binary's virtual memory; a TSan binary cannot run under that cap.
export GOVCHECK_NO_MEMORY_CAP=1

echo "tsan: building with -sanitize=thread in $build"
swift build --sanitize=thread --build-path "$build"

# The engine, reporter and reader suites run in-process, where the parallel checker's threads are;
# the CLI suites mostly time the sanitizer starting child processes, so they are left to the plain
# run of the suite, and the parallel `govcheck check` below runs the TSan binary itself.
echo "tsan: engine, reporter and reader test suites"
status=0
swift test --sanitize=thread --build-path "$build" --filter 'GovCheckEngineTests|GovCheckReportersTests|YAMLTreeTests' > "$log/test.txt" 2>&1 || status=$?
if grep -q "ThreadSanitizer" "$log/test.txt"; then
  grep -A40 "ThreadSanitizer" "$log/test.txt" | head -n 120 || true
  echo "tsan: data race in the test suite" >&2; exit 1
fi
tail -n 3 "$log/test.txt"
[ "$status" -eq 0 ] || { cat "$log/test.txt"; echo "tsan: tests failed ($status)" >&2; exit 1; }

echo "tsan: govcheck check over every sample and pack-test descriptor, in parallel"
python3 scripts/fuzz-inputs.py --out "$log/inputs" > /dev/null
status=0
# --summary: the race check is about parallel evaluation and delivery; folding the full text
# report of 600 descriptors under TSan alone would take most of CI's time.
"$build/debug/govcheck" check --summary "$log/inputs/check" Samples > "$log/check.txt" 2> "$log/check.err" || status=$?
if grep -q "ThreadSanitizer" "$log/check.err" || [ "$status" -eq 66 ]; then
  head -n 120 "$log/check.err" || true
  echo "tsan: data race in govcheck check" >&2; exit 1
fi
# 0 or 1 (findings) is a normal run, 2 a run with input errors (some seeds are broken on purpose).
[ "$status" -le 2 ] || { cat "$log/check.err"; echo "tsan: govcheck check exited $status" >&2; exit 1; }
tail -n 2 "$log/check.txt"
echo "tsan: no data race reported"
