#!/usr/bin/python3
"""Regenerates the fixtures of the measures beyond linear reconstruction (issue #16): seeded
random inputs (*.npy) and expected.json, every value computed the slow, independent way:
  * CKA / debiased CKA from the n x n Gram matrices (Kornblith et al. 2019; unbiased HSIC of
    Song et al. 2012 written out term by term);
  * Procrustes angle as arccos of the nuclear norm (numpy SVD), no residual trick;
  * information imbalance from brute-force ranks (stable argsort of exact distances);
  * TwoNN as DADApy's compute_id_2NN(fraction=0.9): sorted log(r2/r1), least squares through
    the origin of -log(1 - i/N), duplicates removed with numpy.unique;
  * kernel GFRE by forming the Nystrom features explicitly and running the team's numpy GFRE
    (shared/tools/ref_fre.py) on them.
Run from this folder with Debian's python3-numpy: /usr/bin/python3 make_fixtures.py
(REF_FRE=/path/to/ref_fre.py when the shared folder is elsewhere)."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

def find_ref_fre():
    """The first shared/tools/ref_fre.py in a parent folder (the checkout sits beside shared/)."""
    folder = os.path.dirname(os.path.abspath(__file__))
    while folder != os.path.dirname(folder):
        folder = os.path.dirname(folder)
        candidate = os.path.join(folder, "shared", "tools", "ref_fre.py")
        if os.path.exists(candidate):
            return candidate
    raise SystemExit("ref_fre.py not found: set REF_FRE")


REF = os.environ.get("REF_FRE") or find_ref_fre()
rng = np.random.RandomState(20261204)
expected = {}


def save(name, a):
    np.save(name, a)
    return name


# ------------------------------------------------------------------ slow references
def centred(X):
    return X - X.mean(axis=0)


def cka_gram(X, Y):
    n = len(X)
    H = np.eye(n) - np.ones((n, n)) / n
    K, L = X @ X.T, Y @ Y.T  # uncentred: H does the centring
    hsic = lambda A, B: np.trace(A @ H @ B @ H) / (n - 1) ** 2
    return hsic(K, L) / np.sqrt(hsic(K, K) * hsic(L, L))


def hsic_unbiased(K, L):
    n = len(K)
    Kt, Lt = K - np.diag(np.diag(K)), L - np.diag(np.diag(L))
    one = np.ones(n)
    term1 = np.trace(Kt @ Lt)
    term2 = (one @ Kt @ one) * (one @ Lt @ one) / ((n - 1) * (n - 2))
    term3 = 2.0 / (n - 2) * (one @ Kt @ Lt @ one)
    return (term1 + term2 - term3) / (n * (n - 3))


def dcka_gram(X, Y):
    Xc, Yc = centred(X), centred(Y)
    K, L = Xc @ Xc.T, Yc @ Yc.T
    return hsic_unbiased(K, L) / np.sqrt(hsic_unbiased(K, K) * hsic_unbiased(L, L))


def procrustes_angle(X, Y):
    Xc, Yc = centred(X), centred(Y)
    Xc, Yc = Xc / np.linalg.norm(Xc), Yc / np.linalg.norm(Yc)
    nuclear = np.linalg.svd(Xc.T @ Yc, compute_uv=False).sum()
    return float(np.arccos(min(1.0, nuclear)))


def sq_dist(A):
    return ((A[:, None, :] - A[None, :, :]) ** 2).sum(axis=2)


def information_imbalance(A, B):
    n = len(A)
    dA, dB = sq_dist(A), sq_dist(B)
    total = 0
    for i in range(n):
        others = np.array([j for j in range(n) if j != i])
        nn = others[np.argsort(dA[i, others], kind="stable")[0]]
        order = others[np.argsort(dB[i, others], kind="stable")]
        total += int(np.flatnonzero(order == nn)[0]) + 1
    return 2.0 * total / n ** 2


def twonn(X, fraction=0.9):
    _, first = np.unique(X, axis=0, return_index=True)
    P = X[np.sort(first)]
    d = np.sqrt(sq_dist(P))
    np.fill_diagonal(d, np.inf)
    d.sort(axis=1)
    mus = np.log(d[:, 1] / d[:, 0])
    N = len(mus)
    n_eff = int(N * fraction)
    x = np.sort(mus)[:n_eff]
    y = -np.log(1 - np.arange(1, n_eff + 1) / N)
    return float(x @ y / (x @ x)), len(X) - N


def default_split(n):
    perm = np.random.RandomState(0x5F3759DF).permutation(n)
    n_test = (n + 1) // 2
    return perm[n_test:n_test + n // 2], perm[:n_test]


def flexible(train, test):
    mu = train.mean(axis=0)
    s = np.sqrt(((train - mu) ** 2).mean(axis=0).sum())
    return (train - mu) / s, (test - mu) / s


def nystrom(Ltr, rows, gamma):
    k = lambda A, B: np.exp(-gamma * ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2))
    lam, U = np.linalg.eigh(k(Ltr, Ltr))
    keep = lam > 1e-12 * lam.max()
    return k(rows, Ltr) @ U[:, keep] / np.sqrt(lam[keep])


def kernel_gfre(X, Y, landmark_pos=None, n_landmarks=None, gamma=None, seed=0):
    """Returns (value, pointwise, gamma) on the default split; landmarks as positions in train."""
    tr, te = default_split(len(X))
    Xtr, Xte = flexible(X[tr], X[te])
    if landmark_pos is None:
        landmark_pos = np.random.RandomState(seed).permutation(len(tr))[:n_landmarks]
    L = Xtr[landmark_pos]
    if gamma is None:
        iu = np.triu_indices(len(L), 1)
        gamma = 1.0 / np.median(sq_dist(L)[iu])
    phi = np.zeros((len(X), nystrom(L, L[:1], gamma).shape[1]))
    phi[tr] = nystrom(L, Xtr, gamma)
    phi[te] = nystrom(L, Xte, gamma)
    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, "phi.npy"), phi)
        pw = os.path.join(tmp, "pw.npy")
        res = json.loads(subprocess.check_output([sys.executable, REF, "gfre", os.path.join(tmp, "phi.npy"),
                                                  Y_path_for(Y, tmp), "--pointwise", pw]))
        return res["value"], np.load(pw), gamma


def Y_path_for(Y, tmp):
    p = os.path.join(tmp, "y.npy")
    np.save(p, Y)
    return p


# ------------------------------------------------------------------ inputs
# Three related sets on the same 80 rows: B is a non-linear function of A, C partly shared.
A = rng.normal(size=(80, 6))
B = np.tanh(A @ rng.normal(size=(6, 4))) + 0.05 * rng.normal(size=(80, 4))
C = np.hstack([A[:, :2] ** 2, rng.normal(size=(80, 7))])
for name, M in (("A", A), ("B", B), ("C", C)):
    save(f"set_{name}.npy", M)
sets = {"A": A, "B": B, "C": C}
# 80 one-atom frames, so that `compare rows80.extxyz set_A.npy set_B.npy set_C.npy` loads them per atom.
with open("rows80.extxyz", "w") as f:
    for i in range(80):
        f.write('1\nProperties=species:S:1:pos:R:3 pbc="F F F"\nH 0.0 0.0 0.0\n')

# Unit-level expectations on all rows.
pairs = {}
for s in "ABC":
    for t in "ABC":
        pairs[f"{s}{t}"] = {"cka": cka_gram(sets[s], sets[t]), "dcka": dcka_gram(sets[s], sets[t]),
                            "procrustes": procrustes_angle(sets[s], sets[t]),
                            "ii": information_imbalance(sets[s], sets[t])}
expected["all_rows"] = pairs

# The all-pairs engine: default split; ii and id on the scaled test rows, kgfre with 30 landmarks.
tr, te = default_split(80)
save("test_row_landmarks.npy", np.array([te[0], tr[0]], dtype=np.int64))  # a test row: must be refused
test_rows = {k: flexible(v[tr], v[te])[1] for k, v in sets.items()}
engine = {"ii": {}, "id": {}, "kgfre": {}, "kgfre_gamma": {}}
for s in "ABC":
    engine["id"][s] = twonn(test_rows[s])[0]
    for t in "ABC":
        engine["ii"][f"{s}{t}"] = information_imbalance(test_rows[s], test_rows[t])
        value, _, gamma = kernel_gfre(sets[s], sets[t], n_landmarks=30)
        engine["kgfre"][f"{s}{t}"] = value
        engine["kgfre_gamma"][s] = gamma
expected["engine"] = engine

# Kernel GFRE alone, with its pointwise values: explicit landmarks (dataset rows) and gamma.
X = rng.uniform(-1, 1, size=(120, 5))
Y = np.column_stack([np.sin(3 * X[:, 0]) * X[:, 1], np.exp(-X[:, 2] ** 2), X[:, 3] * X[:, 4]])
save("kgfre_X.npy", X)
save("kgfre_Y.npy", Y)
tr, _ = default_split(120)
landmark_rows = tr[[3, 7, 11, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 2, 5, 13]]
save("kgfre_landmark_rows.npy", landmark_rows.astype(np.int64))
pos = np.array([int(np.flatnonzero(tr == r)[0]) for r in landmark_rows])
value, pointwise, _ = kernel_gfre(X, Y, landmark_pos=pos, gamma=0.7)
save("kgfre_explicit_pointwise.npy", pointwise)
expected["kgfre_explicit"] = {"gamma": 0.7, "value": value}
value, pointwise, gamma = kernel_gfre(X, Y, n_landmarks=40, seed=3)
save("kgfre_auto_pointwise.npy", pointwise)
expected["kgfre_auto"] = {"landmarks": 40, "seed": 3, "gamma": gamma, "value": value}

# TwoNN with exact duplicates (rows 0..9 repeated) on a curved 3-D manifold in 8-D.
t = rng.uniform(0, 1, size=(150, 3))
M = np.column_stack([np.cos(2 * t[:, 0]), np.sin(2 * t[:, 0]), t[:, 1], t[:, 2] ** 2, t[:, 1] * t[:, 2],
                     np.zeros(150), t[:, 0] * t[:, 1], np.sin(t[:, 2])])
M = np.vstack([M, M[:10]])
save("twonn_dup.npy", M)
dim, dropped = twonn(M)
expected["twonn_dup"] = {"dimension": dim, "dropped": dropped}

# Information imbalance with ties: integer lattice coordinates (many equal distances).
P = rng.randint(0, 3, size=(30, 2)).astype(float)
Q = rng.randint(0, 3, size=(30, 3)).astype(float)
save("ii_ties_P.npy", P)
save("ii_ties_Q.npy", Q)
expected["ii_ties"] = {"PQ": information_imbalance(P, Q), "QP": information_imbalance(Q, P),
                       "PP": information_imbalance(P, P)}

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print("wrote expected.json")
