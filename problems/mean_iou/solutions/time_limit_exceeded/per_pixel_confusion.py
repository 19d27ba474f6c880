# Correct, but visits every pixel with numpy indexing in a Python loop (8 million at 4K).
def mean_iou(pred, target, num_classes, ignore_index=255):
    confusion = [[0] * num_classes for _ in range(num_classes)]
    height, width = target.shape
    for y in range(height):
        for x in range(width):
            t = int(target[y, x])
            if t != ignore_index:
                confusion[t][int(pred[y, x])] += 1
    ious = []
    for c in range(num_classes):
        tp = confusion[c][c]
        union = sum(confusion[c]) + sum(row[c] for row in confusion) - tp
        if union:
            ious.append(tp / union)
    return sum(ious) / len(ious)
