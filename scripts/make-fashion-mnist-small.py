#!/usr/bin/env python3
"""Makes the bundled Fashion-MNIST subset (learnchain-learn resources) from the full data set.

Takes, in file order, the first PER_CLASS_TRAIN images of each class from the training files and
the first PER_CLASS_TEST of each class from the test files, and writes them as gzip IDX files with
a fixed gzip header (mtime 0, no file name), so running it again gives the same bytes.

Usage: scripts/make-fashion-mnist-small.py [SOURCE_DIR] [TARGET_DIR]
SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).
"""
import gzip
import hashlib
import io
import struct
import sys

PER_CLASS_TRAIN = 600
PER_CLASS_TEST = 100
SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
DST = sys.argv[2] if len(sys.argv) > 2 else \
    "learnchain-learn/src/main/resources/io/learnchain/learn/data/fashion-mnist-small"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    assert data[0] == 0 and data[1] == 0 and data[2] == 8, path
    rank = data[3]
    dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
    return dims, data[4 + 4 * rank:]


def write_idx(path, dims, payload):
    raw = bytes([0, 0, 8, len(dims)]) + struct.pack(">" + "i" * len(dims), *dims) + payload
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(raw)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    print(path, len(buf.getvalue()), "bytes, sha256", hashlib.sha256(buf.getvalue()).hexdigest())


def subset(prefix, per_class, out_prefix):
    idims, images = read_idx(f"{SRC}/{prefix}-images-idx3-ubyte.gz")
    _, labels = read_idx(f"{SRC}/{prefix}-labels-idx1-ubyte.gz")
    size = idims[1] * idims[2]
    taken = [0] * 10
    keep = []
    for i, label in enumerate(labels):
        if taken[label] < per_class:
            taken[label] += 1
            keep.append(i)
    write_idx(f"{DST}/{out_prefix}-images-idx3-ubyte.gz", (len(keep), idims[1], idims[2]),
              b"".join(images[i * size:(i + 1) * size] for i in keep))
    write_idx(f"{DST}/{out_prefix}-labels-idx1-ubyte.gz", (len(keep),), bytes(labels[i] for i in keep))


subset("train", PER_CLASS_TRAIN, "train")
subset("t10k", PER_CLASS_TEST, "t10k")
