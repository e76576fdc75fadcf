#!/usr/bin/env python3
"""`make bench-trainer` (issue 17): fnas's trainer against PyTorch, child by child.

For each child `fnas-bench trainer-cases` lists (the issue's three and one child of each preset
space), runs `fnas-bench trainer-child` and `Benchmarks/pytorch/bench.py --child` alternately,
ROUNDS times (3), and prints images/s for both (min / median / max) and the ratio of the
medians. Both time one epoch of the first 6,000 Fashion-MNIST training images on 2 threads,
only the training steps. PyTorch runs from the environment scripts/torch-venv.sh makes outside
the checkout; when it cannot be made, the fnas figures are printed alone, with a loud note.

    python3 Benchmarks/trainer-vs-pytorch.py [--rounds 3] [--bench PATH/fnas-bench] [--cases a,b]
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def images_per_second(command):
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    for line in out.stdout.splitlines():
        if line.startswith("images/s "):
            return float(line.split()[1])
    raise SystemExit(f"trainer-vs-pytorch: {' '.join(command)} printed no figure:\n{out.stdout}{out.stderr}")


def spread(values):
    return f"{min(values):,.0f} / {statistics.median(values):,.0f} / {max(values):,.0f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "fnas-bench"))
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    args = parser.parse_args()

    listing = subprocess.run([args.bench, "trainer-cases"], capture_output=True, text=True, check=True).stdout
    cases = [line.split("\t") for line in listing.splitlines() if line.strip()]
    if args.cases:
        wanted = args.cases.split(",")
        cases = [c for c in cases if c[0] in wanted]

    venv = subprocess.run(["bash", os.path.join(ROOT, "scripts", "torch-venv.sh")], capture_output=True, text=True)
    python = venv.stdout.strip().splitlines()[-1] if venv.returncode == 0 and venv.stdout.strip() else None
    if python is None:
        print("=" * 72)
        print("PYTORCH UNAVAILABLE: scripts/torch-venv.sh failed, so only fnas is measured:")
        print(venv.stderr.strip())
        print("=" * 72)
    else:
        version = subprocess.run([python, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True).stdout.strip()
        print(f"PyTorch {version} from {python}")
    print(f"{args.rounds} rounds, fnas and PyTorch alternately; one epoch of 6,000 Fashion-MNIST images, 2 threads each")

    fnas = {c[0]: [] for c in cases}
    torch = {c[0]: [] for c in cases}
    for round_ in range(args.rounds):
        for name, shape, layers, batch in cases:
            fnas[name].append(images_per_second([args.bench, "trainer-child", shape, layers, batch]))
            if python:
                torch[name].append(images_per_second([python, os.path.join("Benchmarks", "pytorch", "bench.py"),
                                                      "--child", layers, "--input", shape, "--batch", batch, "--threads", "2"]))
            print(f"  round {round_ + 1}: {name}: fnas {fnas[name][-1]:,.0f}"
                  + (f", PyTorch {torch[name][-1]:,.0f}" if python else "") + " images/s", flush=True)

    print()
    print("| child | input | batch | fnas images/s (min / median / max) | PyTorch images/s | fnas / PyTorch (median) |")
    print("|---|---|---|---|---|---|")
    ratios = []
    for name, shape, layers, batch in cases:
        f = fnas[name]
        t = torch[name]
        ratio = statistics.median(f) / statistics.median(t) if t else None
        if ratio:
            ratios.append(ratio)
        print(f"| {name}: {layers} | {shape} | {batch} | {spread(f)} | {spread(t) if t else 'n/a'} | "
              + (f"{ratio:.2f}x" if ratio else "n/a") + " |")
    if ratios:
        print()
        print(f"fnas / PyTorch over the children: min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x, "
              f"max {max(ratios):.2f}x (target: >= 1.0x on every child)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
