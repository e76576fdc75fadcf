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
# A timed run uses every core (FUZZ_WORKERS, default nproc): libFuzzer's -jobs mode runs that
# many ordinary fuzzing processes side by side for the whole time, sharing one corpus directory
# (each reloads what the others add). A crash, timeout, leak or out-of-memory ends the process
# that met it, as in a single run, and fails the target. The executions reported are all
# processes' together. (Fork mode, tried first, restarts its workers every few seconds and
# reached only 0.7 of this rate.)
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
  if [ "$workers" -gt 1 ]; then limit+=(-jobs="$workers" -workers="$workers"); fi
fi
here="$(pwd)"

failed=0
printf '%-13s %12s %6s %10s %6s  %s\n' target executions s exec/s cov result
for t in "${targets[@]}"; do
  [ -d "Corpus/$t" ] || { echo "fuzz: no target $t (no Corpus/$t)" >&2; exit 2; }
  work="${scratch:-$here/.build/fuzz-corpus}/$t"
  # -jobs mode writes each process's output to fuzz-N.log in the working directory.
  logs="$here/.build/fuzz-logs/$t"; log="$logs/fuzz-0.log"
  rm -rf "$logs"; mkdir -p "$work" "$logs"
  set +e
  (cd "$logs" && "$bin/fuzz-$t" "${limit[@]}" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$here/.build/fuzz-artifacts/$t-" "$work" "$here/Corpus/$t" >"$logs/run.log" 2>&1)
  rc=$?
  set -e
  # One process logs to run.log; -jobs mode to fuzz-N.log, one per process (and copies each
  # into run.log as it ends, so run.log is not counted then).
  each=("$logs"/fuzz-*.log)
  [ -e "$log" ] || { log="$logs/run.log"; each=("$log"); }
  execs=0; elapsed=0; cov=0
  for l in "${each[@]}"; do
    n="$(sed -n 's/^stat::number_of_executed_units: *//p' "$l" | tail -1)"
    s="$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$l" | tail -1)"
    c="$(grep -oE 'cov: [0-9]+' "$l" | tail -1 | grep -oE '[0-9]+' || true)"
    execs=$((execs + ${n:-0}))
    [ "${s:-0}" -gt "$elapsed" ] && elapsed="$s"
    [ "${c:-0}" -gt "$cov" ] && cov="$c"
  done
  rate="?"; [ "$elapsed" -gt 0 ] && rate=$((execs / elapsed))
  result=ok
  if [ "$rc" -ne 0 ]; then
    failed=1
    bad="$(grep -l -m1 -E '^==[0-9]+==ERROR|ALARM: working|fuzz invariant broken|Fatal error|deadly signal|out-of-memory' "$logs"/*.log | head -1 || true)"
    result="FAILED ($(grep -h -m1 -oE 'ERROR: [A-Za-z]+: [a-z -]+|ALARM: working on the last Unit for [0-9]+ seconds|fuzz invariant broken: .{0,80}|Fatal error: .{0,80}|deadly signal|out-of-memory' "${bad:-$log}" || echo "exit $rc")); log: ${bad:-$log}"
  fi
  printf '%-13s %12s %6s %10s %6s  %s\n' "$t" "$execs" "$elapsed" "$rate" "$cov" "$result"
done
if [ -z "$runs" ]; then
  echo "fuzz: $seconds s per target on $workers process(es); the aim is 1,000,000 executions per target with none failing"
fi
exit "$failed"
