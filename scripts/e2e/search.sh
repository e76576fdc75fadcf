#!/usr/bin/env bash
# End-to-end checks of `fnas search` and `fnas spaces` against the binary in $FNAS:
# a small headless search, its run directory, Ctrl-C (SIGINT) stop and resume, bad input.
set -euo pipefail
: "${FNAS:?set FNAS to the fnas binary}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fail() { echo "search.sh: $*" >&2; exit 1; }
small=(--headless --space embedded --board pynq-z1 --spec 0.25ms --epochs 1 --train-limit 128 --batch 32 --threads 1 --seed 3)

# spaces: the presets and their sizes.
out="$("$FNAS" spaces)"
grep -Eq '^embedded +3 +28x28x1 +3,5,7 +4,8,16 +1,2 +5832 ' <<<"$out" || fail "embedded row wrong: $out"
grep -Eq '^fnas-cifar-14 +14 ' <<<"$out" || fail "fnas-cifar-14 missing: $out"

# A small search: one line per episode, the summary, the run directory files.
out="$("$FNAS" search "${small[@]}" --episodes 6 --out "$tmp/run")"
[ "$(grep -c '^# *[0-9]' <<<"$out")" -eq 6 ] || fail "expected 6 episode lines: $out"
grep -q '^episodes 6: trained ' <<<"$out" || fail "summary missing: $out"
grep -q 'pruning saved' <<<"$out" || fail "time saved missing: $out"
for f in config.json events.jsonl checkpoint.json trials.csv; do [ -s "$tmp/run/$f" ] || fail "$f missing"; done
[ "$(wc -l <"$tmp/run/trials.csv")" -eq 7 ] || fail "trials.csv should have a header and 6 rows"
grep -q 'violated' "$tmp/run/trials.csv" || fail "a 0.25ms spec should prune some embedded children"

# Same seed, same trials.
"$FNAS" search "${small[@]}" --episodes 6 --out "$tmp/again" >/dev/null
cut -d, -f1-6 "$tmp/run/trials.csv" >"$tmp/a"; cut -d, -f1-6 "$tmp/again/trials.csv" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "same seed gave different trials"

# wait_for_trials DIR N: until DIR/events.jsonl holds N trial lines (60 s at most).
wait_for_trials() {
  for _ in $(seq 1 600); do
    [ -f "$1/events.jsonl" ] && [ "$(grep -c '"type":"trial"' "$1/events.jsonl" || true)" -ge "$2" ] && return
    sleep 0.1
  done
}

# SIGINT stops cleanly after the current batch; --resume completes the run without gaps.
"$FNAS" search "${small[@]}" --episodes 12 --out "$tmp/int" >"$tmp/int.out" 2>&1 &
pid=$!
wait_for_trials "$tmp/int" 2
kill -INT "$pid"
wait "$pid" || fail "SIGINT should exit 0: $(cat "$tmp/int.out")"
grep -q 'stopped' "$tmp/int.out" || fail "no stop message: $(cat "$tmp/int.out")"
out="$("$FNAS" search --headless --resume "$tmp/int")"
grep -q '^resuming at episode ' <<<"$out" || fail "resume banner missing: $out"
python3 - "$tmp/int/events.jsonl" <<'PY' || fail "episodes not 1..12"
import json, sys
eps = [json.loads(l)["trial"]["episode"] for l in open(sys.argv[1]) if '"type":"trial"' in l]
assert eps == list(range(1, 13)), eps
PY

# SIGTERM, then SIGTERM again at once: the process ends within 2 s (cleanly, or quickly with
# 143 when the second signal beats the end of the batch) and the run still resumes.
"$FNAS" search "${small[@]}" --episodes 200 --out "$tmp/term" >"$tmp/term.out" 2>&1 &
pid=$!
wait_for_trials "$tmp/term" 1
kill -TERM "$pid"; kill -TERM "$pid"
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fail "two SIGTERMs did not end the search within 2 s"; fi
set +e; wait "$pid"; rc=$?; set -e
[ "$rc" -eq 0 ] || [ "$rc" -eq 143 ] || fail "two SIGTERMs: exit $rc, want 0 or 143: $(cat "$tmp/term.out")"
out="$("$FNAS" search --headless --resume "$tmp/term" --episodes 3)" || fail "resume after two SIGTERMs failed: $out"

# Bad input: clear message naming the problem, exit 1.
set +e
err="$("$FNAS" search --headless --spec=-3ms --out "$tmp/bad" 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "negative spec should exit 1, got $rc"
grep -q -- '--spec: a latency spec must be positive' <<<"$err" || fail "bad spec message: $err"
echo '{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2, "kernels": [3, 0], "filters": [2]}' >"$tmp/space.json"
set +e
err="$("$FNAS" search --headless --space "$tmp/space.json" --out "$tmp/bad2" 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "bad space should exit 1, got $rc"
grep -q 'space.json:1:94: kernels\[1\]: must be at least 1 (got 0)' <<<"$err" || fail "bad space message: $err"
set +e
err="$("$FNAS" search --headless --out "$tmp/run" 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'already holds a run' <<<"$err" || fail "reusing a run directory should be refused: $err"
