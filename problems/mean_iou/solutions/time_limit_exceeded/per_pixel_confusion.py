# Correct, but counts the confusion matrix pixel by pixel in Python (8 million pixels at 4K).
def mean_iou(pred, target, num_classes, ignore_index=255):
    confusion = [[0] * num_classes for _ in range(num_classes)]
    for prow, trow in zip(pred.tolist(), target.tolist()):
        for p, t in zip(prow, trow):
            if t != ignore_index:
                confusion[t][p] += 1
    ious = []
    for c in range(num_classes):
        tp = confusion[c][c]
        union = sum(confusion[c]) + sum(row[c] for row in confusion) - tp
        if union:
            ious.append(tp / union)
    return sum(ious) / len(ious)
