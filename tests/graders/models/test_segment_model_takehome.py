"""problems/takehome_segment_model: a segmentation take-home that asks for a model. The
argmax mask is scored with mIoU on hidden masks that never enter the sandbox, equal to an
independent numpy evaluation; plausible wrong models score low; the CLI scores it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import helper

from graders.cli import main
from graders.models import evaluate_model
from graders.models.package import hidden_inputs, model_spec, score_logits
from graders.package import InvalidPackage
from graders.takehome.candidate import build_candidate_zip
from graders.takehome.dataset import generate_split
from graders.takehome.package import load_takehome
from tests.graders.conftest import require_sandbox
from tests.graders.models.segmentation_builders import dense_model, pointwise, with_output_node

PACKAGE = Path(__file__).resolve().parents[3] / "problems" / "takehome_segment_model"
ANSWER = PACKAGE / "solution" / "model.onnx"


def _independent_miou(truth: np.ndarray, predicted: np.ndarray, classes: int) -> float:
    """Summed over the split, background (0) left out, absent classes left out."""
    ious = []
    for label in range(1, classes):
        union = np.logical_or(truth == label, predicted == label).sum()
        if union:
            ious.append(np.logical_and(truth == label, predicted == label).sum() / union)
    return float(np.mean(ious))


def test_the_package_states_the_segmentation_contract_and_ships_no_test_images(
    tmp_path: Path,
) -> None:
    package = load_takehome(PACKAGE)
    spec = model_spec(package)
    assert spec is not None and spec.latency is not None and spec.budget is None
    assert spec.contract.io.describe() == (
        "input 'images' float32 (N, 3, 64, 64) with N dynamic; "
        "output 'logits' float32 (N, 4, 64, 64)"
    )
    assert "(N, 4, 64, 64)" in package.brief and "background, circle, triangle, square" in (
        package.brief
    )
    image_ids, inputs = hidden_inputs(package)
    assert inputs.shape == (64, 3, 64, 64) and len(image_ids) == 64
    with zipfile.ZipFile(build_candidate_zip(package, tmp_path / "data.zip")) as bundle:
        names = set(bundle.namelist())
        readme = bundle.read("README.md").decode()
    assert "train/masks/000001.png" in names and "val/masks/000401.png" in names
    assert not any(name.startswith(("test/", "solution/")) for name in names)
    assert "stay on the server" in readme and "starter/" not in readme


def test_a_too_long_latency_protocol_for_dense_outputs_is_an_invalid_package(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "takehome_segment_model"
    folder.mkdir()
    (folder / "brief.md").write_text((PACKAGE / "brief.md").read_text())
    toml = (PACKAGE / "problem.toml").read_text().replace("queries = 64", "queries = 4096")
    (folder / "problem.toml").write_text(toml.replace("loops = 5", "loops = 25"))
    with pytest.raises(InvalidPackage, match="model.latency"):
        model_spec(load_takehome(folder))


def test_the_model_answer_scores_the_miou_of_an_independent_evaluation() -> None:
    require_sandbox()
    package = load_takehome(PACKAGE)
    spec = model_spec(package)
    assert spec is not None
    image_ids, inputs = hidden_inputs(package)
    run = evaluate_model(
        model_bytes=ANSWER.read_bytes(), contract=spec.contract, inputs=inputs, latency=None
    )
    assert run.refusal is None and run.outputs is not None
    report = score_logits(package, image_ids, run.outputs)

    session = onnxruntime.InferenceSession(str(ANSWER), providers=["CPUExecutionProvider"])
    (logits,) = session.run(None, {"images": inputs})
    predicted = np.argmax(logits, axis=1)
    truth = np.stack([scene.class_map for scene in generate_split(package.dataset, "test").scenes])
    expected = _independent_miou(truth, predicted, 4)
    assert report.primary == "mIoU"
    assert report.headline["mIoU"] == pytest.approx(expected, abs=1e-9)
    assert set(report.per_class) == {"background", "circle", "triangle", "square"}
    assert expected > 0.65


def test_plausible_wrong_models_score_low() -> None:
    require_sandbox()
    package = load_takehome(PACKAGE)
    spec = model_spec(package)
    assert spec is not None
    image_ids, inputs = hidden_inputs(package)

    def miou(model: onnx.ModelProto) -> float:
        run = evaluate_model(
            model_bytes=model.SerializeToString(),
            contract=spec.contract,
            inputs=inputs,
            latency=None,
        )
        assert run.refusal is None and run.outputs is not None, run.refusal
        return score_logits(package, image_ids, run.outputs).headline["mIoU"]

    answer = onnx.load_model_from_string(ANSWER.read_bytes())
    transpose = helper.make_node("Transpose", ["raw"], ["logits"], perm=[0, 1, 3, 2])
    transposed = with_output_node(answer, transpose)
    nodes, tensors = pointwise(np.zeros((4, 3)), np.array([1.0, 0, 0, 0]), size=64)
    background = dense_model(nodes, tensors, size=64, output_shape=["N", 4, 64, 64])
    assert miou(background) == 0.0
    assert miou(transposed) < 0.6 * miou(answer)


def test_the_cli_scores_a_segmentation_model_with_miou(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_sandbox()
    code = main(["score", str(PACKAGE), "--model", str(ANSWER), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    assert out["metrics"]["primary"] == "mIoU" and out["scored_value"] > 0.65
    assert out["metrics"]["per_class"]["square"]["IoU"] >= 0
    assert out["latency_ms"]["p90"] > 0 and out["macs"] > 0
    assert out["card"]["outputs"][0]["shape"] == ["N", 4, 64, 64]
