#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer, so leaks and memory errors count too) and
# runs each for FUZZ_SECONDS (default 60), then prints one row per target: executions, coverage,
# and what went wrong. Exit 1 when any target crashed, timed out (> 1 s on one input), leaked,
# or ran out of memory; the input that did it is kept in Fuzz/.build/fuzz-artifacts/.
#
#   FUZZ_SECONDS=60 Fuzz/run.sh                 # every target (make fuzz)
#   FUZZ_SECONDS=5 FUZZ_TARGETS="spec idx" Fuzz/run.sh
#   FUZZ_RUNS=3000 Fuzz/run.sh                  # make test: a short, repeatable run
#   FUZZ_WORKERS=1 Fuzz/run.sh                  # one process per target instead of one per core
#
# A timed run uses every core (FUZZ_WORKERS, default nproc): libFuzzer's fork mode runs that
# many fuzzing processes on one shared corpus and stops at the first crash, timeout, leak or
# out-of-memory, as one process would (its defaults ignore timeouts and OOMs there; we don't).
# The executions reported are all workers' together.
#
# A timed run starts from the committed seeds (Fuzz/Corpus/NAME) and a working corpus that
# grows across runs (Fuzz/.build/fuzz-corpus/NAME, never committed). FUZZ_RUNS=N instead runs
# N inputs per target with a fixed seed from the committed seeds alone, so it is the same run
# on every machine: what `make test` runs.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
runs="${FUZZ_RUNS:-}"
workers="${FUZZ_WORKERS:-$(nproc)}"
read -r -a targets <<<"${FUZZ_TARGETS:-architecture board space layers spec theme idx cifar runlog}"
flags=(-c release -Xswiftc -sanitize=fuzzer,address)

echo "fuzz: building ${#targets[@]} targets with libFuzzer and AddressSanitizer"
mkdir -p .build
# SwiftPM keeps its build plan when a file is added to the fnas package this one uses by path,
# and then fails to find the new file's types; planning anew costs a second.
rm -f .build/release.yaml .build/release/description.json
if ! swift build "${flags[@]}" >.build/fuzz-build.log 2>&1; then
  grep -E 'error:' .build/fuzz-build.log | head -20 >&2 || tail -20 .build/fuzz-build.log >&2
  echo "fuzz: build failed (full log: Fuzz/.build/fuzz-build.log)" >&2
  exit 1
fi
bin="$(swift build "${flags[@]}" --show-bin-path)"
mkdir -p .build/fuzz-artifacts .build/fuzz-logs
if [ -n "$runs" ]; then
  limit=(-runs="$runs" -seed=1)
  scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
else
  limit=(-max_total_time="$seconds")
  if [ "$workers" -gt 1 ]; then
    limit+=(-fork="$workers" -ignore_crashes=0 -ignore_timeouts=0 -ignore_ooms=0)
  fi
fi

failed=0
printf '%-13s %12s %6s %10s %6s  %s\n' target executions s exec/s cov result
for t in "${targets[@]}"; do
  [ -d "Corpus/$t" ] || { echo "fuzz: no target $t (no Corpus/$t)" >&2; exit 2; }
  work="${scratch:-.build/fuzz-corpus}/$t"; log=".build/fuzz-logs/$t.log"
  mkdir -p "$work"
  set +e
  "$bin/fuzz-$t" "${limit[@]}" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=".build/fuzz-artifacts/$t-" "$work" "Corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  # One process ends with stat:: lines; fork mode's progress lines count all workers' runs.
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  elapsed="$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$log" | tail -1)"
  if [ -z "$execs" ]; then
    execs="$(sed -nE 's/^#([0-9]+): cov:.*/\1/p' "$log" | tail -1)"
    elapsed="$(sed -nE 's/^#[0-9]+: cov:.* time: ([0-9]+)s.*/\1/p' "$log" | tail -1)"
    [ -n "$execs" ] && [ "${elapsed:-0}" -gt 0 ] && rate=$((execs / elapsed))
  fi
  cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)"
  result=ok
  if [ "$rc" -ne 0 ]; then
    failed=1
    result="FAILED ($(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z -]+|ALARM: working on the last Unit for [0-9]+ seconds|fuzz invariant broken: .{0,80}|Fatal error: .{0,80}|deadly signal|out-of-memory' "$log" || echo "exit $rc")); log: Fuzz/$log"
  fi
  printf '%-13s %12s %6s %10s %6s  %s\n' "$t" "${execs:-?}" "${elapsed:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
if [ -z "$runs" ]; then
  echo "fuzz: $seconds s per target on $workers worker(s); the aim is 1,000,000 executions per target with none failing"
fi
exit "$failed"
