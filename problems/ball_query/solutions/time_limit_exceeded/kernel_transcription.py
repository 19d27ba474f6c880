# Correct but far too slow: the CUDA kernel transcribed as Python loops over every query and
# every point.
import torch


def ball_query(xyz, new_xyz, radius, nsample):
    r2 = float(torch.tensor(radius, dtype=torch.float32) ** 2)
    out = []
    for points, queries in zip(xyz.tolist(), new_xyz.tolist()):
        rows = []
        for qx, qy, qz in queries:
            row = [0] * nsample
            cnt = 0
            for k, (px, py, pz) in enumerate(points):
                if (qx - px) ** 2 + (qy - py) ** 2 + (qz - pz) ** 2 < r2:
                    if cnt == 0:
                        row = [k] * nsample
                    row[cnt] = k
                    cnt += 1
                    if cnt == nsample:
                        break
            rows.append(row)
        out.append(rows)
    return torch.tensor(out, dtype=torch.int64).reshape(xyz.shape[0], new_xyz.shape[1], nsample)
