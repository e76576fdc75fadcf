#!/usr/bin/env python3
"""PyTorch CPU counterpart of `fnas-bench trainer`: the same three networks, batch sizes,
optimizer (Adam, lr 1e-3), data and step counts, timed the same way: batch size over the
median time of full forward + backward + Adam steps, after 10 warm-up steps for (a) and 3 for
(b) and (c) (oneDNN builds its kernels during the first steps).

    python3 Benchmarks/pytorch/bench.py [--threads 2] [--accuracy]

Needs torch and numpy (e.g. `pip install torch==2.13.0+cpu numpy`, the CPU-only wheel).
Data: the full Fashion-MNIST from /usr/share/datasets/fashion-mnist (Debian dataset-fashion-mnist),
or the subset embedded in ChildTrainer. Network (c) reads the images zero-padded (in normalised
units) to 32x32 and repeated over 3 channels, as in the Swift benchmark.

    python3 Benchmarks/pytorch/bench.py --child k3f16,k3f32s2 --input 28x28x1 --batch 64

times one epoch of an fnas child written as PyTorch users write it (nn.Conv2d(cin, f, k,
stride=s, padding=k//2), BatchNorm2d, ReLU, AdaptiveAvgPool2d, Linear): the PyTorch side of
`make bench-trainer` (Benchmarks/trainer-vs-pytorch.py), matching `fnas-bench trainer-child`
(the first 6,000 training images after 3 untimed warm-up steps, only the training steps timed).
"""
import argparse
import gzip
import os
import re
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM = "/usr/share/datasets/fashion-mnist"
EMBEDDED = os.path.join(HERE, "..", "..", "Sources", "ChildTrainer", "Resources", "fashion-mnist-subset")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims:], dtype=np.uint8).reshape(shape)


def load():
    folder = SYSTEM if os.path.isdir(SYSTEM) else EMBEDDED
    x = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255
    y = read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    tx = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255
    ty = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    mean, std = x.mean(), x.std()
    norm = lambda a: torch.from_numpy(((a - mean) / std)[:, None, :, :].copy())
    return folder, norm(x), torch.from_numpy(y.copy()), norm(tx), torch.from_numpy(ty.copy())


class SameConv(nn.Module):
    """Conv with TensorFlow 'same' padding (extra zero on the bottom/right when odd), as fnas pads."""

    def __init__(self, cin, cout, k, stride, size, bias):
        super().__init__()
        out = (size + stride - 1) // stride
        total = max((out - 1) * stride + k - size, 0)
        self.pad = (total // 2, total - total // 2, total // 2, total - total // 2)
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, bias=bias)

    def forward(self, x):
        return self.conv(F.pad(x, self.pad))


def child(size, channels, layers):
    """conv -> BN -> ReLU per layer, global average pooling, dense(10): fnas's child network."""
    mods, cin = [], channels
    for k, f, s in layers:
        mods += [SameConv(cin, f, k, s, size, bias=False), nn.BatchNorm2d(f), nn.ReLU()]
        size, cin = (size + s - 1) // s, f
    mods += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10)]
    return nn.Sequential(*mods)


def idiomatic_child(channels, layers):
    """fnas's child as its users write it in PyTorch: padding=k//2, not fnas's 'same' padding."""
    mods, cin = [], channels
    for k, f, s in layers:
        mods += [nn.Conv2d(cin, f, k, stride=s, padding=k // 2, bias=False), nn.BatchNorm2d(f), nn.ReLU()]
        cin = f
    mods += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10)]
    return nn.Sequential(*mods)


def parse_layers(text):
    """`k3f16,k3f32s2` -> [(3, 16, 1), (3, 32, 2)] (fnas's compact layer syntax, same padding only)."""
    out = []
    for item in text.split(","):
        m = re.fullmatch(r"k(\d+)f(\d+)(?:s(\d+))?", item)
        if not m:
            raise SystemExit(f"bench.py: --child: {item!r} is not kKfF or kKfFsS")
        out.append((int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)))
    return out


def epoch_images_per_second(net, x, y, batch, images=6000, warmup=3):
    """Images over the summed step times of one pass over the first `images` images."""
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()

    def step(lo):
        xb, yb = x[lo:lo + batch], y[lo:lo + batch]
        start = time.perf_counter()
        opt.zero_grad()
        F.cross_entropy(net(xb), yb).backward()
        opt.step()
        return time.perf_counter() - start

    for s in range(warmup):
        step((s * batch) % (images - batch))
    steps = images // batch
    seconds = sum(step(i * batch) for i in range(steps))
    return steps * batch / seconds


def lenet():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(7 * 7 * 64, 10))


def images_per_second(net, x, y, batch, steps, warmup=2):
    """Batch size over the median step time (robust to other processes on a shared machine)."""
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    times = []
    for step in range(warmup + steps):
        start = time.perf_counter()
        lo = (step * batch) % max(len(x) - batch, 1)
        xb, yb = x[lo:lo + batch], y[lo:lo + batch]
        opt.zero_grad()
        F.cross_entropy(net(xb), yb).backward()
        opt.step()
        if step >= warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    return batch / times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=None,
                        help="untimed steps before timing (default 10 for (a), 3 for (b) and (c), as fnas-bench)")
    parser.add_argument("--accuracy", action="store_true", help="also train (a) one epoch and print test accuracy")
    parser.add_argument("--child", help="time one epoch of this fnas child (compact layers) and print images/s")
    parser.add_argument("--input", default="28x28x1", help="with --child: 28x28x1 or 32x32x3")
    parser.add_argument("--batch", type=int, default=64, help="with --child: batch size")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    folder, x, y, tx, ty = load()
    if args.child:
        if args.input == "28x28x1":
            xs = x[:6000]
        elif args.input == "32x32x3":
            xs = F.pad(x[:6000], (2, 2, 2, 2)).repeat(1, 3, 1, 1).contiguous()
        else:
            raise SystemExit(f"bench.py: --input must be 28x28x1 or 32x32x3 (got {args.input})")
        net = idiomatic_child(xs.shape[1], parse_layers(args.child))
        print(f"images/s {epoch_images_per_second(net, xs, y[:6000], args.batch):.1f}")
        return
    print(f"torch {torch.__version__}; data {folder}; {args.threads} threads")
    x32 = F.pad(x[:4096], (2, 2, 2, 2)).repeat(1, 3, 1, 1).contiguous()
    cases = [
        ("(a) LeNet-like 28x28x1, batch 64", lenet(), x, y, 64, 60, 10),
        ("(b) FNAS-MNIST 4 x k7f18 28x28x1, batch 256", child(28, 1, [(7, 18, 1)] * 4), x, y, 256, 6, 3),
        ("(c) CIFAR-space k3f36,k5f48s2,k3f64,k7f36,k1f64s2,k3f48 32x32x3, batch 128",
         child(32, 3, [(3, 36, 1), (5, 48, 2), (3, 64, 1), (7, 36, 1), (1, 64, 2), (3, 48, 1)]), x32, y[:4096], 128, 10, 3),
    ]
    for name, net, xs, ys, batch, steps, warmup in cases:
        rate = images_per_second(net, xs, ys, batch, steps, warmup if args.warmup is None else args.warmup)
        print(f"{name}: {rate:.0f} images/s")
    if args.accuracy:
        net = lenet()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        g = torch.Generator().manual_seed(1)
        order = torch.randperm(len(x), generator=g)
        held = len(x) // 12
        train_idx = order[held:]
        start = time.perf_counter()
        net.train()
        for lo in range(0, len(train_idx), 64):
            idx = train_idx[lo:lo + 64]
            opt.zero_grad()
            F.cross_entropy(net(x[idx]), y[idx]).backward()
            opt.step()
        seconds = time.perf_counter() - start
        net.eval()
        with torch.no_grad():
            acc = (net(tx).argmax(1) == ty).float().mean().item()
        print(f"(a) one epoch on {folder}: test accuracy {acc * 100:.1f}%, "
              f"{len(train_idx) / seconds:.0f} images/s")


if __name__ == "__main__":
    main()
