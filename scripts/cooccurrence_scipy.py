#!/usr/bin/env python3
"""scipy reference for the co-occurrence flow: solve_ivp(DOP853) on a NumPy −∇L, or a NumPy GD loop.

Reads the explicit instance `./gradflow export SYSTEM -o DIR` writes, checks its −∇L against
gradflow's at θ0, runs one job and prints one JSON line (time measured around the solver only):
  bare    solve_ivp(DOP853) to t_end at the spec's rtol/atol, nothing recorded
  events  the same with the two events E_sign (sign alignment) and E_T1 (end of phase 1, both
          upward zero crossings, located by solve_ivp's root finder) and the spec's sample
          grid (161 rows: loss, G1..G3, min margin, evaluated at the dense-output states)
  gd      --steps full-batch GD steps at --lr, θ ← θ − lr ∇L
Usage: python3 scripts/cooccurrence_scipy.py DIR {bare,events,gd} [--steps 30000 --lr 0.01]
"""
import json
import time

import numpy as np
from scipy.integrate import solve_ivp

from cooccurrence_numpy import Model, check, grid, job_arguments, load


def main():
    args = job_arguments()
    arrays, spec = load(args.instance)
    model = Model(arrays)
    rhs_err, loss_err = check(model, arrays)
    if rhs_err > 1e-12 or loss_err > 1e-12:
        raise SystemExit(f"numpy -∇L differs from gradflow's at θ0: {rhs_err:.2e} (loss {loss_err:.2e})")
    it, theta0 = spec["integrator"], arrays["theta0"]
    out = {"tool": "scipy", "job": args.job, "rhsCheck": rhs_err}
    if args.job == "gd":
        theta = theta0.copy()
        start = time.perf_counter()
        for _ in range(args.steps):
            theta += args.lr * model.neg_grad(theta)
        out.update(seconds=time.perf_counter() - start, nfev=args.steps, loss=model.loss(theta))
    else:
        kw = dict(method="DOP853", rtol=it["rtol"], atol=it["atol"])
        if args.job == "events":
            events = [lambda t, y: model.sign_alignment(y), lambda t, y: model.phase_one_end(y)]
            for e in events:
                e.direction = 1
            kw.update(events=events, t_eval=grid(spec))
        start = time.perf_counter()
        sol = solve_ivp(lambda t, y: model.neg_grad(y), (0.0, it["tEnd"]), theta0, **kw)
        rows = [model.row(y) for y in sol.y.T] if args.job == "events" else None
        out.update(seconds=time.perf_counter() - start, nfev=int(sol.nfev), status=int(sol.status),
                   loss=model.loss(sol.y[:, -1]))
        if args.job == "bare":
            out["steps"] = len(sol.t) - 1
        else:
            out.update(rows=len(rows), events={n: float(te[0]) if len(te) else None
                                               for n, te in zip(["E_sign", "E_T1"], sol.t_events)})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
