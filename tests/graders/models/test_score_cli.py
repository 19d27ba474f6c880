"""python -m graders score <package> --model model.onnx: the site's checks, run and metrics."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from graders.cli import main
from graders.models.package import hidden_inputs, model_spec, score_logits
from graders.package import InvalidPackage
from graders.takehome.package import load_takehome
from tests.graders.conftest import require_sandbox
from tests.graders.models.builders import conv_net

FIXTURE = Path(__file__).parent.parent / "fixtures" / "takehome_model"


@pytest.fixture
def package_dir(tmp_path: Path) -> Path:
    require_sandbox()
    folder = tmp_path / "takehome_model"
    shutil.copytree(FIXTURE, folder)
    starter = conv_net(seed=1, channels=4, size=32, classes=3)
    (folder / "starter.onnx").write_bytes(starter.SerializeToString())
    return folder


def score_json(package: Path, model: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["score", str(package), "--model", str(model), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_valid_model_is_scored_and_its_accuracy_is_an_independent_evaluation(
    package_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handin = conv_net(seed=3, channels=8, size=32, classes=3).SerializeToString()
    (tmp_path / "model.onnx").write_bytes(handin)
    code, out = score_json(package_dir, tmp_path / "model.onnx", capsys)
    assert code == 0, out
    assert out["valid"] and out["refusal"] is None
    assert set(out["latency_ms"]) >= {"p50", "p90"} and out["latency_ms"]["p50"] > 0
    assert out["reference_latency_ms"]["p90"] > 0
    assert out["params"] == 8 * 27 + 8 + 3 * 8 + 3 and out["macs"] > 0
    assert out["size_bytes"] == len(handin)
    assert out["within_budget"] is True and len(out["budget_notes"]) == 2
    assert out["p90_ratio"] > 0
    assert out["latency"]["machine"]["threads"] == 1

    package = load_takehome(package_dir)
    image_ids, images = hidden_inputs(package)
    session = onnxruntime.InferenceSession(handin, providers=["CPUExecutionProvider"])
    (logits,) = session.run(None, {"images": images})
    independent = score_logits(package, image_ids, logits).to_json()
    assert out["metrics"]["headline"] == independent["headline"]
    assert out["metrics"]["confusion"] == independent["confusion"]
    assert out["scored_value"] == pytest.approx(independent["headline"]["macro_f1"], abs=1e-6)


def test_a_refused_model_exits_1_naming_its_rule(
    package_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = conv_net(size=32, classes=5)  # 5 logits where the package has 3 classes
    (tmp_path / "model.onnx").write_bytes(wrong.SerializeToString())
    code, out = score_json(package_dir, tmp_path / "model.onnx", capsys)
    assert code == 1
    assert out["valid"] is False and out["refusal"]["rule"] == "outputs"
    assert out["metrics"] is None and out["latency_ms"] is None and out["scored_value"] == 0


def test_outside_the_latency_budget_the_metric_does_not_count(
    package_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = package_dir / "problem.toml"
    toml.write_text(toml.read_text().replace("p90_ratio = 10.0", "p90_ratio = 0.01"))
    (tmp_path / "model.onnx").write_bytes(
        conv_net(seed=3, channels=64, size=32, classes=3).SerializeToString()
    )
    code, out = score_json(package_dir, tmp_path / "model.onnx", capsys)
    assert code == 0
    assert out["within_budget"] is False and out["scored_value"] == 0
    assert out["metrics"]["headline"]["macro_f1"] >= 0


def test_text_output_names_the_figures(
    package_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "model.onnx").write_bytes(conv_net(size=32, classes=3).SerializeToString())
    assert main(["score", str(package_dir), "--model", str(tmp_path / "model.onnx")]) == 0
    text = capsys.readouterr().out
    assert "p90" in text and "macro_f1" in text and "budget: inside" in text


def test_a_bad_model_table_is_an_invalid_package(package_dir: Path) -> None:
    toml = package_dir / "problem.toml"
    toml.write_text(toml.read_text().replace("queries = 64", "queries = 8"))
    with pytest.raises(InvalidPackage) as caught:
        model_spec(load_takehome(package_dir))
    assert caught.value.field == "model.latency"
    assert main(["score", str(package_dir), "--model", str(toml)]) == 2


def test_a_missing_model_file_exits_2(package_dir: Path, tmp_path: Path) -> None:
    assert main(["score", str(package_dir), "--model", str(tmp_path / "absent.onnx")]) == 2


def test_hidden_inputs_are_the_test_images_in_the_contract_layout(package_dir: Path) -> None:
    package = load_takehome(package_dir)
    image_ids, images = hidden_inputs(package)
    assert images.shape == (24, 3, 32, 32) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    assert len(image_ids) == 24
