#!/usr/bin/env python3
"""Builds the Fashion-MNIST subset embedded in ChildTrainer (Sources/ChildTrainer/Resources/fashion-mnist-subset).

A balanced, deterministic selection: the first 1,000 images of each class from the training
file and the first 200 of each class from the test file, kept in their original order, written
as IDX gzip files with a zero timestamp so that re-running the script gives identical bytes.

Usage: scripts/make-fashion-mnist-subset.py [SOURCE_DIR] [OUTPUT_DIR]
(defaults: /usr/share/datasets/fashion-mnist and the resource folder)
"""
import gzip
import os
import struct
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "Sources", "ChildTrainer", "Resources", "fashion-mnist-subset")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def write_idx(path, magic, shape, payload):
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * len(shape), *shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + payload)


def subset(prefix, per_class, out_prefix):
    (count, rows, cols), images = read_idx(os.path.join(SOURCE, prefix + "-images-idx3-ubyte.gz"))
    (label_count,), labels = read_idx(os.path.join(SOURCE, prefix + "-labels-idx1-ubyte.gz"))
    assert count == label_count
    taken = {c: 0 for c in range(10)}
    chosen = []
    for i in range(count):
        c = labels[i]
        if taken[c] < per_class:
            taken[c] += 1
            chosen.append(i)
    size = rows * cols
    image_bytes = b"".join(images[i * size:(i + 1) * size] for i in chosen)
    label_bytes = bytes(labels[i] for i in chosen)
    write_idx(os.path.join(OUTPUT, out_prefix + "-images-idx3-ubyte.gz"), 0x803, (len(chosen), rows, cols), image_bytes)
    write_idx(os.path.join(OUTPUT, out_prefix + "-labels-idx1-ubyte.gz"), 0x801, (len(chosen),), label_bytes)
    print(f"{out_prefix}: {len(chosen)} images, {per_class} per class")


os.makedirs(OUTPUT, exist_ok=True)
subset("train", 1000, "train")
subset("t10k", 200, "t10k")
