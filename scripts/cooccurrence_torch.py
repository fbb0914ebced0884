#!/usr/bin/env python3
"""torchdiffeq reference for the co-occurrence flow: odeint(dopri8) on −∇L by torch autograd, or torch SGD.

Same instance, jobs and JSON line as cooccurrence_scipy.py (one torch thread):
  bare    odeint(method="dopri8") from 0 to t_end at the spec's rtol/atol
  events  odeint over the spec's sample grid (161 rows: loss, G1..G3, min margin), then each
          event (E_sign, E_T1: upward zero crossings) located by odeint_event, started from the
          last row before the crossing (torchdiffeq's event API stops at the event)
  gd      --steps torch.optim.SGD steps at --lr on the same loss
Needs torch and torchdiffeq (gd: torch only); without them it prints {"skipped": why} and exits 0.
Usage: python3 scripts/cooccurrence_torch.py DIR {bare,events,gd} [--steps 30000 --lr 0.01]
"""
import json
import time

from cooccurrence_numpy import BLOCKS, grid, job_arguments, load


def main():
    args = job_arguments()
    try:
        import torch
        if args.job != "gd":
            import torchdiffeq
    except ImportError as e:
        print(json.dumps({"tool": "torch", "job": args.job, "skipped": f"cannot import {e.name}"}))
        return
    torch.set_num_threads(1)
    arrays, spec = load(args.instance)
    T = {k: torch.from_numpy(arrays[k]) for k in ("tokens", "labels", "a", "theta0", "negGrad0")}
    tok, y, a = T["tokens"], T["labels"].double(), T["a"]
    shapes = [arrays[b].shape for b in BLOCKS]
    sizes = [arrays[b].size for b in BLOCKS]
    inv = 1.0 / shapes[0][1] ** 0.5

    def forward(theta):
        W, WV, WK, WQ = (x.reshape(s) for x, s in zip(torch.split(theta, sizes), shapes))
        u = W.T @ a
        K, Q, V = WK[:, tok], WQ[:, tok], WV[:, tok]  # (m, n, L)
        P = torch.softmax(torch.einsum("rih,ril->ihl", K, Q) * inv, dim=1)  # over keys h
        F = (torch.einsum("r,rih->ih", u, V) * P.sum(2)).sum(1)
        return F, u @ WV[:, :3]

    def loss(theta):
        return torch.nn.functional.softplus(-y * forward(theta)[0]).mean()

    class Flow(torch.nn.Module):
        nfev = steps = 0

        def forward(self, t, theta):
            self.nfev += 1
            with torch.enable_grad():
                theta = theta.detach().requires_grad_(True)
                return -torch.autograd.grad(loss(theta), theta)[0]

        def callback_accept_step(self, t0, y0, dt):
            self.steps += 1

    f = Flow()
    theta0 = T["theta0"]
    err = float((f(0, theta0) - T["negGrad0"]).abs().max() / T["negGrad0"].abs().max())
    if err > 1e-12:
        raise SystemExit(f"torch -∇L differs from gradflow's at θ0: {err:.2e}")
    f.nfev = 0
    out = {"tool": "torch", "job": args.job, "rhsCheck": err}
    if args.job == "gd":
        theta = torch.nn.Parameter(theta0.clone())
        opt = torch.optim.SGD([theta], lr=args.lr)
        start = time.perf_counter()
        for _ in range(args.steps):
            opt.zero_grad()
            loss(theta).backward()
            opt.step()
        out.update(seconds=time.perf_counter() - start, nfev=args.steps, loss=float(loss(theta.detach())))
        print(json.dumps(out))
        return
    it = spec["integrator"]
    kw = dict(method="dopri8", rtol=it["rtol"], atol=it["atol"])
    times = torch.tensor(grid(spec) if args.job == "events" else [0.0, it["tEnd"]], dtype=torch.float64)
    start = time.perf_counter()
    with torch.no_grad():
        ys = torchdiffeq.odeint(f, theta0, times, **kw)
        steps = f.steps
        out["events"] = {}
        if args.job == "events":
            def sign(t, th):
                G = forward(th)[1]
                return torch.min(torch.stack([G[0], G[1], -G[2]]))

            def phase_one_end(t, th):
                F = forward(th)[0]
                return torch.minimum(torch.min(y * F), sign(t, th))

            rows = [[float(loss(th)), *forward(th)[1].tolist(), float(torch.min(y * forward(th)[0]))] for th in ys]
            for name, g in (("E_sign", sign), ("E_T1", phase_one_end)):
                vals = [float(g(t, th)) for t, th in zip(times, ys)]
                up = [i for i in range(1, len(vals)) if vals[i - 1] <= 0 < vals[i]]
                t_ev = None
                if up:
                    i = up[0] - 1
                    t_ev, _ = torchdiffeq.odeint_event(f, ys[i], times[i], event_fn=g, **kw)
                    t_ev = float(t_ev)
                out["events"][name] = t_ev
            out["rows"] = len(rows)
    out.update(seconds=time.perf_counter() - start, nfev=f.nfev, steps=steps, loss=float(loss(ys[-1])))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
