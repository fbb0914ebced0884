#!/usr/bin/env python3
"""Side-by-side benchmark: gradflow against scipy DOP853 and torchdiffeq dopri8 on the same instances.

Exports the paper's co-occurrence instance (systems/cooccurrence-as-r.json: n 60, L 5, d 64,
m 128, m1 256, dimension 57 344) and AS-u (systems/cooccurrence-as-u.json, dimension 95 360)
with `./gradflow export`, then runs every job with every tool in turns, the order rotated each
round (A/B/C, B/C/A, ...), and prints per job the median of the paired ratios tool time /
gradflow time (< 1: the tool is faster), with steps, RHS evaluations, final loss and event
times against gradflow's, and the load average before and after. Times are in-process: the
solver or GD loop alone (gradflow: run.json stats.wallSeconds, compare-gd gd.wallSeconds; it
includes the JVM's JIT warm-up), and whole process ("proc", a fresh JVM or Python each run; not
for GD, where compare-gd also integrates the flow).
Jobs: bare flow; flow + E_sign + E_T1 + 161 sampled rows; GD (30 000 steps, lr 0.01).
A benchmark, not a test. Python tools run with one BLAS/torch thread unless --threads says else.

  python3 scripts/side_by_side.py --rounds 3 [--jobs paper-bare,asu-bare,...] [--torch-python PY]
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "scripts")
SYSTEMS = {"paper": "systems/cooccurrence-as-r.json", "asu": "systems/cooccurrence-as-u.json"}
JOBS = ["paper-bare", "asu-bare", "paper-events", "asu-events", "paper-gd"]
FLOW_ONLY = ["--set", "params.observeInvariants=false"]
GRADFLOW_SETS = {"bare": ["--set", "params.builtinEvents=[]", "--set", "integrator.grid.log=0"],
                 "events": ["--set", 'params.builtinEvents=["E_sign","E_T1"]']}


def sh(cmd, env=None):
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return p.stdout, time.perf_counter() - start


def gradflow(inst, job, work, args):
    spec = os.path.join(inst, "system.json")
    if job == "gd":
        out, proc = sh(["./gradflow", "compare-gd", spec, "-q", "--out", work, "--lr", str(args.lr), "--steps",
                        str(args.gd_steps), "--record-log", "0", "--record-linear", "0",
                        "--set", "params.builtinEvents=[]"] + FLOW_ONLY)
        run = json.load(open(os.path.join(written(out), "run.json")))
        rows = open(os.path.join(written(out), "gd-trajectory.csv")).read().split()
        loss = float(rows[-1].split(",")[rows[0].split(",").index("loss")])
        return dict(seconds=run["gd"]["wallSeconds"], nfev=run["gd"]["gradientEvaluations"], loss=loss, proc=proc)
    out, proc = sh(["./gradflow", "run", spec, "-q", "-o", work] + GRADFLOW_SETS[job] + FLOW_ONLY)
    run = json.load(open(os.path.join(written(out), "run.json")))
    st = run["stats"]
    return dict(seconds=st["wallSeconds"], nfev=st["rhsEvaluations"], steps=st["acceptedSteps"],
                loss=run["finalLoss"], events=first_crossings(run["events"]), proc=proc)


def first_crossings(events):
    first = {}
    for e in events:
        first.setdefault(e["name"], e["t"])
    return first


def written(stdout):
    return [l.split("wrote ", 1)[1].split(" (")[0] for l in stdout.splitlines() if "wrote " in l][-1]


def python_tool(python, script, inst, job, args):
    env = dict(os.environ, OMP_NUM_THREADS=args.threads, OPENBLAS_NUM_THREADS=args.threads,
               MKL_NUM_THREADS=args.threads)
    out, proc = sh([python, os.path.join(HERE, script), inst, job, "--steps", str(args.gd_steps),
                    "--lr", str(args.lr)], env)
    r = json.loads(out.strip().splitlines()[-1])
    r["proc"] = proc
    return r


def torch_python(choice):
    """The first interpreter where torch imports (Debian's python3-torch is for /usr/bin/python3)."""
    for py in ([choice] if choice else [sys.executable, "/usr/bin/python3"]):
        if subprocess.run([py, "-c", "import torch"], capture_output=True).returncode == 0:
            return py
    return sys.executable


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def table(results, jobs, tools):
    print("\n| job | gradflow in-process (median) | " + " | ".join(
        f"{t}: ratio in-process [min–max], proc | {t}: steps / RHS, Δloss, max Δt_event" for t in tools) + " |")
    print("|---|---|" + "---|---|" * len(tools))
    for job in jobs:
        g = results[job]["gradflow"]
        gs = statistics.median(r["seconds"] for r in g)
        cells = [f"{job}", f"{gs:.2f} s, {fmt_cost(g[0])}, proc {statistics.median(r['proc'] for r in g):.1f} s"]
        for t in tools:
            rs = results[job][t]
            if not rs or "skipped" in rs[0]:
                cells += [rs[0]["skipped"] if rs else "not run", ""]
                continue
            ratios = [r["seconds"] / q["seconds"] for r, q in zip(rs, g)]
            procs = [r["proc"] / q["proc"] for r, q in zip(rs, g)]
            proc = "proc n/a" if job.endswith("gd") else f"proc {statistics.median(procs):.2f}×"
            dloss = abs(rs[0]["loss"] - g[0]["loss"])
            dt = [abs(rs[0]["events"][n] - g[0]["events"][n]) / g[0]["events"][n]
                  for n in rs[0].get("events", {}) if rs[0]["events"][n] and n in g[0].get("events", {})]
            cells += [f"**{statistics.median(ratios):.2f}×** [{min(ratios):.2f}–{max(ratios):.2f}], {proc}",
                      f"{fmt_cost(rs[0])}, {dloss:.1e}" + (f", {max(dt):.1e} rel" if dt else "")]
        print("| " + " | ".join(cells) + " |")


def fmt_cost(r):
    return (f"{r['steps']} / " if r.get("steps") is not None else "") + f"{r['nfev']} RHS"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--jobs", default=",".join(JOBS), help="comma-separated subset of " + ",".join(JOBS))
    p.add_argument("--tools", default="scipy,torch")
    p.add_argument("--torch-python", help="interpreter with torch (and torchdiffeq) installed")
    p.add_argument("--threads", default="1", help="BLAS/torch threads of the Python tools (default 1)")
    p.add_argument("--gd-steps", type=int, default=30000)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--work", default=os.path.join("outputs", "side-by-side"))
    args = p.parse_args()
    jobs, tools = args.jobs.split(","), args.tools.split(",")
    work = os.path.join(args.work, time.strftime("%Y%m%d-%H%M%S"))
    py = {"scipy": sys.executable, "torch": torch_python(args.torch_python)}
    script = {"scipy": "cooccurrence_scipy.py", "torch": "cooccurrence_torch.py"}
    print(f"load average before: {load_average()}; {args.rounds} rounds; work folder {work}")
    instances = {}
    for name in sorted({j.split("-")[0] for j in jobs}):
        instances[name] = os.path.join(work, name)
        sh(["./gradflow", "export", SYSTEMS[name], "-o", instances[name]])
    results = {j: {t: [] for t in ["gradflow"] + tools} for j in jobs}
    order = ["gradflow"] + tools
    for rnd in range(args.rounds):
        for job in jobs:
            inst, kind = instances[job.split("-")[0]], job.split("-")[1]
            for tool in order[rnd % len(order):] + order[:rnd % len(order)]:
                r = (gradflow(inst, kind, os.path.join(work, "runs"), args) if tool == "gradflow"
                     else python_tool(py[tool], script[tool], inst, kind, args))
                results[job][tool].append(r)
                print(f"round {rnd + 1} {job} {tool}: " + (r["skipped"] if "skipped" in r else
                      f"{r['seconds']:.2f} s in-process, {r['proc']:.1f} s process, {fmt_cost(r)}, "
                      f"loss {r['loss']:.12e}, events {r.get('events') or '-'}"), flush=True)
    print(f"load average after: {load_average()}")
    table(results, jobs, tools)
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
