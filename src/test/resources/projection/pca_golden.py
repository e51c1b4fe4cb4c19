# Generates the golden PCA values used by PcaProjectorTest (run with /usr/bin/python3; numpy only).
# Input: 60 rows x 6 columns with planted variance along two directions plus noise.
# Output: the first two principal-component scores, each component signed so its largest loading is positive.
import numpy as np

rng = np.random.default_rng(20261122)
n, d = 60, 6
a = rng.normal(size=(n, 1)) * 5.0
b = rng.normal(size=(n, 1)) * 2.0
u = np.array([[1.0, 2.0, 0.5, -1.0, 0.0, 0.3]])
v = np.array([[0.2, -0.5, 1.0, 0.4, 1.5, -0.7]])
x = a @ u + b @ v + rng.normal(size=(n, d)) * 0.3 + 10.0
x = x.astype(np.float32)

xc = x.astype(np.float64) - x.astype(np.float64).mean(axis=0)
cov = xc.T @ xc / (n - 1)
w, vec = np.linalg.eigh(cov)
order = np.argsort(w)[::-1]
vec = vec[:, order[:2]]
for c in range(2):
    if vec[np.argmax(np.abs(vec[:, c])), c] < 0:
        vec[:, c] = -vec[:, c]
scores = xc @ vec
np.savetxt("pca_input.csv", x, delimiter=",", fmt="%.9g")
np.savetxt("pca_expected.csv", scores, delimiter=",", fmt="%.9g")
