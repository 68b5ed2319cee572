#!/usr/bin/python3
"""Regenerates the synthetic metric fixtures in generated/ (run from this folder with
Debian's python3-numpy): random and deliberately awkward inputs, and the values the
independent numpy reference ../../../../shared/tools/ref_fre.py computes for them
(the spec's algorithm, stable neighbour-tie rule). Output: generated/*.npy + expected.json."""
import json
import os
import subprocess
import sys

import numpy as np

REF = os.environ.get("REF_FRE", os.path.join(os.path.dirname(__file__), "../../../../shared/tools/ref_fre.py"))
OUT = "generated"
rng = np.random.RandomState(20261124)


def save(name, a):
    np.save(os.path.join(OUT, name), a)
    return name


def smooth_target(X, dy):
    M = rng.normal(size=(X.shape[1], dy))
    return np.tanh(X @ M / np.sqrt(X.shape[1])) + 0.05 * rng.normal(size=(len(X), dy))


cases = []


def case(name, measure, X, Y, k=None, extra=(), train=None, test=None, estimator=None):
    args = [sys.executable, REF, measure, os.path.join(OUT, X), os.path.join(OUT, Y)]
    if k:
        args += ["--k", str(k)]
    if train:
        args += ["--train-idx", os.path.join(OUT, train)]
    if test:
        args += ["--test-idx", os.path.join(OUT, test)]
    pw = save(f"{name}_{measure}_pointwise.npy", np.zeros(0))
    args += ["--pointwise", os.path.join(OUT, pw)] + list(extra)
    res = json.loads(subprocess.check_output(args))
    cases.append({"name": name, "measure": measure, "source": X, "target": Y, "k": k or 0,
                  "train_idx": train, "test_idx": test, "estimator": estimator or {"kind": "ridge2fold"},
                  "value": res["value"], "pointwise": pw})


# n < d: fewer rows than source columns.
X = save("small_n_X.npy", rng.normal(size=(40, 60)))
Y = save("small_n_Y.npy", smooth_target(np.load(os.path.join(OUT, X)), 10))
for m in ("gfre", "gfrd"):
    case("small_n", m, X, Y)
case("small_n", "lfre", X, Y, k=10)

# Rank-deficient source: 20 columns spanning a 5-dimensional space.
A = rng.normal(size=(100, 5)) @ rng.normal(size=(5, 20))
X = save("rankdef_X.npy", A)
Y = save("rankdef_Y.npy", smooth_target(A, 8))
for m in ("gfre", "gfrd"):
    case("rankdef", m, X, Y)
case("rankdef", "lfre", X, Y, k=15)

# Ill-conditioned: column scales from 1 down to 1e-10, target depends on the small ones.
B = rng.normal(size=(150, 12)) * np.logspace(0, -10, 12)
X = save("illcond_X.npy", B)
Y = save("illcond_Y.npy", np.hstack([B[:, 10:] * 1e9, np.tanh(B[:, :3])]))
for m in ("gfre", "gfrd"):
    case("illcond", m, X, Y)
case("illcond", "lfre", X, Y, k=30)
case("illcond_reverse", "gfre", Y, X)

# Source wider than target: GFRD in the padded space (skmatter raises here).
C = rng.normal(size=(100, 12))
X = save("wide_X.npy", C)
Y = save("wide_Y.npy", smooth_target(C, 4))
case("wide_to_narrow", "gfrd", X, Y)
case("wide_to_narrow", "gfre", X, Y)

# float32 input (the reference reads it as float64, as we do).
F = rng.normal(size=(90, 16)).astype(np.float32)
X = save("float32_X.npy", F)
Y = save("float32_Y.npy", smooth_target(F.astype(np.float64), 6).astype(np.float32))
case("float32", "gfre", X, Y)
case("float32", "lfre", X, Y, k=12)

# k larger than the train set: the neighbourhood is every train row.
G = rng.normal(size=(30, 6))
X = save("bigk_X.npy", G)
Y = save("bigk_Y.npy", smooth_target(G, 3))
case("k_above_ntrain", "lfre", X, Y, k=20)

# Duplicated points (identical source rows, different targets) and a constant column.
H = rng.normal(size=(60, 8))
H = np.vstack([H, H[:20]])
H[:, 3] = 2.5
X = save("dup_X.npy", H)
Y = save("dup_Y.npy", rng.normal(size=(80, 5)))
for m in ("gfre", "gfrd"):
    case("duplicates", m, X, Y)
case("duplicates", "lfre", X, Y, k=12)

# Explicit indices in a custom order (the CV folds follow that order).
J = rng.normal(size=(70, 9))
X = save("explicit_X.npy", J)
Y = save("explicit_Y.npy", smooth_target(J, 4))
train = save("explicit_train.npy", rng.permutation(70)[:45].astype(np.int64))
test = save("explicit_test.npy", np.setdiff1d(np.arange(70), np.load(os.path.join(OUT, train)))[::-1].copy())
case("explicit", "gfre", X, Y, train=train, test=test)
case("explicit", "lfre", X, Y, k=9, train=train, test=test)
case("explicit_train_only", "gfrd", X, Y, train=train)

# Other estimators on the same data.
case("tikhonov", "gfre", X, Y, extra=["--reg-method", "tikhonov"],
     estimator={"kind": "ridge2fold", "regularization": "tikhonov"})
case("lstsq", "gfre", "rankdef_X.npy", "rankdef_Y.npy", extra=["--regressor", "lstsq"],
     estimator={"kind": "lstsq"})
# Fixed ridge: relative alpha 1e-3 times the largest singular value of the scaled train block.
Xs = np.load(os.path.join(OUT, X))
perm = np.random.RandomState(0x5F3759DF).permutation(70)
tr = Xs[perm[35:]]
tr = (tr - tr.mean(0)) / np.sqrt(((tr - tr.mean(0)) ** 2).mean(0).sum())
smax = np.linalg.svd(tr, compute_uv=False)[0]
case("ridge_fixed", "gfre", X, Y, extra=["--regressor", "ridge", "--alpha", repr(1e-3 * smax)],
     estimator={"kind": "ridge", "relative_alpha": 1e-3})

# The CSD case of metrics.json under the stable tie rule (see README.md).
case("csd_stable_ties", "lfre", "../csd_soap.npy", "../csd_shielding.npy", k=50)

with open("expected.json", "w") as f:
    json.dump({"generator": "make_fixtures.py + shared/tools/ref_fre.py", "cases": cases}, f, indent=1)
print(len(cases), "cases")
