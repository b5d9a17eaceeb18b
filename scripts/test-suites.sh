#!/usr/bin/env bash
# `make test`'s runner: every suite runs even when another fails; a summary gives each
# suite's wall time and CPU time (user + system, its child processes included) and the
# whole run's; exits non-zero if any suite failed.
#
# Order, for two cores: lint; then, in the background, the embedding builds (release wasm
# packages, the React glue, the example plugins, the host and the app: long single-threaded
# LTO links) and after them the author check (create-plugin scaffolds with the README's
# steps: npm, tsc, eslint, jest, webpack) run beside native and then wasm (which share
# target/debug, so they stay in turn); then e2e, which needs what all of them built. The
# background suites' output goes to target/test-embed.log and target/test-author.log and is
# printed when they end, so the streams never interleave.
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
timed() { # timed CPU-FILE COMMAND…: runs COMMAND, writes its CPU seconds (user + system) to CPU-FILE
  # In a shell of its own, whose `times` counts only COMMAND's processes (this script's
  # `time` would also count a background suite it happens to reap meanwhile).
  CPU_FILE=$1 bash -c '"$@"; r=$?; times > "$CPU_FILE.times"; exit $r' timed "${@:2}"
  local r=$?
  # `times` prints the shell's line, then its children's: "1m2.500s 0m3.250s", minutes and
  # seconds, user then system.
  awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); n += p[1] * 60 + p[2] } printf "%d\n", n }' \
    "$1.times" > "$1" 2>/dev/null
  rm -f "$1.times"
  return $r
}
cpu() { cat "$1" 2>/dev/null || echo "?"; }

run() { # run SUITE [make args…]: prints, times and records one suite
  local suite=$1 start r
  shift
  start=$(date +%s)
  if timed "target/test-$suite.cpu" "$make_cmd" --no-print-directory "$@" "test-$suite"; then r=passed; else r=FAILED; status=1; fi
  summary+="  $suite: $r ($(($(date +%s) - start)) s, CPU $(cpu "target/test-$suite.cpu") s)"$'\n'
}

echo "==> lint"
run lint

background() { # background SUITE [make args…]: runs one suite into its log, records the result
  local suite=$1 start r
  shift
  start=$(date +%s)
  if timed "target/test-$suite.cpu" "$make_cmd" --no-print-directory "$@" "test-$suite" > "target/test-$suite.log" 2>&1; then r=passed; else r=FAILED; fi
  echo "$r $(($(date +%s) - start))" > "target/test-$suite.result"
}

echo ""
echo "==> in the background beside native, then wasm: author-prepare (create-plugin scaffolds,"
echo "    cached), and embed then author (target/test-{author-prepare,embed,author}.log)"
rm -f target/test-author-prepare.result target/test-embed.result target/test-author.result
(background author-prepare) &
prepare_pid=$!
(background embed -j2; background author) &
embed_pid=$!
echo ""
echo "==> native"
run native
echo ""
echo "==> wasm"
run wasm
wait "$embed_pid" "$prepare_pid"
for suite in author-prepare embed author; do
  echo ""
  echo "==> $suite (its output)"
  cat "target/test-$suite.log"
  read -r r secs < "target/test-$suite.result" || { r=FAILED; secs=0; }
  [ "$r" = passed ] || status=1
  summary+="  $suite: $r ($secs s, CPU $(cpu "target/test-$suite.cpu") s, in the background beside native and wasm)"$'\n'
done

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
