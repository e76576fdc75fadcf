#!/usr/bin/env python3
"""Key-to-screen latency of the explorer while a child trains on both cores.

Starts the release `fnas` explorer in a private tmux server, waits until a child is training,
then presses `e` (expand / collapse the focused pane) N times and times how long each press
takes to change the screen, polling tmux's capture-pane. The figure includes tmux's own round
trips, so it is an upper bound on fnas's own latency. Target: well under 50 ms.

Usage: python3 Benchmarks/key-latency.py [path/to/fnas] [presses]
(`make bench-keys` builds the release binary and runs it.)
"""
import os, statistics, subprocess, sys, tempfile, time

fnas = sys.argv[1] if len(sys.argv) > 1 else ".build/release/fnas"
presses = int(sys.argv[2]) if len(sys.argv) > 2 else 40
server = ["tmux", "-L", f"fnas-keys-{os.getpid()}"]
out = tempfile.mkdtemp(prefix="fnas-keys-")


def screen():
    return subprocess.run(server + ["capture-pane", "-p", "-t", "0"], capture_output=True, text=True).stdout


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
        before = screen()
        training += "training child" in before
        start = time.time()
        subprocess.run(server + ["send-keys", "-t", "0", "e"], check=True)
        while expanded(screen()) == expanded(before):
            if time.time() - start > 2:
                break
        times.append((time.time() - start) * 1000)
        time.sleep(0.1)
    times.sort()
    print(f"key to screen over {presses} presses ({training} while a child trained): "
          f"median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms")
finally:
    subprocess.run(server + ["send-keys", "-t", "0", "q"], capture_output=True)
    time.sleep(1)
    subprocess.run(server + ["kill-server"], capture_output=True)
