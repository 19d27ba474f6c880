"""The starter model and the two take-homes built on it (problems/takehome_compress and
problems/takehome_finetune): shipped artefacts checked by digest, packages that load with their
[model] tables, candidate zips carrying the starter, and the model answer inside the budget."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import numpy as np
import onnxruntime
import pytest
import torch

from graders.models import starter
from graders.models.package import hidden_inputs, model_spec, score_handin
from graders.takehome.candidate import build_candidate_zip
from graders.takehome.dataset import generate_split
from graders.takehome.package import load_takehome
from tests.graders.conftest import require_sandbox

PROBLEMS = Path(__file__).resolve().parents[3] / "problems"
COMPRESS = PROBLEMS / "takehome_compress"
FINETUNE = PROBLEMS / "takehome_finetune"
STARTER = COMPRESS / "starter"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_starter_matches_its_recipe_by_digest() -> None:
    manifest = starter.check(STARTER)
    assert manifest["classes"] == ["circle", "square", "triangle"]
    assert manifest["image_size"] == 48


def test_a_changed_recipe_makes_the_starter_stale(tmp_path: Path) -> None:
    folder = tmp_path / "starter"
    shutil.copytree(STARTER, folder)
    recipe = folder / "pretraining.toml"
    recipe.write_text(recipe.read_text().replace("epochs = 10", "epochs = 11"))
    with pytest.raises(starter.StaleStarter, match="the recipe changed"):
        starter.check(folder)


def test_a_tampered_artefact_is_stale(tmp_path: Path) -> None:
    folder = tmp_path / "starter"
    shutil.copytree(STARTER, folder)
    (folder / "model.onnx").write_bytes((STARTER / "model.onnx").read_bytes() + b"\0")
    with pytest.raises(starter.StaleStarter, match="does not match the manifest"):
        starter.check(folder)


def test_the_starter_onnx_computes_what_its_pytorch_weights_compute() -> None:
    # Our own weights, written by the build: the only torch.load in the take-homes' path.
    trainer = _module(STARTER / "train_starter.py")
    model = trainer.load_starter(STARTER / "weights.pt", classes=3)
    spec = load_takehome(COMPRESS)
    images = np.stack([s.image for s in generate_split(spec.dataset, "val").scenes[:16]])
    pixels = images.transpose(0, 3, 1, 2).astype(np.float32) / 255
    with torch.no_grad():
        expected = model(torch.from_numpy(pixels)).numpy()
    session = onnxruntime.InferenceSession(
        str(STARTER / "model.onnx"), providers=["CPUExecutionProvider"]
    )
    (logits,) = session.run(None, {"images": pixels})
    np.testing.assert_allclose(logits, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("folder", [COMPRESS, FINETUNE], ids=lambda p: p.name)
def test_the_model_takehomes_state_the_starter_contract(folder: Path) -> None:
    package = load_takehome(folder)
    spec = model_spec(package)
    assert spec is not None and spec.latency is not None
    io_contract = spec.contract.io
    assert (io_contract.input_name, io_contract.output_name) == ("images", "logits")
    assert (io_contract.height, io_contract.width) == (48, 48)
    assert io_contract.classes == len(package.class_names)
    image_ids, images = hidden_inputs(package)
    assert images.shape == (package.dataset.test, 3, 48, 48) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0


def test_only_the_compression_takehome_has_a_budget_against_the_starter() -> None:
    compress = model_spec(load_takehome(COMPRESS))
    finetune = model_spec(load_takehome(FINETUNE))
    assert compress is not None and finetune is not None
    assert compress.reference == COMPRESS / "starter" / "model.onnx"
    assert compress.budget is not None and compress.budget.p90_ratio == 0.7
    assert finetune.budget is None and finetune.reference is None


def test_domain_b_differs_from_domain_a_in_light_and_texture() -> None:
    domain_a = load_takehome(COMPRESS).dataset
    domain_b = load_takehome(FINETUNE).dataset
    assert domain_a.lighting is None and not domain_a.texture
    assert domain_b.lighting == (0.45, 0.85) and domain_b.texture
    assert set(domain_b.classes) - set(domain_a.classes) == {"ellipse", "star", "hexagon"}
    brightness_a = np.mean([s.image.mean() for s in generate_split(domain_a, "val").scenes])
    brightness_b = np.mean([s.image.mean() for s in generate_split(domain_b, "val").scenes])
    assert brightness_b < 0.85 * brightness_a


def test_the_candidate_zip_carries_the_starter_but_no_test_images(tmp_path: Path) -> None:
    package = load_takehome(FINETUNE)
    archive = build_candidate_zip(package, tmp_path / "data.zip")
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
        assert bundle.read("starter/weights.pt") == (STARTER / "weights.pt").read_bytes()
        assert (
            bundle.read("starter/train_starter.py") == (STARTER / "train_starter.py").read_bytes()
        )
        readme = bundle.read("README.md").decode()
    assert {"starter/model.onnx", "starter/manifest.json", "train/labels.csv"} <= names
    # The model runs on the server: neither the test images nor their labels are in the zip.
    assert not any(name.startswith("test/") for name in names)
    assert "test/images" not in readme and "predictions.csv" not in readme
    assert "stay on the server" in readme


def test_a_changed_starter_changes_the_fingerprint(tmp_path: Path) -> None:
    folder = tmp_path / "takehome_compress"
    shutil.copytree(COMPRESS, folder)
    before = load_takehome(folder).fingerprint
    (folder / "starter" / "README.md").write_text("changed\n")
    assert load_takehome(folder).fingerprint != before


def test_the_int8_model_answer_is_inside_the_budget_and_the_starter_is_not(
    tmp_path: Path,
) -> None:
    require_sandbox()
    package = load_takehome(COMPRESS)
    sys.path.insert(0, str(COMPRESS / "solution"))
    try:
        quantize = _module(COMPRESS / "solution" / "quantize.py")
    finally:
        sys.path.remove(str(COMPRESS / "solution"))
    train = generate_split(package.dataset, "train").scenes[:64]
    calibration = np.stack([s.image for s in train]).transpose(0, 3, 1, 2) / 255
    quantized = tmp_path / "int8.onnx"
    quantize.quantize(STARTER / "model.onnx", calibration.astype(np.float32), quantized)

    answer = score_handin(package, quantized.read_bytes())
    assert answer.run.card is not None and answer.run.card.quantised == "qdq"
    assert answer.within_budget is True, answer.budget_notes
    assert answer.scored_value == pytest.approx(answer.report.primary_value)  # type: ignore[union-attr]

    # The starter itself is as accurate as itself but no faster: outside, so it counts 0.
    itself = score_handin(package, (STARTER / "model.onnx").read_bytes())
    assert itself.within_budget is False and itself.scored_value == 0.0
    assert itself.report is not None and itself.report.primary_value > 0.8
