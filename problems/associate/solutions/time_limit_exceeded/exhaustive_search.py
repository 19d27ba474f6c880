# Correct, but tries every one-to-one set of allowed pairs (depth-first, no decomposition):
# exponential in the number of tracks, hopeless for a crowd of 80.
def associate(tracks, detections, iou_threshold):
    n, m = len(tracks), len(detections)
    if n == 0 or m == 0:
        return []
    a, b = tracks.tolist(), detections.tolist()
    options = []
    for t in range(n):
        row = []
        for d in range(m):
            w = max(0.0, min(a[t][2], b[d][2]) - max(a[t][0], b[d][0]))
            h = max(0.0, min(a[t][3], b[d][3]) - max(a[t][1], b[d][1]))
            inter = w * h
            area_t = (a[t][2] - a[t][0]) * (a[t][3] - a[t][1])
            area_d = (b[d][2] - b[d][0]) * (b[d][3] - b[d][1])
            union = area_t + area_d - inter
            iou = inter / union if union > 0 else 0.0
            if iou >= iou_threshold:
                row.append((d, iou))
        options.append(row)
    best_total, best_pairs = -1.0, []
    used = [False] * m

    def search(t, total, pairs):
        nonlocal best_total, best_pairs
        if t == n:
            if total > best_total:
                best_total, best_pairs = total, list(pairs)
            return
        search(t + 1, total, pairs)
        for d, iou in options[t]:
            if not used[d]:
                used[d] = True
                pairs.append((t, d))
                search(t + 1, total + iou, pairs)
                pairs.pop()
                used[d] = False

    search(0, 0.0, [])
    return best_pairs
