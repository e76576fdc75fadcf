#!/usr/bin/env bash
# Bad input never traps: every case below must exit with the expected status and, for errors,
# one line on stderr naming the flag or file. Cases are regressions found by the QA pass.
set -uo pipefail
: "${FNAS:?set FNAS to the fnas binary}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
failed=0
# expect STATUS PATTERN -- ARGS...: runs fnas ARGS (60 s at most), checks the exit status and
# that the output (stdout+stderr) matches PATTERN (an extended regex).
expect() {
  local want="$1" pattern="$2"; shift 3
  local out rc
  out="$(cd "$tmp" && timeout 60 "$FNAS" "$@" 2>&1)"; rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "bad-input.sh: fnas $*: exit $rc (want $want), output:" >&2
    head -5 <<<"$out" >&2
    failed=1
  fi
}
L=(latency --input 28x28x1 --layers k3f8,k5f16s2)

# Extreme magnitudes must format, not trap converting to Int; specs are bounded on both sides.
expect 1 'above the largest latency spec, 60s' -- "${L[@]}" --board pynq-z1 --spec 1e300ms
expect 0 'meets the 60000ms spec' -- "${L[@]}" --board pynq-z1 --spec 60s
expect 1 'below the smallest latency spec' -- "${L[@]}" --board pynq-z1 --spec 1e-20ms
expect 0 'violates the 1us spec' -- "${L[@]}" --board pynq-z1 --spec 1us
echo '{"name":"b","part":"p","dsp":220,"bram18k":280,"clockMHz":1e308}' >"$tmp/fast.json"
echo '{"name":"b","part":"p","dsp":220,"bram18k":280,"clockMHz":1e-300}' >"$tmp/slow.json"
expect 0 'fits: yes' -- "${L[@]}" --board b --board-file fast.json
expect 0 'fits: yes' -- "${L[@]}" --board b --board-file slow.json
expect 0 '1e\+308' -- boards --board-file fast.json

# Board files: a fraction in an integer field names the field at its line:column; duplicate names are refused.
echo '{"name":"b","part":"p","dsp":2.5,"bram18k":280}' >"$tmp/frac.json"
expect 1 'frac.json:1:30: dsp: expected a whole number, got 2.5' -- boards --board-file frac.json
echo '{"boards":[{"name":"b","part":"p","dsp":220,"bram18k":280},{"name":"b","part":"q","dsp":9,"bram18k":9}]}' >"$tmp/dup.json"
expect 1 'dup.json:1:68: boards\[1\].name: "b" is already the name of boards\[0\]' -- boards --board-file dup.json

# Work bounded by the input: no stall on a huge full-DSE layer or a huge Gantt width.
expect 1 "layers\[0\]: 4096 filters x 4096 channels on a 4096x4096 map have 260144641 tilings" -- \
  latency --input 4096x4096x4096 --layers k64f4096 --board pynq-z1
expect 64 'gantt-width must be at most 4096' -- "${L[@]}" --board pynq-z1 --gantt --gantt-width 100000000

# Search spaces: values every child would fail on are refused up front, naming file and field.
echo '{"name":"s","input":{"height":28,"width":28,"channels":1},"layers":2,"kernels":[3],"filters":[8],"classes":1000000000000}' >"$tmp/classes.json"
expect 1 'classes.json:1:108: classes: 1000000000000 is too large' -- spaces classes.json
expect 1 'classes.json:1:108: classes: 1000000000000 is too large' -- search --headless --space classes.json --episodes 1 --out run-classes
[ -e "$tmp/run-classes" ] && { echo "bad-input.sh: a refused space left a run directory" >&2; failed=1; }

# fnas train: corrupt or degenerate data and impossible children.
python3 - "$tmp" <<'PY'
import os, struct, sys
t = sys.argv[1]
def write(d, images, labels):
    os.makedirs(os.path.join(t, d), exist_ok=True)
    open(os.path.join(t, d, "train-images-idx3-ubyte"), "wb").write(images)
    open(os.path.join(t, d, "train-labels-idx1-ubyte"), "wb").write(labels)
labels = lambda n: struct.pack(">II", 0x801, n) + bytes(i % 10 for i in range(n))
write("overflow", struct.pack(">IIII", 0x803, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF), labels(5))
write("two", struct.pack(">IIII", 0x803, 2, 28, 28) + bytes(2 * 784), labels(2))
PY
T=(train --layers k3f4 --threads 1 --train-limit 100)
expect 1 'overflow/train-images-idx3-ubyte: the header promises' -- "${T[@]}" --data overflow
expect 1 'two: leaves 1 training image' -- "${T[@]}" --data two
expect 1 'architecture k1f1000000: training it at batch 64 needs about' -- train --layers k1f1000000 --threads 1
expect 1 '^fnas train: error: --weight-decay: must be zero or a finite' -- "${T[@]}" --weight-decay inf
expect 1 '^fnas train: error: --batch: must be at least 2' -- "${T[@]}" --batch 0

expect 1 'two leaves 1 training image' -- search --headless --episodes 1 --dataset two --out run-two
[ -e "$tmp/run-two" ] && { echo "bad-input.sh: a refused dataset left a run directory" >&2; failed=1; }

# One message format, settings named by the flag the user typed, advice in flags.
expect 1 '^fnas search: error: --spec: expected a latency such as 2ms' -- search --headless --spec fast --out run-spec
expect 1 '^fnas latency: error: --tiling: Tm: must be at least 1' -- "${L[@]}" --board pynq-z1 --tiling 0,1,1,1
expect 1 '^fnas search: error: --batch: ' -- search --headless --batch 1 --out run-batch
mkdir -p "$tmp/taken" && touch "$tmp/taken/events.jsonl"
expect 1 '^fnas search: error: taken: already holds a run; continue it with --resume taken or choose another --out' -- \
  search --headless --episodes 1 --out taken
mkdir -p "$tmp/notes" && touch "$tmp/notes/notes.txt"
expect 1 '^fnas experiment: error: notes: exists and is not an experiment directory .*choose another --out' -- \
  experiment --specs 1ms --episodes 1 --out notes
expect 1 '^fnas replay: error: nowhere: no such directory' -- replay nowhere --print

exit "$failed"
