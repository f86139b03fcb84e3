#!/bin/sh
# usage: tools/fuzz/run.sh TARGET SECONDS   (TARGET: describe events-table pods-table events-json yaml gzip)
# Builds PodHistKit with libFuzzer instrumentation (-sanitize=fuzzer, in .build/fuzz), links
# tools/fuzz/Harness.swift against it, seeds a corpus from fixtures/ and runs the target for
# SECONDS. Inputs that crash, trap or time out are written to fixtures/fuzz/TARGET/, which
# FuzzReplayTests replays in every test run. The run goes on after a finding (-fork=1 with
# -ignore_crashes/-ignore_timeouts/-ignore_ooms), so SECONDS is honoured and every finding kept.
# PODHIST_FUZZ_BIN=PATH runs an already built harness instead of building one (to fuzz one build
# while the sources change).
set -eu
target=${1:?TARGET}; seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd); cd "$root"
bp=.build/fuzz
if [ -z "${PODHIST_FUZZ_BIN:-}" ]; then
  swift build --build-path "$bp" -Xswiftc -sanitize=fuzzer --target PodHistKit >&2
  objs=$(find "$bp/debug/PodHistKit.build" "$bp/debug/Yams.build" "$bp/debug/CYaml.build" -name '*.o')
  cyaml=$(find "$bp/checkouts" -path '*Sources/CYaml/include' -type d | head -1)
fi
bin="$bp/podhist-fuzz"
if [ -n "${PODHIST_FUZZ_BIN:-}" ]; then bin=$PODHIST_FUZZ_BIN
elif [ ! -x "$bin" ] || [ tools/fuzz/Harness.swift -nt "$bin" ] || [ -n "$(find "$bp/debug/PodHistKit.build" -newer "$bin" -name '*.o' | head -1)" ]; then
  swiftc -sanitize=fuzzer -parse-as-library -I "$bp/debug/Modules" -I Sources/CSQLite -I Sources/CZlib -I "$cyaml" \
    tools/fuzz/Harness.swift $objs -lsqlite3 -lz -o "$bin"
fi
seeds="$bp/seeds/$target"; corpus="$bp/corpus/$target"; found="fixtures/fuzz/$target"
mkdir -p "$seeds" "$corpus" "$found"
case "$target" in
  describe) cp fixtures/describe/*.txt fixtures/why/*.txt fixtures/demo/*.txt "$seeds"/ 2>/dev/null || true ;;
  events-table) cp fixtures/tables/get-events-*.txt fixtures/tables/kubectl-events.txt "$seeds"/ ;;
  pods-table) cp fixtures/tables/get-pods*.txt fixtures/tables/helloworld-exit0-get-pods-watch.txt "$seeds"/ ;;
  events-json) cp fixtures/structured/event*.json fixtures/structured/events.jsonl fixtures/cli/events.json "$seeds"/ ;;
  yaml) cp fixtures/structured/*.yaml "$seeds"/ ;;
  gzip) for f in fixtures/cli/events.json fixtures/tables/get-pods.txt fixtures/structured/events-list.yaml; do
          gzip -c "$f" > "$seeds/$(basename "$f").gz"; done ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
PODHIST_FUZZ_TARGET="$target" "$bin" "$corpus" "$seeds" "$found" -max_total_time="$seconds" -timeout=10 \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$found/" \
  -print_funcs=0 -print_final_stats=1 > "$bp/$target.log" 2>&1 || true
# The fork loop's progress lines: executions so far, corpus, and oom/timeout/crash counts.
grep -E '^#[0-9]+: |INFO: fuzzed|INFO: exiting|crash-|timeout-|oom-' "$bp/$target.log" | tail -12
