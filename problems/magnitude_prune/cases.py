import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(50)
    quantised = np.round(generator.normal(0, 1, (256, 256)) * 4) / 4  # many exact ties
    return [
        Case(
            "example",
            {"weight": np.array([[0.5, -0.1, 0.1], [-2.0, 0.1, 0.0]]), "sparsity": 0.5},
            sample=True,
        ),
        Case(
            "sparsity_needs_epsilon",
            {"weight": np.arange(1.0, 101.0), "sparsity": 0.29},
            sample=True,
        ),
        Case("zero_sparsity_keeps_all", {"weight": generator.normal(size=(4, 4)), "sparsity": 0.0}),
        Case(
            "full_sparsity_prunes_all", {"weight": generator.normal(size=(3, 5)), "sparsity": 1.0}
        ),
        Case(
            "sign_does_not_matter",
            {"weight": np.array([-5.0, 1.0, -0.5, 3.0, -0.1, 0.2]), "sparsity": 0.5},
        ),
        Case("all_equal_ties_by_index", {"weight": np.full((3, 4), 0.7), "sparsity": 0.25}),
        Case(
            "negative_zero_and_zero",
            {"weight": np.array([0.0, -0.0, 1.0, -1.0, 0.0]), "sparsity": 0.4},
        ),
        Case("quantised_weights_tie_boundary", {"weight": quantised, "sparsity": 0.37}),
        Case(
            "float32_conv_weight",
            {
                "weight": generator.normal(0, 0.02, (64, 32, 3, 3)).astype(np.float32),
                "sparsity": 0.9,
            },
        ),
        Case(
            "four_million_weights",
            {"weight": generator.normal(0, 0.02, (2048, 2048)).astype(np.float32), "sparsity": 0.8},
        ),
    ]
