#!/usr/bin/env bash
# End-to-end checks of `fnas experiment` against the binary in $FNAS: bad input gets one clear
# line naming the flag and exit 1; a tiny real experiment writes its table, CSV, plot and one run
# directory per search; rerunning it skips the finished searches; other settings are refused.
set -euo pipefail
: "${FNAS:?set FNAS to the fnas binary}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fail() { echo "experiment.sh: $*" >&2; exit 1; }

# expect_error FLAG-TEXT ARGS...: exit status 1 and a one-line message containing FLAG-TEXT.
expect_error() {
  local want="$1"; shift
  set +e
  err="$("$FNAS" experiment "$@" --out "$tmp/bad" 2>&1)"; rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "$* should exit 1, got $rc: $err"
  grep -q -- "$want" <<<"$err" || fail "$* should say '$want': $err"
  [ "$(wc -l <<<"$err")" -eq 1 ] || fail "$* should print one line: $err"
}
expect_error '--specs: item 2 of "2ms,,5ms" is empty' --specs 2ms,,5ms
expect_error '--specs: item 1: expected a latency' --specs abc,2ms
expect_error '--specs: item 2: a latency spec must be positive' --specs 2ms,-1ms
expect_error '--specs: item 1: a latency spec must be positive' --specs -1ms
expect_error '--specs: 2ms is given twice' --specs 2ms,2ms
expect_error '--specs: is required' --episodes 2
expect_error '--episodes: must be at least 1 (got 0)' --specs 1ms --episodes 0
expect_error '--repeats: must be at least 1 (got 0)' --specs 1ms --repeats 0
expect_error '--board: unknown board "nope"' --specs 1ms --board nope
expect_error '--space: unknown search space "nope"' --specs 1ms --space nope
[ ! -e "$tmp/bad" ] || fail "bad input must not create the experiment directory"

# A tiny real experiment: 2 specs x FNAS and NAS, 3 episodes each, 128 training images.
small=(--board pynq-z1 --space embedded --specs 0.15ms,1ms --episodes 3 --epochs 1 --train-limit 128 --batch 32 --threads 1 --seed 3)
out="$("$FNAS" experiment "${small[@]}" --out "$tmp/exp")"
[ "$(grep -c '^\[[0-9]/4\] ' <<<"$out")" -eq 4 ] || fail "expected 4 search lines: $out"
grep -q '^| 0.15ms | 3 |' <<<"$out" || fail "table row for 0.15ms missing: $out"
grep -q 'FNAS ' <<<"$out" || fail "terminal chart missing: $out"
for f in table.md table.csv plot.svg experiment.json; do [ -s "$tmp/exp/$f" ] || fail "$f missing"; done
grep -q '^| 1ms | 3 |' "$tmp/exp/table.md" || fail "table.md row for 1ms missing"
[ "$(wc -l <"$tmp/exp/table.csv")" -eq 3 ] || fail "table.csv should have a header and 2 rows"
head -c 4 "$tmp/exp/plot.svg" | grep -q '<svg' || fail "plot.svg is not an SVG"
for d in 0.15ms-fnas-r0 0.15ms-nas-r0 1ms-fnas-r0 1ms-nas-r0; do
  [ -s "$tmp/exp/$d/events.jsonl" ] && [ -s "$tmp/exp/$d/trials.csv" ] || fail "run directory $d missing"
done
! grep -q '0.15ms fnas r0: .*OVER' <<<"$out" || fail "FNAS's best must meet the spec: $out"

# Rerunning the same command skips every finished search and prints the same table.
again="$("$FNAS" experiment "${small[@]}" --out "$tmp/exp")"
[ "$(grep -c 'done earlier, skipped' <<<"$again")" -eq 4 ] || fail "rerun should skip all 4 searches: $again"
diff <(grep '^| ' <<<"$out") <(grep '^| ' <<<"$again") >/dev/null || fail "rerun changed the table"
resumed="$("$FNAS" experiment --resume "$tmp/exp")"
[ "$(grep -c 'done earlier, skipped' <<<"$resumed")" -eq 4 ] || fail "--resume should skip all 4 searches: $resumed"

# Other settings in the same directory are refused, naming the setting.
set +e
err="$("$FNAS" experiment --board pynq-z1 --space embedded --specs 0.15ms,1ms --episodes 3 --epochs 2 \
  --train-limit 128 --batch 32 --threads 1 --seed 3 --out "$tmp/exp" 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "other settings should exit 1, got $rc: $err"
grep -q -- '--epochs 1 (now 2)' <<<"$err" || fail "mismatch message should name --epochs: $err"
# --strategies: a bad name is refused before anything is written; fnas against evolution adds
# the by-strategy table and strategies.csv (and there is no FNAS vs NAS table to make).
expect_error '--strategies: item 2 of "fnas,enas" is "enas"' --specs 1ms --strategies fnas,enas
out="$("$FNAS" experiment "${small[@]}" --specs 0.15ms --strategies fnas,evolution --out "$tmp/strat")"
grep -q '^2 searches (1 spec x 1 repeat x fnas, evolution)' <<<"$out" || fail "strategy count line missing: $out"
grep -q '^| 0.15ms | evolution | 3 |' <<<"$out" || fail "by-strategy row missing: $out"
! grep -q 'FNAS vs accuracy-only NAS' "$tmp/strat/table.md" || fail "no NAS ran, so no FNAS vs NAS table"
[ "$(wc -l <"$tmp/strat/strategies.csv")" -eq 3 ] || fail "strategies.csv should have a header and 2 rows"
head -c 4 "$tmp/strat/plot.svg" | grep -q '<svg' || fail "plot.svg is not an SVG"
grep -q ">aging evolution<" "$tmp/strat/plot.svg" || fail "plot.svg should draw a line for evolution"
echo "experiment.sh: ok"
