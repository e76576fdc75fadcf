#!/usr/bin/env python3
"""Key-to-screen latency of the explorer while a child trains on both cores.

Starts the release `fnas` explorer in a private tmux server, waits until a child is training,
then presses `z` (zoom / unzoom the focused pane) N times and times how long each press
takes to change the screen, polling tmux's capture-pane. Then replays a run of 10,000 children
(made headless first, every child pruned at a 1 ns spec: no training, but 10,000 durable
log lines, several minutes), opens the trials
table (`T`) and times `s` (sort by the next column: every frame filters and sorts all 10,000).
The figures include tmux's own round trips, so they are upper bounds on fnas's own latency.
Target: p99 under 50 ms.

Usage: python3 Benchmarks/key-latency.py [path/to/fnas] [presses]
(`make bench-keys` builds the release binary and runs it.)
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

fnas = sys.argv[1] if len(sys.argv) > 1 else ".build/release/fnas"
presses = int(sys.argv[2]) if len(sys.argv) > 2 else 40
server = ["tmux", "-L", f"fnas-keys-{os.getpid()}"]
out = tempfile.mkdtemp(prefix="fnas-keys-")


def screen():
    return subprocess.run(server + ["capture-pane", "-p", "-t", "0"], capture_output=True, text=True).stdout


def timed_press(key, changed, pause):
    """Sends `key` and returns the milliseconds until `changed(screen before, screen now)`."""
    before = screen()
    start = time.time()
    subprocess.run(server + ["send-keys", "-t", "0", key], check=True)
    while not changed(before, screen()):
        if time.time() - start > 2:
            break
    elapsed = (time.time() - start) * 1000
    time.sleep(pause)
    return elapsed


def expanded(text):
    # The overview draws five pane boxes; an expanded pane draws one.
    return text.count("┌") < 3


try:
    subprocess.run(server + ["new-session", "-d", "-x", "140", "-y", "44",
                             f"LANG=C.UTF-8 {os.path.abspath(fnas)} --out {out}/run --episodes 500 --spec 1ms"], check=True)
    deadline = time.time() + 120
    while "training child" not in screen():
        if time.time() > deadline:
            sys.exit("key-latency: no child started training within 120 s")
        time.sleep(0.05)
    times, training = [], 0
    for _ in range(presses):
        training += "training child" in screen()
        times.append(timed_press("z", lambda before, now: expanded(now) != expanded(before), 0.1))
    times.sort()
    print(f"key to screen over {presses} presses ({training} while a child trained): "
          f"median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms")

    # The trials table over 10,000 children, in a replay (the live search is stopped first, so
    # that making the run does not share the cores with it).
    subprocess.run(server + ["send-keys", "-t", "0", "q"], capture_output=True)
    time.sleep(1)
    subprocess.run(server + ["kill-server"], capture_output=True)
    subprocess.run([os.path.abspath(fnas), "search", "--headless", "--episodes", "10000", "--spec", "0.001us",
                    "--out", f"{out}/big"], check=True, capture_output=True)
    subprocess.run(server + ["new-session", "-d", "-x", "140", "-y", "44",
                             f"LANG=C.UTF-8 {os.path.abspath(fnas)} replay {out}/big"], check=True)
    subprocess.run(server + ["send-keys", "-t", "0", "T"], check=True)
    deadline = time.time() + 60
    while "Trials: 10000 of 10000" not in screen():
        if time.time() > deadline:
            sys.exit("key-latency: the trials table of 10,000 children did not open within 60 s")
        time.sleep(0.05)
    def title(text):
        return next((line for line in text.splitlines() if "Trials:" in line), "")
    times = sorted(timed_press("s", lambda before, now: title(now) != title(before), 0.05) for _ in range(presses))
    print(f"trials table of 10,000 children, s (sort) over {presses} presses: median {statistics.median(times):.1f} ms, "
          f"p90 {times[int(len(times) * 0.9)]:.1f} ms, p99 {times[min(len(times) - 1, int(len(times) * 0.99))]:.1f} ms, "
          f"max {times[-1]:.1f} ms")
finally:
    subprocess.run(server + ["send-keys", "-t", "0", "q"], capture_output=True)
    time.sleep(1)
    subprocess.run(server + ["kill-server"], capture_output=True)
    shutil.rmtree(out, ignore_errors=True)
