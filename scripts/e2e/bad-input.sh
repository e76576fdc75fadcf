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

# Extreme magnitudes must format, not trap converting to Int.
expect 0 'meets the 1e\+300ms spec' -- "${L[@]}" --board pynq-z1 --spec 1e300ms
expect 0 'violates the' -- "${L[@]}" --board pynq-z1 --spec 1e-20ms
echo '{"name":"b","part":"p","dsp":220,"bram18k":280,"clockMHz":1e308}' >"$tmp/fast.json"
echo '{"name":"b","part":"p","dsp":220,"bram18k":280,"clockMHz":1e-300}' >"$tmp/slow.json"
expect 0 'fits: yes' -- "${L[@]}" --board b --board-file fast.json
expect 0 'fits: yes' -- "${L[@]}" --board b --board-file slow.json
expect 0 '1e\+308' -- boards --board-file fast.json

exit "$failed"
