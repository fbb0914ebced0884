#!/usr/bin/env python3
"""Independent arbitrary-precision event times of the canonical Markov flow (spec §3.2).

The same flow as markov_canonical_mpmath.py (mpmath's Taylor-series odefun, p, q and the initial
point as exact decimals); prints the first time t > 0 at which |e(t)| crosses each THRESHOLD,
located by mpmath's findroot on the Taylor solution started from a bracket found by doubling.
It integrates u = e/e0 instead of e (the same flow, exactly rescaled): odefun's error control is
absolute, so for e0 = 1e-40 an unscaled e would be resolved to only about DPS - 40 digits.
The fixtures of TinyInitEscapeTest come from this script, run at 50 and at 60 digits.

usage: markov_canonical_crossing_mpmath.py P Q E0 W0 THRESHOLD [THRESHOLD ...] [--dps 50]
"""
import argparse
import mpmath as mp
from markov_canonical_mpmath import slope_function

ap = argparse.ArgumentParser()
ap.add_argument("p"); ap.add_argument("q"); ap.add_argument("e0"); ap.add_argument("w0")
ap.add_argument("threshold", nargs="+")
ap.add_argument("--dps", type=int, default=50)
a = ap.parse_args()
mp.mp.dps = a.dps + 10
slope = slope_function(mp.mpf(a.p), mp.mpf(a.q))
e0 = mp.mpf(a.e0)


def rhs(t, y):
    u, w = y
    fac = 1 + 2 * w * abs(w)
    s = slope(e0 * e0 * u * u * fac)
    return [-2 * u * fac * s, -4 * e0 * e0 * u * u * abs(w) * s]


sol = mp.odefun(rhs, 0, [mp.mpf(1), mp.mpf(a.w0)])
for thr in a.threshold:
    level = mp.mpf(thr) / abs(e0)
    g = lambda t: abs(sol(t)[0]) - level
    lo, hi = mp.mpf(0), mp.mpf("0.125")
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    t = mp.findroot(g, (lo, hi), solver="anderson")
    print(thr, mp.nstr(t, a.dps))
