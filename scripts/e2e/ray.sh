#!/usr/bin/env bash
# scripts/ray.sh for real: start a loopback head (on ports of its own and with its own state, so
# a head the user started is never touched), run a job through the Jobs REST API, check that a
# second submission with the same id is refused (what lets a resumed search re-attach instead
# of training a child twice), stop the head, and check that stop ended its processes and
# nothing else. When Ray cannot be installed here it says so loudly and passes.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp="$(mktemp -d)"
export FNAS_RAY_STATE="$tmp/state" FNAS_RAY_PORT=6397 FNAS_RAY_DASHBOARD_PORT=8297 FNAS_RAY_CPUS=1
api="http://127.0.0.1:$FNAS_RAY_DASHBOARD_PORT"
decoy=""
cleanup() {
  bash scripts/ray.sh stop >/dev/null 2>&1 || true
  [ -z "$decoy" ] || kill "$decoy" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "ray.sh (e2e): $*" >&2; exit 1; }

if ! bash scripts/ray.sh start 2>"$tmp/start.err"; then
  if grep -q -e "could not install ray" -e "venv failed" "$tmp/start.err"; then
    echo "ray.sh (e2e): SKIPPED, RAY COULD NOT BE INSTALLED HERE: $(tail -1 "$tmp/start.err")" >&2
    exit 0
  fi
  cat "$tmp/start.err" >&2
  fail "scripts/ray.sh start failed"
fi
python="${FNAS_RAY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/fnas/ray-venv}/bin/python"
sid="$(cat "$FNAS_RAY_STATE/session")"
bash scripts/ray.sh status | grep -q "^running: Jobs API $api" || fail "status does not say the head runs"
bash scripts/ray.sh start 2>&1 | grep -q "is running" || fail "a second start did not find the running head"

# A process of another session that looks like Ray: stop must leave it alone.
setsid bash -c 'exec -a ray-decoy sleep 300' &
decoy=$!

# The Jobs REST API: submit, poll, read the logs; the same submission id again is refused.
"$python" - "$api" <<'EOF' || fail "the Jobs API check failed"
import json, sys, time, urllib.error, urllib.request
api = sys.argv[1]
def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(api + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
job = {"entrypoint": "echo fnas-e2e-hello", "submission_id": "fnas-e2e-1", "entrypoint_num_cpus": 1}
status, body = call("POST", "/api/jobs/", job)
assert status == 200 and json.loads(body)["submission_id"] == "fnas-e2e-1", (status, body)
deadline = time.time() + 60
while True:
    state = json.loads(call("GET", "/api/jobs/fnas-e2e-1")[1])["status"]
    if state in ("SUCCEEDED", "FAILED", "STOPPED"):
        break
    assert time.time() < deadline, f"job still {state} after 60 s"
    time.sleep(0.2)
assert state == "SUCCEEDED", state
assert "fnas-e2e-hello" in json.loads(call("GET", "/api/jobs/fnas-e2e-1/logs")[1])["logs"]
status, body = call("POST", "/api/jobs/", job)
assert status != 200 and "already exists" in body, (status, body[-300:])
EOF

bash scripts/ray.sh stop 2>&1 | grep -q "stopped the head" || fail "stop did not say it stopped the head"
! ps -e -o sid=,stat= | awk -v s="$sid" '$1 == s && $2 !~ /^Z/' | grep -q . \
  || fail "processes of the head's session are still running: $(ps -e -o sid=,pid=,stat=,args= | awk -v s="$sid" '$1 == s')"
kill -0 "$decoy" 2>/dev/null || fail "stop killed a process it did not start"
if bash scripts/ray.sh status >/dev/null; then fail "status still says running after stop"; fi
! "$python" -c "import urllib.request; urllib.request.urlopen('$api/api/version', timeout=2)" 2>/dev/null \
  || fail "the Jobs API still answers after stop"
bash scripts/ray.sh stop 2>&1 | grep -q "no head started by this script" || fail "a second stop was not a no-op"
