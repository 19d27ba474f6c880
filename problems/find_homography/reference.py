import numpy as np


def _normaliser(points):
    centre = points.mean(axis=0)
    spread = np.sqrt(((points - centre) ** 2).sum(axis=1)).mean()
    scale = np.sqrt(2) / spread if spread > 0 else 1.0
    return np.array([[scale, 0, -scale * centre[0]], [0, scale, -scale * centre[1]], [0, 0, 1]])


def find_homography(src, dst):
    """Normalised DLT (Hartley and Zisserman, algorithm 4.2)."""
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    t_src, t_dst = _normaliser(src), _normaliser(dst)
    a = (np.c_[src, np.ones(len(src))] @ t_src.T)[:, :2]
    b = (np.c_[dst, np.ones(len(dst))] @ t_dst.T)[:, :2]
    rows = []
    for (x, y), (u, v) in zip(a, b, strict=True):
        rows.append([-x, -y, -1, 0, 0, 0, u * x, u * y, u])
        rows.append([0, 0, 0, -x, -y, -1, v * x, v * y, v])
    _, _, vt = np.linalg.svd(np.array(rows))
    h = vt[-1].reshape(3, 3)
    h = np.linalg.inv(t_dst) @ h @ t_src
    return h / h[2, 2]
