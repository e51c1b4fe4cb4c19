"""Golden p-values of the exact two-sided McNemar test (probe.McNemar), computed with scipy.

For b recordings right under one condition only and c under the other only, the exact test is the binomial test of
min(b, c) successes in n = b + c trials with p = 1/2: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue, and 1 when
n = 0 (scipy refuses n = 0).

Run: /usr/bin/python3 src/test/resources/golden/mcnemar_golden.py  (writes mcnemar_golden.json beside this file)
"""
import json
import os
from fractions import Fraction

import scipy
from scipy.stats import binomtest

CASES = [
    (0, 0), (1, 0), (0, 1), (1, 1), (5, 0), (0, 5), (6, 1), (7, 0), (7, 3), (10, 3), (3, 10), (12, 12), (13, 12),
    (25, 12), (40, 10), (50, 49), (86, 9), (100, 80), (300, 100), (1000, 0), (1000, 950), (1500, 1400),
    (5000, 4800), (20000, 19800), (19800, 20000), (30000, 29000),
]


def p_value(b, c):
    n = b + c
    return 1.0 if n == 0 else float(binomtest(min(b, c), n, 0.5).pvalue)


def exact(b, c):
    """The same p-value in exact rational arithmetic (integer binomial coefficients), rounded once to a float."""
    n, m = b + c, min(b, c)
    tail, term = 0, 1
    for k in range(m + 1):
        tail += term
        term = term * (n - k) // (k + 1)
    return float(min(Fraction(1), Fraction(2 * tail, 2 ** n)))


# scipy's value is the golden one; the exact sum checks that scipy itself is right to far better than the test's 1e-9.
for b, c in CASES:
    p, e = p_value(b, c), exact(b, c)
    assert abs(p - e) <= 1e-12 * e, (b, c, p, e)


out = {
    "source": "scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue, scipy " + scipy.__version__,
    "cases": [{"b": b, "c": c, "p": p_value(b, c)} for b, c in CASES],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcnemar_golden.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
