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
"""
import argparse
import gzip
import os
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
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    folder, x, y, tx, ty = load()
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
