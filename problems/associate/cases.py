import numpy as np

from graders.casekit import Case, rng


def boxes(rows):
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def crowd(generator, count, spread, size):
    """A crowd of similar boxes (pedestrians) and the same crowd a frame later, jittered."""
    centre = generator.uniform(0, spread, (count, 2))
    extent = generator.uniform(size * 0.7, size * 1.3, (count, 2))
    tracks = np.concatenate([centre - extent / 2, centre + extent / 2], axis=1)
    moved = centre + generator.normal(0, size * 0.25, centre.shape)
    dets = np.concatenate([moved - extent / 2, moved + extent / 2], axis=1)
    keep = generator.random(count) > 0.15  # some tracks lose their detection
    newcomers = generator.uniform(0, spread, (count // 8, 2))
    new = np.concatenate([newcomers - size / 2, newcomers + size / 2], axis=1)
    dets = np.concatenate([dets[keep], new])
    return tracks, dets[generator.permutation(len(dets))]


def case(name, tracks, dets, thr, sample=False):
    return Case(
        name,
        {"tracks": boxes(tracks), "detections": boxes(dets), "iou_threshold": float(thr)},
        sample=sample,
    )


def generate():
    g = rng(2016)
    t1, d1 = crowd(g, 12, 100, 20)
    t2, d2 = crowd(g, 40, 200, 25)
    t3, d3 = crowd(g, 80, 260, 30)
    return [
        case(
            "example",
            [[0, 0, 10, 10], [6, 0, 16, 10]],
            [[1, 0, 11, 10], [8, 0, 18, 10]],
            0.3,
            sample=True,
        ),
        # Greedy takes (0, 0) first (IoU 0.905) and strands track 1; optimal pairs (0, 1), (1, 0).
        case(
            "greedy_is_not_optimal",
            [[0, 0, 10, 10], [1.5, 0, 11.5, 10]],
            [[0.5, 0, 10.5, 10], [-1.5, 0, 8.5, 10]],
            0.7,
            sample=True,
        ),
        # Without the threshold the best pairing is (0, 1) + (1, 0) = 0.45 + 0.5; dropping the
        # 0.45 pair afterwards leaves 0.5, while (0, 0) alone scores 0.6.
        case(
            "threshold_applies_before_assignment",
            [[0, 0, 10, 1], [0, 0, 3, 1]],
            [[0, 0, 6, 1], [5.5, 0, 10, 1]],
            0.5,
        ),
        case("no_tracks", [], [[0, 0, 1, 1]], 0.3),
        case("no_detections", [[0, 0, 1, 1]], [], 0.3),
        case("nothing_above_threshold", [[0, 0, 1, 1]], [[5, 5, 6, 6]], 0.1),
        case("iou_equal_to_threshold_counts", [[0, 0, 4, 1]], [[0, 0, 2, 1]], 0.5),
        case(
            "more_detections_than_tracks",
            [[0, 0, 10, 10]],
            [[0, 0, 9, 10], [1, 0, 10, 10], [0, 0, 10, 10]],
            0.3,
        ),
        case("small_crowd", t1, d1, 0.3),
        case("crowd_40", t2, d2, 0.3),
        case("crowd_80", t3, d3, 0.2),
    ]
