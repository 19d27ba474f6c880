"""Every result the engine hands back can be stored as strict JSON (PostgreSQL's jsonb)."""

import json
import math

import numpy as np

from graders.coding.pictures import case_pictures
from graders.coding.verdicts import CaseResult, GradeResult, Limits, Verdict
from graders.coding.verify import not_strict_json
from graders.jsonsafe import json_safe


def test_an_exact_image_match_has_no_infinite_psnr_in_its_figures():
    image = np.arange(64, dtype=np.uint8).reshape(8, 8)
    pictures = case_pictures(image, image.copy(), {"image": image})
    assert pictures is not None
    assert pictures.stats["identical"] is True
    assert pictures.stats["psnr"] is None
    json.dumps(pictures.stats, allow_nan=False)


def test_a_near_match_keeps_its_finite_psnr():
    image = np.zeros((8, 8), dtype=np.uint8)
    other = image.copy()
    other[0, 0] = 1
    pictures = case_pictures(image, other, {"image": image})
    assert pictures is not None
    assert pictures.stats["identical"] is False
    assert isinstance(pictures.stats["psnr"], float) and math.isfinite(pictures.stats["psnr"])


def test_non_finite_numbers_anywhere_in_a_result_become_null():
    raw = {"a": float("inf"), "b": [1.0, float("nan"), {"c": -float("inf")}], "d": (2.0,)}
    assert json_safe(raw) == {"a": None, "b": [1.0, None, {"c": None}], "d": [2.0]}


def test_a_grade_result_serialises_strictly_even_with_non_finite_times():
    case = CaseResult("hidden", False, Verdict.ACCEPTED, cpu_time=float("nan"))
    result = GradeResult(Verdict.ACCEPTED, 1.0, (case,), "", Limits(1.0, 256))
    json.dumps(result.to_dict(), allow_nan=False)
    assert not_strict_json(result) is None


def test_verify_reports_a_sample_case_whose_figures_are_not_strict_json(monkeypatch):
    from graders.coding import verify

    class Figures:
        stats = {"psnr": float("inf")}

    monkeypatch.setattr(verify, "case_pictures", lambda *args: Figures())
    case = CaseResult("example", True, Verdict.ACCEPTED, actual=np.zeros(2), expected=np.zeros(2))
    result = GradeResult(Verdict.ACCEPTED, 1.0, (case,), "", Limits(1.0, 256))
    assert not_strict_json(result) is not None
