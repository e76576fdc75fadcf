#!/usr/bin/env bash
# End-to-end check of the explorer (`fnas` with no subcommand, `fnas replay`) against the binary
# in $FNAS, driven through a private tmux server: samples appear, spec changes reach the header,
# stepping and the detail view, a too-small terminal and recovery, pause, q stops the search and
# restores the terminal, the run directory, resume ended by SIGTERM, and a replay of it. Polls the screen with deadlines
# (no fixed sleeps), so it adapts to slow debug builds; needs only tmux, no TTY of its own.
set -euo pipefail
: "${FNAS:?set FNAS to the fnas binary}"
command -v tmux >/dev/null || { echo "explorer.sh: tmux is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
FNAS="$(cd "$(dirname "$FNAS")" && pwd)/$(basename "$FNAS")"
tmp="$(mktemp -d)"
sock="fnas-e2e-$$"
unset TMUX
# CI may have no LANG: tmux, grep and the explorer all need a UTF-8 locale for the box drawing.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { T kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
session=none; sessions=0
screen() { T capture-pane -p -t "$session" 2>/dev/null || true; }
fail() { echo "explorer.sh: $*" >&2; echo "--- screen:" >&2; screen >&2; exit 1; }
# wait_for REGEX [SECONDS]: poll the pane until a line matches.
wait_for() {
  local end=$((SECONDS + ${2:-30}))
  while ((SECONDS < end)); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  fail "waited ${2:-30}s for /$1/"
}
# wait_gone REGEX [SECONDS]: poll the pane until no line matches.
wait_gone() {
  local end=$((SECONDS + ${2:-30}))
  while ((SECONDS < end)); do screen | grep -Eq -- "$1" || return 0; sleep 0.1; done
  fail "waited ${2:-30}s for /$1/ to go away"
}
# start CMD...: a new 120x40 session (the next name; killing one and starting another can race
# with the server exiting) running CMD in a UTF-8 xterm (or with $E2E_ENV's assignments on top),
# then the shell's report.
start() {
  sessions=$((sessions + 1)); session="e2e$sessions"
  printf '%q ' "$@" >"$tmp/cmd"
  T new-session -d -s "$session" -x 120 -y 40 \
    "export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 ${E2E_ENV:-}; cd '$tmp'; $(cat "$tmp/cmd"); rc=\$?; \
     stty -a >'$tmp/stty'; echo \"fnas exited \$rc\"; sleep 120"
}

# Without a terminal: one clear line, exit 1, no run directory created.
set +e
err="$(cd "$tmp" && "$FNAS" --out "$tmp/notty" </dev/null 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'needs a terminal' <<<"$err" && [ "$(wc -l <<<"$err")" -eq 1 ] \
  || fail "fnas without a terminal should print one line and exit 1 (rc $rc): $err"
[ ! -e "$tmp/notty" ] || fail "fnas without a terminal created its run directory"

# A terminal the explorer cannot draw on (no cursor addressing, no terminfo entry): exit 1 with
# a line naming TERM, and no run directory, checked before anything is written.
for term in dumb no-such-terminal; do
  E2E_ENV="TERM=$term" start "$FNAS" --out "$tmp/term-$term"
  wait_for '^fnas exited [0-9]+' 30
  screen | grep -q '^fnas exited 1' || fail "TERM=$term: expected exit 1"
  screen | grep -Eq "TERM=$term (cannot move the cursor|has no terminfo entry)" || fail "TERM=$term: no message naming it"
  [ ! -e "$tmp/term-$term" ] || fail "TERM=$term created its run directory"
done

# A locale without UTF-8 (LANG=C): the explorer draws in ASCII only.
E2E_ENV="LANG=C LC_ALL=C" start "$FNAS" --epochs 1 --train-limit 64 --batch 32 --threads 1 --episodes 2 --out "$tmp/ascii"
wait_for 'Controller samples' 30
! screen | grep -qP '[^\x00-\x7F]' || fail "LANG=C: non-ASCII characters on screen"
T send-keys -t "$session" q
wait_for '^fnas exited 0' 60

# The default run directory never overwrites a run: a second search gets a fresh name.
mkdir "$tmp/fresh"
for _ in 1 2; do (cd "$tmp/fresh" && "$FNAS" search --headless --episodes 1 --spec 0.001ms >/dev/null); done
[ -s "$tmp/fresh/runs/embedded-s1/events.jsonl" ] && [ -s "$tmp/fresh/runs/embedded-s1-2/events.jsonl" ] \
  || fail "expected runs/embedded-s1 and runs/embedded-s1-2: $(ls -R "$tmp/fresh")"

# A live search on the embedded default, with tiny children so a debug build keeps up.
start "$FNAS" --epochs 1 --train-limit 192 --batch 32 --threads 1 --episodes 300 --out "$tmp/run"
wait_for 'spec 0\.25ms' 30
wait_for 'episode ([3-9]|[1-9][0-9]+)/300' 90
screen | grep -q 'Controller samples' || fail "samples pane missing"

# Spec: + raises it 5 %, = sets an exact value; the header shows the engine's new spec.
# Until the engine confirms, the header shows "spec NEW (engine OLD)".
T send-keys -t "$session" '+'
wait_for 'spec 0\.26[0-9]*ms · ' 10
T send-keys -t "$session" '='
T send-keys -t "$session" -l '0.4ms'
T send-keys -t "$session" Enter
wait_for 'spec 0\.4ms · ' 10

# The mouse (SGR reports, as xterm sends them): a click on pane 4 focuses it, a click on a
# sample row in pane 1 selects it (the pane then holds the selection), the wheel moves it.
click() { T send-keys -t "$session" -l $'\e[<0;'"$1;$2"'M'; T send-keys -t "$session" -l $'\e[<0;'"$1;$2"'m'; }
click 60 30
wait_for '\[4 Accuracy curves' 10
click 20 7
wait_for 'Controller samples \(held\)' 10
T send-keys -t "$session" -l $'\e[<64;20;7M'
T send-keys -t "$session" g
wait_for 'Controller samples \(live\)' 10

# Step through the samples: the selection is held, Enter opens the detail view with the layer
# table and tiling, Esc closes it.
T send-keys -t "$session" j
T send-keys -t "$session" j
wait_for 'Controller samples \(held\)' 10
T send-keys -t "$session" k
T send-keys -t "$session" Enter
wait_for 'Episode #[0-9]+ detail' 10
screen | grep -Eq 'MxN +RxC +K/S +Tm,Tn,Tr,Tc' || fail "detail view shows no layer table with tiling"
screen | grep -Eq 'L1 +[0-9]+x[0-9]+ +[0-9]+x[0-9]+ ' || fail "detail view shows no layer rows"
screen | grep -q 'slowest' || fail "detail view names no slowest layer"
T send-keys -t "$session" Escape
wait_gone 'Episode #[0-9]+ detail' 10
wait_for 'Controller samples' 10

# The trials table: T opens it, s sorts, / filters (a bad filter says why), Esc clears, Esc closes.
T send-keys -t "$session" T
wait_for 'Trials: [0-9]+ of [0-9]+ · sorted by episode' 10
T send-keys -t "$session" s s
wait_for 'sorted by latency' 10
T send-keys -t "$session" /
T send-keys -t "$session" -l 'lat<fast'
T send-keys -t "$session" Enter
wait_for 'expected a latency such as 0.2ms' 10
T send-keys -t "$session" Escape /
T send-keys -t "$session" -l 'lat<1s'
T send-keys -t "$session" Enter
wait_for 'Trials: [0-9]+ of [0-9]+ · sorted by latency . · filter lat<1s' 10
# e exports the Pareto front and the table as shown into the run directory.
T send-keys -t "$session" e
wait_for 'exported the Pareto front' 10
for f in pareto.csv pareto.json trials-view.csv; do [ -s "$tmp/run/$f" ] || fail "e did not write $f"; done
head -1 "$tmp/run/trials-view.csv" | grep -q '^episode,architecture,latency_ms' || fail "trials-view.csv has no header"
T send-keys -t "$session" Escape
wait_gone 'filter lat<1s' 10
# m marks two rows, c compares them side by side, Esc returns to the table.
T send-keys -t "$session" g m j m c
wait_for 'Compare #[0-9]+ and #[0-9]+' 10
screen | grep -Eq '#[0-9]+ tile schedule' || fail "the comparison shows no tile schedule"
T send-keys -t "$session" Escape
wait_for 'Trials: [0-9]+ of [0-9]+' 10
T send-keys -t "$session" Escape
wait_for 'Controller samples' 10

# The event log: l opens it with the session's start and both spec changes, l closes it.
T send-keys -t "$session" l
wait_for 'Event log: [0-9]+ events' 10
screen | grep -q 'started the search, spec 0.25ms' || fail "event log lacks the session start"
screen | grep -q 'spec set to 0.4ms from episode' || fail "event log lacks the spec change"
T send-keys -t "$session" l
wait_for 'Controller samples' 10

# Too small, then back to normal size.
T resize-window -t "$session" -x 40 -y 12
wait_for 'terminal too small' 10
T resize-window -t "$session" -x 120 -y 40
wait_gone 'terminal too small' 10
wait_for 'Controller samples' 10

# Pause, then quit: q stops the engine, which checkpoints, and the terminal is restored.
T send-keys -t "$session" Space
wait_for '= paused' 20
T send-keys -t "$session" q
wait_for '^fnas exited [0-9]+' 60
# The same events are in the log a replay reads.
for type in session paused; do
  grep -q "\"type\":\"$type\"" "$tmp/run/events.jsonl" || fail "events.jsonl has no $type line"
done
screen | grep -q '^fnas exited 0' || fail "fnas did not exit 0"
screen | grep -q 'continue with: fnas --resume' || fail "no resume hint after quitting"
[ "$(T display-message -p -t "$session" '#{alternate_on}')" = 0 ] || fail "terminal left in the alternate screen"
grep -Eq '(^| )icanon' "$tmp/stty" && grep -Eq '(^| )echo( |$)' "$tmp/stty" \
  || fail "terminal modes not restored: $(cat "$tmp/stty")"
for f in config.json events.jsonl checkpoint.json trials.csv; do [ -s "$tmp/run/$f" ] || fail "run file $f missing"; done
trials="$(grep -c '"type":"trial"' "$tmp/run/events.jsonl" || true)"
[ "$trials" -ge 3 ] || fail "expected at least 3 trial lines, got $trials"
grep -q '"type":"spec"' "$tmp/run/events.jsonl" || fail "spec changes not logged"
grep -q '"type":"stopped"' "$tmp/run/events.jsonl" || fail "quit did not log a clean stop"

# fnas --resume continues the run in the explorer from the next episode.
# A flag --resume ignores is said on the explorer's status line as it opens, not after it closes.
start "$FNAS" --resume "$tmp/run" --spec 1ms
wait_for 'ignoring --spec' 30
wait_for "resuming at episode $((trials + 1))|episode [0-9]+/300" 30
end=$((SECONDS + 60))
until (( $(screen | sed -nE 's/.*episode ([0-9]+)\/300.*/\1/p' | head -1) > trials )); do
  ((SECONDS < end)) || fail "the resumed run did not get past episode $trials"
  sleep 0.1
done
# This time stop it with SIGTERM (as a service manager or `kill` would): a clean stop like q.
shell="$(T display-message -p -t "$session" '#{pane_pid}')"
fnas_pid="$(pgrep -P "$shell" | head -1)"
[ -n "$fnas_pid" ] || fail "no fnas process under the pane's shell"
kill -TERM "$fnas_pid"
wait_for '^fnas exited [0-9]+' 60
screen | grep -q '^fnas exited 0' || fail "fnas did not exit 0 on SIGTERM"
screen | grep -q 'continue with: fnas --resume' || fail "no summary and resume hint after SIGTERM"
[ "$(T display-message -p -t "$session" '#{alternate_on}')" = 0 ] || fail "SIGTERM left the terminal in the alternate screen"
python3 - "$tmp/run/events.jsonl" <<'PY' || fail "resumed episodes are not 1..N without gaps"
import json, sys
eps = [json.loads(l)["trial"]["episode"] for l in open(sys.argv[1]) if '"type":"trial"' in l]
assert eps == list(range(1, len(eps) + 1)), eps
PY
trials="$(grep -c '"type":"trial"' "$tmp/run/events.jsonl" || true)"

# Replay: --print lists every trial; the explorer shows them read-only and quits with q.
printed="$("$FNAS" replay "$tmp/run" --print)"
[ "$(grep -c '^# *[0-9]' <<<"$printed")" -eq "$trials" ] || fail "replay --print should list $trials trials: $printed"
newest="$(grep '^# *[0-9]' <<<"$printed" | tail -1 | awk '{print $2}')"
start "$FNAS" replay "$tmp/run"
wait_for 'Controller samples' 30
wait_for "${newest//./\\.}" 10
T send-keys -t "$session" '='
T send-keys -t "$session" -l '10ms'
T send-keys -t "$session" Enter
wait_for 'spec 10ms' 10
T send-keys -t "$session" q
wait_for '^fnas exited 0' 20
cmp -s <(grep -c '"type":"trial"' "$tmp/run/events.jsonl") <(echo "$trials") || fail "replay changed the run"

# A directory that is not a run: clear message, exit 1.
set +e
err="$("$FNAS" replay "$tmp/nothing" 2>&1)"; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'no such directory' <<<"$err" || fail "replay of a missing directory: rc $rc: $err"
