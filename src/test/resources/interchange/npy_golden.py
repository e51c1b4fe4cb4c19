#!/usr/bin/python3
"""Independent check of the workbench's .npy and projector TSV files with NumPy.

  npy_golden.py check DIR ROWS COLS   verify DIR/embeddings.npy, DIR/tensors.tsv, DIR/metadata.tsv and
                                      DIR/embeddings.csv written by the workbench; prints OK
  npy_golden.py make DIR ROWS COLS    write arrays in several NumPy layouts for the workbench to read

The expected value of cell (r, c) is float32(((r*31 + c*7) % 97) / 13.0 - 3.0).
"""
import csv
import sys

import numpy as np


def expected(rows, cols):
    r = np.arange(rows).reshape(-1, 1)
    c = np.arange(cols).reshape(1, -1)
    return (((r * 31 + c * 7) % 97) / 13.0 - 3.0).astype(np.float32)


def check(d, rows, cols):
    want = expected(rows, cols)
    a = np.load(d + "/embeddings.npy", allow_pickle=False)
    assert a.dtype == np.float32, a.dtype
    assert a.shape == (rows, cols), a.shape
    assert a.flags["C_CONTIGUOUS"]
    assert np.array_equal(a, want), "npy values differ"
    t = np.loadtxt(d + "/tensors.tsv", delimiter="\t", dtype=np.float32, ndmin=2)
    assert t.shape == (rows, cols), t.shape
    assert np.array_equal(t, want), "tsv values differ"
    with open(d + "/metadata.tsv", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0].split("\t") == ["id", "label", "modality", "speaker", "source"], lines[0]
    assert len(lines) == rows + 1, len(lines)
    for i, line in enumerate(lines[1:]):
        cells = line.split("\t")
        assert cells[0] == "i%d" % i, cells
        assert cells[1] == "label, \"%d\"" % i, cells
    with open(d + "/embeddings.csv", newline="", encoding="utf-8") as f:
        rd = list(csv.reader(f))
    assert rd[0][:5] == ["id", "label", "modality", "speaker", "source"]
    assert rd[0][5:] == ["d%d" % k for k in range(cols)]
    vals = np.array([[np.float32(x) for x in row[5:]] for row in rd[1:]], dtype=np.float32)
    assert np.array_equal(vals, want), "csv values differ"
    assert [row[1] for row in rd[1:]] == ["label, \"%d\"" % i for i in range(rows)]
    print("OK")


def make(d, rows, cols):
    want = expected(rows, cols)
    np.save(d + "/c_f4.npy", want)
    np.save(d + "/f_f4.npy", np.asfortranarray(want))
    np.save(d + "/c_f8.npy", want.astype(np.float64))
    np.save(d + "/be_f4.npy", want.astype(">f4"))
    np.save(d + "/one_d.npy", want[:, 0].copy())
    np.save(d + "/int.npy", np.arange(6, dtype=np.int32).reshape(2, 3))
    np.savetxt(d + "/tensors.tsv", want, delimiter="\t", fmt="%.9g")
    print("OK")


if __name__ == "__main__":
    mode, d, rows, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    {"check": check, "make": make}[mode](d, rows, cols)
