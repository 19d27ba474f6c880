import numpy as np

from graders.casekit import Case, rng


def generate():
    r = rng(0)

    def pair():
        return {
            "x": r.standard_normal((8, 16)).astype(np.float32),
            "y": r.standard_normal((8, 16)).astype(np.float32),
        }

    return [Case("sample", pair(), sample=True)] + [Case(f"hidden_{i}", pair()) for i in range(4)]
