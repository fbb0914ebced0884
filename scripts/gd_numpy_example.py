"""Produce a GD run outside gradflow, the way a PyTorch/NumPy user would, and save it in the
layouts `gradflow compare-gd --import` reads (docs/gd.md). Not needed at run time.

System: systems/gd-linear-network.json (L = 1/2 |W2 W1 - S|^2, W1 2x2, W2 3x2).
Writes into the folder given as argument (default: gd-example/):
  run.npz        steps + W1 (S,2,2) + W2 (S,3,2) + loss, float32 (as a torch model would be)
  npy/           the same as one .npy file per array
  run.csv        the same snapshots as CSV (columns step, loss, W1[0..3], W2[0..5])
  loss.csv       only the loss curve (step, loss)
Then, e.g.:
  ./gradflow compare-gd systems/gd-linear-network.json --import gd-example/run.npz --lr 0.02 --start-from-import
"""
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "gd-example"
os.makedirs(os.path.join(out, "npy"), exist_ok=True)
S = np.array([[2.0, 0.3], [0.1, 1.0], [-0.4, 0.5]])
rng = np.random.default_rng(0)
W1 = 0.05 * rng.standard_normal((2, 2))
W2 = 0.05 * rng.standard_normal((3, 2))
lr, steps = 0.02, 600
record = sorted(set([0, steps] + list(range(0, steps + 1, 25))))
snaps_w1, snaps_w2, losses = [], [], []
for k in range(steps + 1):
    R = W2 @ W1 - S
    if k in record:
        snaps_w1.append(W1.copy())
        snaps_w2.append(W2.copy())
        losses.append(0.5 * np.sum(R * R))
    g1, g2 = W2.T @ R, R @ W1.T  # dL/dW1, dL/dW2 (for torch: p.grad after loss.backward())
    W1, W2 = W1 - lr * g1, W2 - lr * g2

steps_arr = np.array(record, dtype=np.int64)
w1 = np.stack(snaps_w1).astype(np.float32)  # (S, rows, cols), C order
w2 = np.stack(snaps_w2).astype(np.float32)
loss = np.array(losses)
np.savez(os.path.join(out, "run.npz"), steps=steps_arr, W1=w1, W2=w2, loss=loss)
for name, a in [("steps", steps_arr), ("W1", w1), ("W2", w2), ("loss", loss)]:
    np.save(os.path.join(out, "npy", name + ".npy"), a)
cols = ["step", "loss"] + [f"W1[{i}]" for i in range(4)] + [f"W2[{i}]" for i in range(6)]
rows = np.column_stack([steps_arr, loss, w1.reshape(len(record), -1), w2.reshape(len(record), -1)])
np.savetxt(os.path.join(out, "run.csv"), rows, delimiter=",", header=",".join(cols), comments="",
           fmt=["%d"] + ["%.17g"] * (rows.shape[1] - 1))
np.savetxt(os.path.join(out, "loss.csv"), np.column_stack([steps_arr, loss]), delimiter=",",
           header="step,loss", comments="", fmt=["%d", "%.17g"])
print("wrote", out)
