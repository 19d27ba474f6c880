# Correct, but pure Python: math.exp per logit (ImageNet batch: 8 million of them).
import math


def softmax_cross_entropy(logits, labels, label_smoothing):
    rows = logits.tolist()
    total = 0.0
    for row, label in zip(rows, labels.tolist()):
        top = max(row)
        log_norm = top + math.log(sum(math.exp(value - top) for value in row))
        true_class = log_norm - row[label]
        uniform = log_norm - sum(row) / len(row)
        total += (1 - label_smoothing) * true_class + label_smoothing * uniform
    return total / len(rows)
