#!/usr/bin/env python3
"""Cross-check (not used by gradflow at run time): the condensation model of Chen & Luo
(Definition 3, identity FFN, exponential loss) on systems/condensation-small-identity-explicit.json,
integrated with scipy's DOP853 at the same tolerances as the Java system (rtol 1e-10, per-block
atol = 1e-12 x block RMS at t = 0), with the ESCAPE, KQ_ACTIVE and FURTHER events. Prints wall
time, RHS evaluations and event times per epsilon, for comparison with `gradflow run`.

usage: python3 scripts/condensation_dop853.py [eps ...]      (default 1e-3 ... 1e-8)
"""
import json, sys, time
import numpy as np
from scipy.integrate import solve_ivp

spec = json.load(open("systems/condensation-small-identity-explicit.json"))
X = np.array(spec["data"]["explicit"]["X"])          # n x s x d
y = np.array(spec["data"]["explicit"]["y"], float)
n, s, d = X.shape
bar = spec["init"]["explicit"]
names = ["W_Q", "W_K", "W_V", "W1", "W2"]
bar0 = np.concatenate([np.ravel(np.array(bar[k], float)) for k in names])
sizes = [d * d] * 4 + [d]
offs = np.cumsum([0] + sizes)
xs = X[:, -1, :]                                     # n x d, the query tokens


def unpack(th):
    Q, K, V, W1 = (th[offs[i]:offs[i + 1]].reshape(d, d) for i in range(4))
    return Q, K, V, W1, th[offs[4]:offs[5]]


def neg_grad(t, th):
    Q, K, V, W1, W2 = unpack(th)
    M = Q @ K.T
    z = np.einsum("nb,njb->nj", xs @ M, X) / np.sqrt(d)
    a = np.exp(z - z.max(axis=1, keepdims=True)); a /= a.sum(axis=1, keepdims=True)
    ax = np.einsum("nj,njb->nb", a, X)
    o = ax @ V; h = o @ W1; f = h @ W2               # identity activation
    e = np.exp(-y * f); c = -y * e / n
    gW2 = h.T @ c
    dh = c[:, None] * W2[None, :]
    gW1 = o.T @ dh
    do = dh @ W1.T
    gV = ax.T @ do
    r = do @ V.T
    da = np.einsum("njb,nb->nj", X, r)
    dz = a * (da - (a * da).sum(axis=1, keepdims=True))
    w = np.einsum("nj,njb->nb", dz, X)
    G = xs.T @ w / np.sqrt(d)
    return -np.concatenate([(G @ K).ravel(), (G.T @ Q).ravel(), gV.ravel(), gW1.ravel(), gW2])


def outer_norm(t, th):
    return np.linalg.norm(th[offs[2]:]) - 0.3


def norm_m(level):
    def g(t, th):
        Q, K, *_ = unpack(th)
        return np.linalg.norm(Q @ K.T) - level
    return g


def run(eps):
    th0 = eps * bar0
    atol = np.concatenate([np.full(sz, 1e-12 * np.sqrt(np.mean(th0[o:o + sz] ** 2))) for o, sz in zip(offs, sizes)])
    esc = outer_norm; esc.direction = 1
    kq = norm_m(1e-2); kq.direction = 1
    fur = norm_m(3.0); fur.direction = 1; fur.terminal = True
    t0 = time.perf_counter()
    sol = solve_ivp(neg_grad, (0, 40 / eps), th0, method="DOP853", rtol=1e-10, atol=atol, events=[esc, kq, fur])
    wall = time.perf_counter() - t0
    ev = [te[0] if len(te) else float("nan") for te in sol.t_events]
    return wall, sol.nfev, len(sol.t) - 1, ev


if __name__ == "__main__":
    epsilons = [float(a) for a in sys.argv[1:]] or [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]
    print("eps,wall_s,nfev,steps,t_esc,t_kq,t_further")
    for eps in epsilons:
        wall, nfev, steps, (te, tk, tf) = run(eps)
        print(f"{eps:g},{wall:.3f},{nfev},{steps},{te:.10g},{tk:.10g},{tf:.10g}")
