#!/usr/bin/env bash
# `make test`'s runner: every suite runs even when another fails; a summary gives each
# suite's wall time and the whole run's; exits non-zero if any suite failed.
#
# Order, for two cores: lint; then the embedding builds (release wasm packages, the React
# glue, the example plugins, the host and the app: long single-threaded LTO links) run
# beside native and then wasm (which share target/debug, so they stay in turn); then e2e,
# which needs what both built. The embed suite's output goes to target/test-embed.log and
# is printed when it ends, so the two streams never interleave.
set -u
make_cmd=${MAKE:-make}
# A run from a clean clone compiles the workspace's crates once: incremental compilation's
# bookkeeping would only slow that down (every suite's cargo sees the same setting, so
# none rebuilds what another built).
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
mkdir -p target
summary=""
status=0
run_start=$(date +%s)

run() { # run SUITE [make args…]: prints, times and records one suite
  local suite=$1 start r
  shift
  start=$(date +%s)
  if "$make_cmd" --no-print-directory "$@" "test-$suite"; then r=passed; else r=FAILED; status=1; fi
  summary+="  $suite: $r ($(($(date +%s) - start)) s)"$'\n'
}

echo "==> lint"
run lint

echo ""
echo "==> embed (in the background: target/test-embed.log) beside native, then wasm"
embed_start=$(date +%s)
("$make_cmd" --no-print-directory -j2 test-embed > target/test-embed.log 2>&1) &
embed_pid=$!
echo ""
echo "==> native"
run native
echo ""
echo "==> wasm"
run wasm
if wait "$embed_pid"; then r=passed; else r=FAILED; status=1; fi
echo ""
echo "==> embed (its output)"
cat target/test-embed.log
summary+="  embed: $r ($(($(date +%s) - embed_start)) s, beside native and wasm)"$'\n'

echo ""
echo "==> e2e"
run e2e

echo ""
echo "make test summary:"
printf "%s" "$summary"
echo "  total: $(($(date +%s) - run_start)) s"
if [ -f "${RELIABILITY_REPORT:-}" ]; then
  echo ""
  echo "reliability counts:"
  sed 's/^/  /' "$RELIABILITY_REPORT"
fi
exit $status
