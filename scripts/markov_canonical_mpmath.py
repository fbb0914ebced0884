#!/usr/bin/env python3
"""Independent arbitrary-precision reference for the canonical Markov flow (spec §3.2).

Solves  de/dt = -2 e (1 + 2 w|w|) l'(D),  dw/dt = -4 e^2 |w| l'(D),  D = e^2 (1 + 2 w|w|),
with l'(D) = pi1 (sigma(f0 + D) - (1 - q)) and e^{f0} the positive root of
q e^D z^2 + (q - p) z - p = 0 (the optimal bias), by mpmath's Taylor-series odefun at DPS digits.
p, q and the initial point are decimals, exactly as a spec writes them. Prints the state at each
requested time; the test fixtures in HighPrecisionReferenceTest come from this script (run at 50 and
60 digits: they agree to 45+).

usage: markov_canonical_mpmath.py P Q E0 W0 T [T ...] [--dps 60]
"""
import argparse
import mpmath as mp


def slope_function(p, q):
    """D -> l'(D) for the source (p, q), as mpmath numbers."""
    pi1 = p / (p + q)

    def slope(D):
        E = mp.exp(D)
        z = (-(q - p) + mp.sqrt((q - p) ** 2 + 4 * q * E * p)) / (2 * q * E)
        u = z * E  # e^{f1}
        return pi1 * (u / (1 + u) - (1 - q))

    return slope


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("p"); ap.add_argument("q"); ap.add_argument("e0"); ap.add_argument("w0")
    ap.add_argument("t", nargs="+")
    ap.add_argument("--dps", type=int, default=60)
    a = ap.parse_args()
    mp.mp.dps = a.dps
    slope = slope_function(mp.mpf(a.p), mp.mpf(a.q))

    def rhs(t, y):
        e, w = y
        fac = 1 + 2 * w * abs(w)
        s = slope(e * e * fac)
        return [-2 * e * fac * s, -4 * e * e * abs(w) * s]

    sol = mp.odefun(rhs, 0, [mp.mpf(a.e0), mp.mpf(a.w0)])
    for t in a.t:
        e, w = sol(mp.mpf(t))
        print(t, mp.nstr(e, a.dps - 5), mp.nstr(w, a.dps - 5))


if __name__ == "__main__":
    main()
