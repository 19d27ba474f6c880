# As pycocotools writes it: an explicit envelope loop, then searchsorted per recall level.
import numpy as np


def average_precision(scores, is_true_positive, num_ground_truth):
    order = np.argsort(-scores, kind="mergesort")
    tps = np.cumsum(is_true_positive[order]).astype(float)
    fps = np.cumsum(~is_true_positive[order]).astype(float)
    rc = tps / num_ground_truth
    pr = tps / (tps + fps + np.spacing(1))
    pr = np.maximum.accumulate(pr[::-1])[::-1].tolist()
    q = np.zeros(101)
    inds = np.searchsorted(rc, np.linspace(0.0, 1.0, 101), side="left")
    for ri, pi in enumerate(inds):
        if pi < len(pr):
            q[ri] = pr[pi]
    return float(q.mean())
