"""Issue 14's "done when": the accuracy the platform measures (and the site stores, the report
of ``handin_json``) equals an independent evaluation of the same model on the same hidden
inputs: onnxruntime in this process, the images and labels taken from the hidden split, the
metrics counted here with numpy rather than by the take-home's own scoring code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from graders.models.package import score_handin
from graders.models.report import handin_json
from graders.takehome.dataset import generate_split, test_labels
from graders.takehome.package import load_takehome
from tests.graders.conftest import require_sandbox

COMPRESS = Path(__file__).resolve().parents[3] / "problems" / "takehome_compress"
STARTER = COMPRESS / "starter" / "model.onnx"


def int8_answer(package, out: Path) -> bytes:
    """The model answer: the starter quantised (QDQ) with the package's own solution script."""
    sys.path.insert(0, str(COMPRESS / "solution"))
    try:
        spec = importlib.util.spec_from_file_location(
            "quantize", COMPRESS / "solution" / "quantize.py"
        )
        assert spec is not None and spec.loader is not None
        quantize = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(quantize)
    finally:
        sys.path.remove(str(COMPRESS / "solution"))
    train = generate_split(package.dataset, "train").scenes[:64]
    calibration = np.stack([s.image for s in train]).transpose(0, 3, 1, 2) / 255
    quantize.quantize(STARTER, calibration.astype(np.float32), out)
    return out.read_bytes()


def independent_predictions(model: bytes, package) -> tuple[np.ndarray, np.ndarray]:
    """(top-1 class index, true class index) per hidden image, in the split's order."""
    split = test_labels(package)
    # The contract, read from the brief: RGB in [0, 1], float32, (N, 3, S, S).
    images = np.stack([scene.image for scene in split.scenes]).astype(np.float32) / 255.0
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1  # as in the sandbox
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    (logits,) = session.run(["logits"], {"images": images.transpose(0, 3, 1, 2).copy()})
    truth = np.array([scene.label for scene in split.scenes])
    return np.argmax(logits, axis=1), truth


def macro_f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Unweighted mean of F1 over the classes in the truth or the predictions."""
    scores = []
    for label in np.union1d(predicted, truth):
        tp = np.sum((predicted == label) & (truth == label))
        fp = np.sum((predicted == label) & (truth != label))
        fn = np.sum((predicted != label) & (truth == label))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


@pytest.mark.parametrize("which", ["starter", "int8"])
def test_the_measured_accuracy_equals_an_onnxruntime_run_in_this_process(
    which: str, tmp_path: Path
) -> None:
    # The compression take-home as shipped: all its hidden inputs, its own protocol. (The
    # fine-tune take-home has 4 classes: the 3-class starter is refused there before it runs.)
    require_sandbox()
    package = load_takehome(COMPRESS)
    model = (
        STARTER.read_bytes() if which == "starter" else int8_answer(package, tmp_path / "m.onnx")
    )

    stored = handin_json(score_handin(package, model))
    assert stored["valid"], stored["refusal"]
    predicted, truth = independent_predictions(model, package)
    assert len(truth) == package.dataset.test  # every hidden input, none left out

    headline = stored["metrics"]["headline"]
    assert headline["accuracy"] == pytest.approx(float(np.mean(predicted == truth)), abs=1e-6)
    assert headline["macro_f1"] == pytest.approx(macro_f1(predicted, truth), abs=1e-6)
    classes = list(package.dataset.classes)
    confusion = np.zeros((len(classes), len(classes)), dtype=int)
    np.add.at(confusion, (truth, predicted), 1)
    assert stored["metrics"]["confusion"]["labels"] == classes
    assert stored["metrics"]["confusion"]["matrix"] == confusion.tolist()
