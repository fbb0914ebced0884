#!/usr/bin/env python3
"""Cross-check and speed reference for the cooccurrence flow (not needed at run time).

Integrates the exact instance exported by
  java -cp target/classes:$(cat cp.txt) org.gradflow.models.cooccurrence.bench.ExportInstance \
       systems/cooccurrence-as-u.json /tmp/as-u.json
with scipy.integrate.solve_ivp(method="DOP853", rtol=1e-8, atol=1e-12) and a vectorized numpy RHS
(the compact form of spec section 3.3: gathers by fancy indexing, scatter by a sparse one-hot
matrix), after checking that RHS against the Java RHS at theta0. Prints wall time, RHS
evaluations, steps and the time per RHS.

Usage: python3 scripts/cooccurrence_scipy.py /tmp/as-u.json [t_end]
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.integrate import solve_ivp
from scipy.special import expit


def build(inst):
    tok = np.asarray(inst["tokens"], dtype=np.int64)  # (n, L)
    y = np.asarray(inst["labels"], dtype=float)
    a = np.asarray(inst["a"], dtype=float)
    m, m1, d = inst["m"], inst["m1"], inst["d"]
    n, L = tok.shape
    nW, nB = m1 * m, m * d
    inv = 1.0 / np.sqrt(m)
    # one-hot scatter: (n*L) slots -> d vocabulary columns, repeated tokens add up
    X = sp.csr_matrix((np.ones(n * L), (np.arange(n * L), tok.ravel())), shape=(n * L, d))

    def rhs(t, theta):
        W = theta[:nW].reshape(m1, m)
        WV = theta[nW:nW + nB].reshape(m, d)
        WK = theta[nW + nB:nW + 2 * nB].reshape(m, d)
        WQ = theta[nW + 2 * nB:].reshape(m, d)
        u = W.T @ a
        K, Q, V = WK[:, tok], WQ[:, tok], WV[:, tok]          # (m, n, L)
        S = np.einsum("rih,ril->ihl", K, Q) * inv            # key h, query l
        S -= S.max(axis=1, keepdims=True)
        P = np.exp(S)
        P /= P.sum(axis=1, keepdims=True)                     # softmax over keys
        z = np.einsum("r,rih->ih", u, V)
        c = P.sum(axis=2)
        F = (z * c).sum(axis=1)
        g = expit(-y * F)
        coef = g * y / n
        zbar = np.einsum("ihl,ih->il", P, z)
        Dc = (coef[:, None, None] * inv) * P * (z[:, :, None] - zbar[:, None, :])
        dK = np.einsum("ihl,ril->rih", Dc, Q).reshape(m, n * L)
        dQ = np.einsum("ihl,rih->ril", Dc, K).reshape(m, n * L)
        cc = (coef[:, None] * c).ravel()
        wbar = V.reshape(m, n * L) @ cc
        out = np.empty_like(theta)
        out[:nW] = np.outer(a, wbar).ravel()
        out[nW:nW + nB] = np.asarray((X.T @ np.outer(cc, u)).T).ravel()
        out[nW + nB:nW + 2 * nB] = np.asarray((X.T @ dK.T).T).ravel()
        out[nW + 2 * nB:] = np.asarray((X.T @ dQ.T).T).ravel()
        return out

    return rhs


def main():
    inst = json.load(open(sys.argv[1]))
    t_end = float(sys.argv[2]) if len(sys.argv) > 2 else inst["tEnd"]
    rhs = build(inst)
    th0 = np.asarray(inst["theta0"])
    r0 = rhs(0.0, th0)
    ref = np.asarray(inst["rhs0"])
    err = np.max(np.abs(r0 - ref)) / np.max(np.abs(ref))
    print(f"dim {th0.size}; numpy RHS vs Java RHS at theta0: max rel error {err:.2e}")
    reps = 50
    t0 = time.perf_counter()
    for _ in range(reps):
        rhs(0.0, th0)
    per = (time.perf_counter() - t0) / reps
    print(f"numpy RHS: {per * 1e6:.1f} us per evaluation (mean of {reps})")
    t0 = time.perf_counter()
    sol = solve_ivp(rhs, (0.0, t_end), th0, method="DOP853", rtol=1e-8, atol=1e-12)
    wall = time.perf_counter() - t0
    print(f"solve_ivp DOP853 rtol 1e-8 atol 1e-12 to t = {sol.t[-1]:g}: status {sol.status}, "
          f"wall {wall:.2f} s, RHS evaluations {sol.nfev}, steps {len(sol.t) - 1}, "
          f"{wall / sol.nfev * 1e6:.1f} us per RHS incl. solver overhead")


if __name__ == "__main__":
    main()
