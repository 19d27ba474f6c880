import numpy as np

from graders.casekit import Case, rng


def rotation(generator):
    q, r = np.linalg.qr(generator.normal(size=(3, 3)))
    q = q @ np.diag(np.sign(np.diag(r)))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


def moved(generator, a, noise):
    return (
        a @ rotation(generator).T + generator.normal(0, 10, 3) + generator.normal(0, noise, a.shape)
    )


def generate():
    g = rng(1976)
    cube = np.array([[0.0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    rz = np.array([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]])
    planar = np.column_stack([g.normal(size=(50, 2)), np.zeros(50)])
    mirror = g.normal(size=(30, 3))
    cloud = g.normal(size=(1_000_000, 3)) * [5, 2, 1]
    return [
        Case("example", {"a": cube, "b": cube @ rz.T + [1, 2, 3]}, sample=True),
        Case(
            "noisy_small", {"a": (s := g.normal(size=(10, 3))), "b": moved(g, s, 0.01)}, sample=True
        ),
        Case("three_points", {"a": (s := g.normal(size=(3, 3))), "b": moved(g, s, 0.0)}),
        Case("identity", {"a": (s := g.normal(size=(8, 3))), "b": s.copy()}),
        Case("pure_translation", {"a": (s := g.normal(size=(8, 3))), "b": s + [5, -3, 2]}),
        Case("mirror_image_needs_sign_fix", {"a": mirror, "b": mirror * [1, 1, -1]}),
        Case("planar_points", {"a": planar, "b": moved(g, planar, 0.001)}),
        Case(
            "rotation_by_180_degrees",
            {"a": (s := g.normal(size=(20, 3))), "b": s @ np.diag([-1.0, -1, 1]).T},
        ),
        Case("heavy_noise", {"a": (s := g.normal(size=(200, 3))), "b": moved(g, s, 0.5)}),
        Case("cloud_1m", {"a": cloud, "b": moved(g, cloud, 0.05)}),
    ]
