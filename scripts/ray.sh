#!/usr/bin/env bash
# A Ray head on this machine, on loopback, for fnas's ray executor and its tests.
#
#   scripts/ray.sh start    make (once) a virtual environment with ray[default] and start a head
#   scripts/ray.sh stop     stop the head this script started, and nothing else
#   scripts/ray.sh status   say whether that head runs, and where (exit 3 when it does not)
#
# The head binds 127.0.0.1 (GCS, dashboard and Jobs API at http://127.0.0.1:$FNAS_RAY_DASHBOARD_PORT),
# with usage statistics off and --num-cpus given. Ray's client server still listens on the
# machine's own address; nothing of fnas connects to it (docs/executors.md). `ray stop` would stop
# every Ray process of the user, so this script starts the head in a session of its own and
# stop ends that session's processes only.
#
#   FNAS_RAY_VENV            the environment (default ${XDG_CACHE_HOME:-~/.cache}/fnas/ray-venv)
#   FNAS_RAY_STATE           what start recorded (default ${XDG_CACHE_HOME:-~/.cache}/fnas/ray-head)
#   FNAS_RAY_PORT            the GCS port (6390)
#   FNAS_RAY_DASHBOARD_PORT  the dashboard and Jobs API port (8265)
#   FNAS_RAY_CPUS            CPUs the head offers (default: the machine's cores)
#
# Idempotent: start with a head already running, or stop with none, says so and exits 0.
set -euo pipefail
version="2.60.0"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/fnas"
venv="${FNAS_RAY_VENV:-$cache/ray-venv}"
state="${FNAS_RAY_STATE:-$cache/ray-head}"
port="${FNAS_RAY_PORT:-6390}"
dashboard="${FNAS_RAY_DASHBOARD_PORT:-8265}"
cpus="${FNAS_RAY_CPUS:-$(nproc)}"
# Ray's temporary files hold Unix sockets, whose paths must stay short: not under the cache.
temp="${TMPDIR:-/tmp}/fnas-ray-$(id -u)-$dashboard"
say() { echo "ray.sh: $*" >&2; }

# Whether a process of session $1 is alive (zombies, dead but not yet reaped, do not count).
session_alive() {
  ps -e -o sid=,stat= | awk -v s="$1" '$1 == s && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# The session id of the head this script started, if its processes still run.
running_session() {
  [ -f "$state/session" ] || return 1
  local sid
  sid="$(cat "$state/session")"
  [ -n "$sid" ] && session_alive "$sid" && echo "$sid"
}

jobs_api_answers() {
  "$venv/bin/python" - "$1" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/version", timeout=2).read()
EOF
}

ensure_venv() {
  if [ -x "$venv/bin/ray" ] && "$venv/bin/python" -c "import ray; assert ray.__version__ == '$version'" 2>/dev/null; then
    return 0
  fi
  say "creating $venv (ray[default] $version, about 400 MiB)"
  mkdir -p "$(dirname "$venv")"
  if ! python3 -m venv "$venv" >&2; then
    say "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    return 1
  fi
  if ! "$venv/bin/python" -m pip install --quiet "ray[default]==$version" >&2; then
    say "could not install ray[default]==$version with pip into $venv"
    return 1
  fi
}

start() {
  if sid="$(running_session)"; then
    say "a head started by this script is running (session $sid): http://127.0.0.1:$(cat "$state/dashboard")"
    return 0
  fi
  ensure_venv
  mkdir -p "$state"
  rm -rf "$temp"
  # setsid: the head and every process it starts share a new session, which stop ends.
  if ! setsid -w bash -c 'echo $$ > "$1/session"; shift; exec "$@"' _ "$state" \
      "$venv/bin/ray" start --head --port "$port" --node-ip-address 127.0.0.1 \
      --dashboard-host 127.0.0.1 --dashboard-port "$dashboard" --disable-usage-stats \
      --num-cpus "$cpus" --temp-dir "$temp" >"$state/start.log" 2>&1 </dev/null; then
    say "ray start failed; its output:"
    cat "$state/start.log" >&2
    stop_session
    return 1
  fi
  echo "$dashboard" >"$state/dashboard"
  for _ in $(seq 1 600); do
    if jobs_api_answers "$dashboard"; then
      say "head running: Jobs API http://127.0.0.1:$dashboard, GCS 127.0.0.1:$port, $cpus CPUs"
      return 0
    fi
    sleep 0.1
  done
  say "the head started but its Jobs API did not answer at http://127.0.0.1:$dashboard within 60 s"
  stop_session
  return 1
}

# Ends every process of the recorded session: TERM, then KILL after 10 s.
stop_session() {
  [ -f "$state/session" ] || return 0
  local sid
  sid="$(cat "$state/session")"
  if [ -n "$sid" ]; then
    pkill -TERM -s "$sid" 2>/dev/null || true
    for _ in $(seq 1 100); do session_alive "$sid" || break; sleep 0.1; done
    pkill -KILL -s "$sid" 2>/dev/null || true
  fi
  rm -f "$state/session" "$state/dashboard"
  rm -rf "$temp"
}

stop() {
  if ! running_session >/dev/null; then
    say "no head started by this script is running"
    stop_session
    return 0
  fi
  stop_session
  say "stopped the head this script started"
}

status() {
  if sid="$(running_session)" && jobs_api_answers "$(cat "$state/dashboard")"; then
    echo "running: Jobs API http://127.0.0.1:$(cat "$state/dashboard") (session $sid)"
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/ray.sh start|stop|status" >&2; exit 2 ;;
esac
