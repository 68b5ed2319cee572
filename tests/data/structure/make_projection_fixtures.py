"""Independent PCA / PCovR reference values for tests/core/test_projection.cpp.

PCovR is computed here in *sample space* (the n x n kernel form of skmatter's PCovR,
K = a X X^T + (1 - a) Yhat Yhat^T, T = U_k sqrt(S_k)), whereas the C++ core works in feature
space (d x d); the two agree only if both are right. PCA comes from numpy's SVD of the centred
data. Signs follow the documented convention: the eigenvector of the d x d matrix (PCA
covariance, PCovR modified covariance) has its largest-magnitude entry positive.

Run: /usr/bin/python3 make_projection_fixtures.py   (numpy only; writes the *.csv next to this file)
"""
import numpy as np

rng = np.random.RandomState(7)
n, d = 80, 6
mixing_matrix = rng.normal(size=(d, d)) * np.array([3.0, 2.0, 1.5, 1.0, 0.5, 0.2])[:, None]
X = rng.normal(size=(n, d)) @ mixing_matrix + 5.0
Y = X @ rng.normal(size=(d, 1)) + 0.3 * rng.normal(size=(n, 1)) + 2.0


def write(name, array):
    np.savetxt(name, np.atleast_2d(array), delimiter=",", fmt="%.17g")


def largest_positive(vectors):
    """Sign per column so that its largest-magnitude entry is positive."""
    idx = np.argmax(np.abs(vectors), axis=0)
    return np.sign(vectors[idx, np.arange(vectors.shape[1])])


write("projection_X.csv", X)
write("projection_Y.csv", Y)

# ---- PCA (centred, unscaled)
Xc = X - X.mean(axis=0)
_, s, vt = np.linalg.svd(Xc, full_matrices=False)
signs = largest_positive(vt.T)
components = vt.T * signs
write("pca_T.csv", Xc @ components[:, :2])
write("pca_ratio.csv", (s**2 / np.sum(s**2))[:2])
write("pca_variance.csv", (s**2 / (n - 1))[:2])

# ---- PCovR (StandardFlexibleScaler on X and Y, Ridge(1e-6) without intercept)
Xs = Xc / np.sqrt(np.sum(Xc**2) / n)
Yc = Y - Y.mean(axis=0)
Ys = Yc / np.sqrt(np.sum(Yc**2) / n)
W = np.linalg.solve(Xs.T @ Xs + 1e-6 * np.eye(d), Xs.T @ Ys)
Yhat = Xs @ W
write("pcovr_Yhat.csv", Yhat)

# C^{1/2} to express each sample-space component in feature space, for the sign only.
vC, UC = np.linalg.eigh(Xs.T @ Xs)
C_sqrt = UC @ np.diag(np.sqrt(vC)) @ UC.T
C_isqrt = UC @ np.diag(1 / np.sqrt(vC)) @ UC.T

for a in (0.0, 0.3, 0.5, 1.0):
    K = a * Xs @ Xs.T + (1 - a) * Yhat @ Yhat.T
    S, U = np.linalg.eigh(K)
    S, U = S[::-1][:2], U[:, ::-1][:, :2]
    k = 1 if a == 0.0 else 2  # at a = 0 a single property gives a single component
    T = U[:, :k] * np.sqrt(S[:k])
    # feature-space eigenvector V = C^{1/2} P S^{-1/2} with P = C^{-1/2} ... = pinv(Xs) T
    V = C_sqrt @ np.linalg.lstsq(Xs, T, rcond=None)[0] / np.sqrt(S[:k])
    T = T * largest_positive(V)
    write(f"pcovr_a{a}_T.csv", T)
    write(f"pcovr_a{a}_ratio.csv", S[:k] / S[:k].sum() if k == 2 else np.array([1.0]))
    write(f"pcovr_a{a}_variance.csv", S[:k] / (n - 1))

# ---- PCovR with fewer rows than features (sample space, as skmatter's space="auto"):
# signs make the largest-magnitude entry of each eigenvector of K positive.
Xw = rng.normal(size=(9, 14)) + 1.0
Yw = Xw[:, :3].sum(axis=1, keepdims=True) + 0.1 * rng.normal(size=(9, 1))
write("wide_X.csv", Xw)
write("wide_Y.csv", Yw)
Xwc = Xw - Xw.mean(axis=0)
Xws = Xwc / np.sqrt(np.sum(Xwc**2) / len(Xw))
Ywc = Yw - Yw.mean(axis=0)
Yws = Ywc / np.sqrt(np.sum(Ywc**2) / len(Yw))
Ww = np.linalg.solve(Xws.T @ Xws + 1e-6 * np.eye(Xw.shape[1]), Xws.T @ Yws)  # primal form
Yhat_w = Xws @ Ww
K = 0.5 * Xws @ Xws.T + 0.5 * Yhat_w @ Yhat_w.T
S, U = np.linalg.eigh(K)
S, U = S[::-1][:2], U[:, ::-1][:, :2]
U = U * largest_positive(U)
write("wide_pcovr_T.csv", U * np.sqrt(S))
write("wide_pcovr_ratio.csv", S / S.sum())

# ---- PCA with fewer rows than features (numpy SVD; the core uses the n x n Gram matrix)
_, s_w, vt_w = np.linalg.svd(Xwc, full_matrices=False)
comp_w = vt_w.T * largest_positive(vt_w.T)
write("wide_pca_T.csv", Xwc @ comp_w[:, :3])
write("wide_pca_ratio.csv", (s_w**2 / np.sum(s_w**2))[:3])
