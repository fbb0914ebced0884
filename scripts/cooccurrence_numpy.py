"""The co-occurrence instance that `gradflow export` writes, in NumPy (shared by the scripts).

load(DIR) reads DIR/instance.npz (θ0 by block, tokens, labels, a) and DIR/system.json (the
integrator settings); Model(inst) gives the loss, −∇L (the compact form of the gradient: gathers
by fancy indexing, scatter by a sparse one-hot matrix) and the observables the benchmark records
and watches: G_k = u·W_V[:, µk] with u = Wᵀa, the margins y_i F_i, sign alignment
min(G1, G2, −G3) and the end of phase 1 min(min_i y_i F_i, sign alignment).
"""
import argparse
import json
import os

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

BLOCKS = ("W", "W_V", "W_K", "W_Q")


def load(folder):
    npz = np.load(os.path.join(folder, "instance.npz"))
    with open(os.path.join(folder, "system.json")) as f:
        spec = json.load(f)
    return {k: npz[k] for k in npz.files}, spec


def job_arguments():
    """INSTANCE_DIR {bare,events,gd} [--steps K --lr η]: what every tool script takes."""
    p = argparse.ArgumentParser()
    p.add_argument("instance", help="folder written by ./gradflow export")
    p.add_argument("job", choices=["bare", "events", "gd"])
    p.add_argument("--steps", type=int, default=30000, help="GD steps")
    p.add_argument("--lr", type=float, default=0.01, help="GD learning rate")
    return p.parse_args()


def grid(spec):
    """gradflow's sample times (TimeGrid): 0, `log` log-spaced points from tMin, t_end."""
    it = spec["integrator"]
    t_end, g = float(it["tEnd"]), it.get("grid", {})
    n, times = int(g.get("log", 200)), {0.0, t_end}
    a, b = np.log10(g.get("tMin", min(1e-3, t_end * 1e-4))), np.log10(t_end)
    times.update(min(10 ** (a + (b - a) * i / (n - 1)), t_end) for i in range(n))
    return np.array(sorted(times))


class Model:
    def __init__(self, arrays):
        self.tok, self.y, self.a = arrays["tokens"], arrays["labels"].astype(float), arrays["a"]
        self.m1, self.m = arrays["W"].shape
        self.d = arrays["W_V"].shape[1]
        self.n, self.L = self.tok.shape
        self.sizes = [arrays[b].size for b in BLOCKS]
        self.inv = 1.0 / np.sqrt(self.m)
        nl = self.n * self.L
        # one-hot scatter: (n*L) slots -> d vocabulary columns, repeated tokens add up
        self.X = sp.csr_matrix((np.ones(nl), (np.arange(nl), self.tok.ravel())), shape=(nl, self.d))

    def split(self, theta):
        W, WV, WK, WQ = np.split(theta, np.cumsum(self.sizes)[:-1])
        return W.reshape(self.m1, self.m), WV.reshape(self.m, self.d), WK.reshape(self.m, self.d), WQ.reshape(self.m, self.d)

    def forward(self, theta):
        W, WV, WK, WQ = self.split(theta)
        u = W.T @ self.a
        K, Q, V = WK[:, self.tok], WQ[:, self.tok], WV[:, self.tok]  # (m, n, L)
        S = np.einsum("rih,ril->ihl", K, Q) * self.inv  # key h, query l
        S -= S.max(axis=1, keepdims=True)
        P = np.exp(S)
        P /= P.sum(axis=1, keepdims=True)  # softmax over keys
        z = np.einsum("r,rih->ih", u, V)
        c = P.sum(axis=2)
        F = (z * c).sum(axis=1)
        return u, K, Q, V, P, z, c, F

    def loss(self, theta):
        return float(np.mean(np.logaddexp(0.0, -self.y * self.forward(theta)[-1])))

    def neg_grad(self, theta):
        u, K, Q, V, P, z, c, F = self.forward(theta)
        m, n, L, nW, nB = self.m, self.n, self.L, self.m1 * self.m, self.m * self.d
        coef = expit(-self.y * F) * self.y / n
        zbar = np.einsum("ihl,ih->il", P, z)
        Dc = (coef[:, None, None] * self.inv) * P * (z[:, :, None] - zbar[:, None, :])
        dK = np.einsum("ihl,ril->rih", Dc, Q).reshape(m, n * L)
        dQ = np.einsum("ihl,rih->ril", Dc, K).reshape(m, n * L)
        cc = (coef[:, None] * c).ravel()
        out = np.empty_like(theta)
        out[:nW] = np.outer(self.a, V.reshape(m, n * L) @ cc).ravel()
        out[nW:nW + nB] = (self.X.T @ np.outer(cc, u)).T.ravel()
        out[nW + nB:nW + 2 * nB] = (self.X.T @ dK.T).T.ravel()
        out[nW + 2 * nB:] = (self.X.T @ dQ.T).T.ravel()
        return out

    def sign_alignment(self, theta):
        W, WV = self.split(theta)[:2]
        G = (W.T @ self.a) @ WV[:, :3]
        return min(G[0], G[1], -G[2])

    def phase_one_end(self, theta):
        margin = np.min(self.y * self.forward(theta)[-1])
        return min(margin, self.sign_alignment(theta))

    def row(self, theta):
        """The recorded columns: loss, G1..G3, min margin (as gradflow's lossType/G/minMargin)."""
        W, WV = self.split(theta)[:2]
        F = self.forward(theta)[-1]
        G = (W.T @ self.a) @ WV[:, :3]
        return [float(np.mean(np.logaddexp(0.0, -self.y * F))), *G, float(np.min(self.y * F))]


def check(model, arrays):
    """Max relative difference of this −∇L and of the loss from gradflow's at θ0."""
    theta0, ref = arrays["theta0"], arrays["negGrad0"]
    err = np.max(np.abs(model.neg_grad(theta0) - ref)) / np.max(np.abs(ref))
    return err, abs(model.loss(theta0) - float(arrays["loss0"])) / float(arrays["loss0"])
