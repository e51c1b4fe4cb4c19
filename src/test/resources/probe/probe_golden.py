#!/usr/bin/python3
"""Golden values for the probe tests, computed independently with numpy/scipy.

Run:  /usr/bin/python3 src/test/resources/probe/probe_golden.py > src/test/resources/probe/probe_golden.json
"""
import json

import numpy as np
from scipy import optimize, special, stats

rng = np.random.default_rng(20261122)
n_rec, n_voc = 40, 9
targets = rng.integers(0, n_voc, n_rec)
cos = rng.uniform(-0.2, 0.5, (n_rec, n_voc))
# the intended word scores higher on average, with overlap, so the fitted temperature is interior
cos[np.arange(n_rec), targets] += rng.uniform(-0.1, 0.5, n_rec)
cos = np.clip(cos, -1, 1)


def nll(log_tau):
    tau = np.exp(log_tau)
    logp = cos / tau - special.logsumexp(cos / tau, axis=1, keepdims=True)
    return -np.mean(logp[np.arange(n_rec), targets])


res = optimize.minimize_scalar(nll, bounds=(np.log(1e-4), np.log(10)), method="bounded",
                               options={"xatol": 1e-10})
tau = float(np.exp(res.x))
probs = special.softmax(cos / tau, axis=1)[np.arange(n_rec), targets]

wilson = []
for n, k in [(10, 7), (1, 1), (50, 0), (200, 143), (3, 2)]:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    wilson.append({"n": n, "k": k, "low": ci.low, "high": ci.high})

tq = {str(df): float(stats.t.ppf(0.975, df)) for df in [1, 2, 3, 4, 9, 19, 29]}

print(json.dumps({
    "cosines": cos.tolist(),
    "targets": targets.tolist(),
    "tau": tau,
    "nllAtTau": float(res.fun),
    "probabilities": probs.tolist(),
    "wilson": wilson,
    "t975": tq,
}, indent=1))
