"""python -m graders score <package> <file>: one command scores a hand-in of any kind, as the
site's worker does (a coding solution, a design spec, take-home predictions)."""

import json
from pathlib import Path

import pytest

from graders.cli import main
from tests.graders.takehome.factories import SHIPPED, json_bytes, perfect_detections, shipped

REPO = Path(__file__).resolve().parents[2]
ADD_ONE = Path(__file__).parent / "fixtures" / "add_one"
DESIGN = REPO / "problems" / "design_multicam_detection"


def scored(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["score", *map(str, args), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_coding_solution_is_scored_as_a_submit(add_one, capsys):
    code, out = scored(capsys, ADD_ONE, ADD_ONE / "solutions/accepted/alt.py")
    assert code == 0 and out["verdict"] == "accepted" and out["score"] == 1.0
    code, out = scored(capsys, ADD_ONE, ADD_ONE / "solutions/wrong_answer/plus2.py")
    assert code == 1 and out["verdict"] == "wrong_answer" and out["score"] < 1.0


def test_a_design_spec_is_checked_then_simulated(capsys):
    code, out = scored(capsys, DESIGN, DESIGN / "model_spec.yaml")
    assert code == 0 and out["score"] == 1.0 and out["details"]["metrics"]
    wrong = DESIGN / "wrong_specs" / "batch_too_large_for_budget.yaml"
    code, out = scored(capsys, DESIGN, wrong)
    assert code == 0 and out["score"] < 1.0


def test_a_design_spec_that_does_not_parse_scores_zero_with_its_errors(tmp_path, capsys):
    broken = tmp_path / "spec.yaml"
    broken.write_text("stages: [")
    code, out = scored(capsys, DESIGN, broken)
    assert code == 1 and out["score"] == 0.0 and out["spec_errors"]


def test_take_home_predictions_are_scored_on_the_hidden_split(tmp_path, capsys):
    predictions = tmp_path / "predictions.json"
    predictions.write_bytes(json_bytes(perfect_detections(shipped("detection"))))
    code, out = scored(capsys, SHIPPED["detection"], predictions)
    assert code == 0 and out["metric"] == "mAP" and out["score"] == 1.0


def test_score_without_a_file_or_model_says_what_it_needs(capsys):
    assert main(["score", str(DESIGN)]) == 2
    assert "needs a file" in capsys.readouterr().err
