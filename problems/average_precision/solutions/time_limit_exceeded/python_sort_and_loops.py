# Correct, but sorts and accumulates in Python.
def average_precision(scores, is_true_positive, num_ground_truth):
    rows = sorted(zip((-s for s in scores.tolist()), range(len(scores))))
    tp_flags = is_true_positive.tolist()
    precision, recall = [], []
    tp = fp = 0
    for _, i in rows:
        if tp_flags[i]:
            tp += 1
        else:
            fp += 1
        precision.append(tp / (tp + fp))
        recall.append(tp / num_ground_truth)
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    import numpy as np

    total, j = 0.0, 0
    for r in np.linspace(0, 1, 101).tolist():
        while j < len(recall) and recall[j] < r:
            j += 1
        total += precision[j] if j < len(recall) else 0.0
    return total / 101
