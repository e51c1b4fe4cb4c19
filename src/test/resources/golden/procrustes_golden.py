"""Golden values for Linalg.svd and orthogonal Procrustes, computed with numpy (LAPACK).

Run: /usr/bin/python3 procrustes_golden.py > procrustes_golden.json
"""
import json
import numpy as np

rng = np.random.default_rng(7)
out = {}
# SVD of a tall matrix and of an ill-conditioned square one
a = rng.standard_normal((9, 6))
out["svd_tall"] = dict(m=9, n=6, a=a.ravel().tolist(), s=np.linalg.svd(a, compute_uv=False).tolist())
q1, _ = np.linalg.qr(rng.standard_normal((8, 8)))
q2, _ = np.linalg.qr(rng.standard_normal((8, 8)))
b = q1 @ np.diag(np.logspace(0, -9, 8)) @ q2.T
out["svd_illcond"] = dict(m=8, n=8, a=b.ravel().tolist(), s=np.linalg.svd(b, compute_uv=False).tolist())

# Procrustes: W = U Vt for M = sum y x^T = Y_d^T X_d, maps x to y (mapped = W x)
n, d = 40, 12
x = rng.standard_normal((n, d)).astype(np.float32)
y = rng.standard_normal((n, d)).astype(np.float32)
xi = rng.integers(0, n, 25)
yi = rng.integers(0, n, 25)
m = y[yi].astype(np.float64).T @ x[xi].astype(np.float64)
u, s, vt = np.linalg.svd(m)
w = u @ vt
out["procrustes"] = dict(n=n, d=d, x=x.ravel().tolist(), y=y.ravel().tolist(), xi=xi.tolist(), yi=yi.tolist(),
                         w=w.ravel().tolist())
print(json.dumps(out))
