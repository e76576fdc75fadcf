#!/usr/bin/env bash
# End-to-end checks of `fnas latency` and `fnas boards` against the binary in $FNAS.
set -euo pipefail
: "${FNAS:?set FNAS to the fnas binary}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fail() { echo "latency.sh: $*" >&2; exit 1; }

# The authors' worked example: 12/207 DSP shares -> (6,1) and (16,6), 40,000 cycles each, 0.8 ms.
out="$("$FNAS" latency --input 28x28x1 --layers 5x6,5x16 --board pynq-z1 --dse paper --template sequential)"
grep -Eq '^ +1 +6 +1 +28 +28 +5 +1 +6 +1 +20 +20 .* 40000 +0\.400 +computing$' <<<"$out" || fail "layer 1 row wrong: $out"
grep -Eq '^ +2 +16 +6 +28 +28 +5 +1 +16 +6 +20 +20 .* 40000 +0\.400 +computing$' <<<"$out" || fail "layer 2 row wrong: $out"
grep -q 'latency: 80000 cycles = 0.8ms' <<<"$out" || fail "network latency wrong: $out"
grep -q 'fits: yes' <<<"$out" || fail "fit line missing: $out"

# Spec verdict and Gantt chart.
out="$("$FNAS" latency --input 28x28x1 --layers 5x6,5x16 --board pynq-z1 --dse paper --template sequential --spec 2ms --gantt)"
grep -q 'spec: meets the 2ms spec (0.8ms, 60.0% under)' <<<"$out" || fail "spec verdict wrong: $out"
[ "$(grep -c '^ *L[0-9]* |' <<<"$out")" -eq 2 ] || fail "Gantt should have one row per layer: $out"

# --json: the documented fields, via an architecture file.
cat >"$tmp/lenet.json" <<'JSON'
{ "format": "fnas-architecture", "version": 1, "name": "lenet-ish",
  "input": { "height": 28, "width": 28, "channels": 1 }, "classes": 10,
  "layers": [ { "kernel": 5, "filters": 6 }, { "kernel": 5, "filters": 16 } ] }
JSON
"$FNAS" latency --arch "$tmp/lenet.json" --board pynq-z1 --dse paper --template sequential --json --spec 0.5ms >"$tmp/out.json"
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["latencyCycles"] == 80000, r["latencyCycles"]
assert abs(r["latencyMs"] - 0.8) < 1e-9, r["latencyMs"]
assert r["feasible"] is True
assert r["spec"]["meets"] is False
tilings = [(l["Tm"], l["Tn"], l["Tr"], l["Tc"]) for l in r["layers"]]
assert tilings == [(6, 1, 20, 20), (16, 6, 20, 20)], tilings
for l in r["layers"]:
    for k in "M N R C K S Tm Tn Tr Tc dsp bram18k cycles bottleneck".split():
        assert k in l, k
    assert l["cycles"] == 40000 and l["bottleneck"] == "computing"
' "$tmp/out.json" || fail "--json output wrong: $(cat "$tmp/out.json")"

# The full DSE on the default pipelined template fits and is no slower than the paper design.
"$FNAS" latency --input 28x28x1 --layers 5x6,5x16 --board pynq-z1 --json >"$tmp/full.json"
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["feasible"] and r["latencyCycles"] <= 80000 and r["dspUsed"] <= 220 and r["bramUsed"] <= 280, r
' "$tmp/full.json" || fail "full DSE output wrong"

# Unknown board: exit 1, one line naming the board and suggesting the nearest.
set +e
err="$("$FNAS" latency --input 28x28x1 --layers 5x6 --board pynq-z2 2>&1 >/dev/null)"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "unknown board should exit 1, got $rc"
grep -q 'unknown board "pynq-z2"; nearest: pynq-z1' <<<"$err" || fail "unknown board message: $err"
[ "$(wc -l <<<"$err")" -eq 1 ] || fail "error should be one line: $err"

# Kernel 0: exit 1, names the field.
set +e
err="$("$FNAS" latency --input 28x28x1 --layers 0x6 --board pynq-z1 2>&1 >/dev/null)"; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "kernel 0 should exit 1, got $rc"
grep -q -- '--layers: layer 1: kernel must be at least 1, got "0x6"' <<<"$err" || fail "kernel 0 message: $err"

# Infeasible: fewer DSPs than layers -> report says why, exit 3.
set +e
out="$("$FNAS" latency --input 28x28x1 --layers 5x6,5x16 --board pynq-z1 --dsp 1)"; rc=$?
set -e
[ "$rc" -eq 3 ] || fail "infeasible should exit 3, got $rc"
grep -q 'fits: no: needs at least 2 DSP slices' <<<"$out" || fail "infeasible reason missing: $out"

# Infeasible --json still has every documented key, latencyMs null.
set +e
"$FNAS" latency --input 28x28x1 --layers 5x6,5x16 --board pynq-z1 --dsp 1 --json >"$tmp/inf.json"; rc=$?
set -e
[ "$rc" -eq 3 ] || fail "infeasible --json should exit 3, got $rc"
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["feasible"] is False and r["latencyMs"] is None and r["latencyCycles"] == 0, r
assert "DSP" in r["infeasibleReason"], r["infeasibleReason"]
' "$tmp/inf.json" || fail "infeasible --json wrong: $(cat "$tmp/inf.json")"

# Boards: built-ins plus a file board.
cat >"$tmp/board.json" <<'JSON'
{ "format": "fnas-board", "version": 1, "name": "my-board", "part": "XC7Z020", "dsp": 150, "bram18k": 200 }
JSON
out="$("$FNAS" boards --board-file "$tmp/board.json")"
grep -Eq '^pynq-z1 +XC7Z020 +220 +280' <<<"$out" || fail "boards lacks pynq-z1: $out"
grep -Eq '^my-board +XC7Z020 +150 +200' <<<"$out" || fail "boards lacks the file board: $out"
"$FNAS" latency --input 28x28x1 --layers 5x6 --board my-board --board-file "$tmp/board.json" >/dev/null \
  || fail "a file board should be usable by name"
