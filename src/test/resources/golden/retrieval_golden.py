"""Golden values for CrossRetrieval and Metrics, computed independently with numpy/scipy.

Run: /usr/bin/python3 retrieval_golden.py > retrieval_golden.json
"""
import json
import numpy as np
from scipy.stats import skew

rng = np.random.default_rng(20261122)
ns, nt, d, k, csls_k, beta = 70, 133, 19, 10, 10, 30.0


def unit(m):
    m = m / np.linalg.norm(m, axis=1, keepdims=True)
    return m.astype(np.float32)


# targets: 40 words, some with several rows (like recordings); sources: words, unknown labels (-1)
tgt = unit(rng.standard_normal((nt, d)))
src = unit(tgt[rng.integers(0, nt, ns)] + 0.9 * rng.standard_normal((ns, d)))
tgt_key = rng.integers(0, 40, nt)
tgt_key[:5] = -1
src_key = rng.integers(0, 48, ns)  # keys 40..47 have no target
src_key[:3] = -1

S = src.astype(np.float64) @ tgt.astype(np.float64).T


def topmean(m, kk):
    kk = min(kk, m.shape[1])
    return np.sort(m, axis=1)[:, ::-1][:, :kk].mean(axis=1)


def lse(m):
    mx = m.max(axis=1, keepdims=True)
    return (mx + np.log(np.exp(m - mx).sum(axis=1, keepdims=True)))[:, 0]


def ranked(score, qkey, ckey):
    nq, nc = score.shape
    kk = min(k, nc)
    order = np.lexsort((np.tile(np.arange(nc), (nq, 1)), -score), axis=1)[:, :kk]
    top_scores = np.take_along_axis(score, order, axis=1)
    ranks = []
    for i in range(nq):
        if qkey[i] < 0 or not np.any(ckey == qkey[i]):
            ranks.append(0)
            continue
        best = score[i, ckey == qkey[i]].max()
        ranks.append(int(1 + np.sum((score[i] > best) & (ckey != qkey[i]))))
    ranks = np.array(ranks)
    counted = ranks[ranks > 0]
    occ = np.bincount(order.ravel(), minlength=nc)
    metrics = dict(p_at_1=float(np.mean(counted <= 1)), p_at_5=float(np.mean(counted <= 5)),
                   p_at_10=float(np.mean(counted <= 10)), mrr=float(np.mean(1.0 / counted)),
                   n_queries=int(counted.size), k_occurrence_skewness=float(skew(occ, bias=True)),
                   never_retrieved=float(np.mean(occ == 0)))
    return dict(index=order.tolist(), score=top_scores.tolist(), rank=ranks.tolist(), metrics=metrics)


out = dict(ns=ns, nt=nt, d=d, k=k, csls_k=csls_k, beta=beta,
           src=src.ravel().tolist(), tgt=tgt.ravel().tolist(),
           src_key=src_key.tolist(), tgt_key=tgt_key.tolist())
rs, rt = topmean(S, csls_k), topmean(S.T, csls_k)
ls, lt = lse(beta * S), lse(beta * S.T)
for name, fw, bw in [
    ("nn", S, S.T),
    ("csls", 2 * S - rs[:, None] - rt[None, :], (2 * S - rs[:, None] - rt[None, :]).T),
    ("isf", beta * S - lt[None, :], (beta * S - ls[:, None]).T),
]:
    out[name] = dict(forward=ranked(fw, src_key, tgt_key), backward=ranked(bw, tgt_key, src_key))
print(json.dumps(out))
