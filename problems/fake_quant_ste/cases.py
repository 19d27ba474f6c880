import numpy as np

from graders.casekit import Case, rng

INT8 = (-128, 127)
UINT8 = (0, 255)
INT4 = (-8, 7)
WIDE = (-4096, 4095)


def f32(values):
    return np.asarray(values, dtype=np.float32)


def away_from_halves(generator, draw, scale, gap=1e-3):
    """Redraw every x whose x * (1/scale) lies within `gap` of a half-integer.

    For scales that are not powers of two, x / scale and x * (1/scale) can differ by one ulp,
    which flips the rounding right at a tie; a gap keeps every correct formulation equal.
    """
    inv_scale = np.float32(1) / np.float32(scale)
    x = draw()
    while True:
        v = (x * inv_scale).astype(np.float64)
        close = np.abs(v - np.floor(v) - 0.5) < gap
        if not close.any():
            return x
        x[close] = draw()[close]


def quant(x, scale, zero_point, bounds):
    return {
        "x": f32(x),
        "scale": float(scale),
        "zero_point": int(zero_point),
        "quant_min": bounds[0],
        "quant_max": bounds[1],
    }


def boundary_values(scale, zero_point, bounds):
    """x / scale at quant_max - zp + d and quant_min - zp - d: both sides of each range edge."""
    offsets = np.array([0.25, 0.4, 0.49, 0.5, 0.51, 0.6, 1.0, 1.5])
    above = bounds[1] - zero_point + offsets
    below = bounds[0] - zero_point - offsets
    inner = np.array([bounds[1] - zero_point, bounds[0] - zero_point, 0.0])
    return quant(np.concatenate([above, below, inner]) * scale, scale, zero_point, bounds)


def random_case(generator, shape, scale, zero_point, bounds, spread):
    """Normal values whose x / scale spreads `spread` steps around 0 (some saturate)."""

    def draw():
        # |x / scale| <= 4000: inside the promised 4096 steps.
        return f32(np.clip(generator.normal(0, spread, shape), -4000, 4000) * scale)

    return quant(away_from_halves(generator, draw, scale), scale, zero_point, bounds)


def generate():
    generator = rng(20260214)
    ties = (np.arange(-12, 12) + 0.5) * 0.25
    saturating = f32(generator.integers(-10_000, 10_001, 64))
    saturating[:4] = [10_000, -10_000, 128, -129]
    return [
        Case(
            "example",
            quant([-4.8, -4.4, -0.75, -0.25, 0.25, 1.25, 3.24, 3.26], 0.5, 1, INT4),
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "int8_activations_scale_0_05",
            random_case(generator, (2, 3, 4), 0.05, 0, INT8, 60),
            sample=True,
        ),
        Case("exact_ties_even_zero_point", quant(ties, 0.25, 0, INT8)),
        Case("exact_ties_odd_zero_point", quant(ties, 0.25, 3, INT8)),
        Case("exact_ties_odd_zero_point_uint8", quant(ties, 0.25, 129, UINT8)),
        Case("range_edges_int8_zero_point_0", boundary_values(0.25, 0, INT8)),
        Case("range_edges_int8_odd_zero_point", boundary_values(0.5, 5, INT8)),
        Case("range_edges_uint8_zero_point_128", boundary_values(0.5, 128, UINT8)),
        Case("range_edges_4bit_scale_2_pow_minus_6", boundary_values(2.0**-6, -1, INT4)),
        Case("saturating_far_outside_range", quant(saturating, 1.0, 0, INT8)),
        Case("zero_point_equals_quant_min", random_case(generator, (256,), 0.02, 0, UINT8, 150)),
        Case("zero_point_equals_quant_max", random_case(generator, (256,), 0.02, 127, INT8, 150)),
        Case("four_bit_signed", random_case(generator, (8, 16), 0.1, 0, INT4, 6)),
        Case(
            "four_bit_unsigned_zero_point_8", random_case(generator, (8, 16), 0.037, 8, (0, 15), 6)
        ),
        Case("wide_range_4096", random_case(generator, (4096,), 0.01, 0, WIDE, 2000)),
        Case("scale_3", random_case(generator, (5, 7), 3.0, -2, INT8, 100)),
        Case("single_element", quant([0.8], 0.25, 0, INT8)),
        Case(
            "activations_16x64x32x32_uint8",
            random_case(generator, (16, 64, 32, 32), 0.037, 64, UINT8, 80),
        ),
    ]
