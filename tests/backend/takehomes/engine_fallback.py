"""Stand-ins for the parts of graders.takehome that are not there yet (it is built in parallel).

Only used for names the real engine lacks; once it exports them, the tests run against it.
The classification behaviour mirrors the documented format (CSV ``image_id,label``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any


class PredictionError(ValueError):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{where}: {what}" for where, what in errors))


@dataclass(frozen=True)
class MetricReport:
    headline: dict[str, float]
    primary: str
    per_class: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"headline": self.headline, "primary": self.primary, "per_class": self.per_class}


PREDICTION_SUFFIXES = {
    "detection": (".json",),
    "segmentation": (".zip",),
    "classification": (".csv",),
}


def validate_predictions(package: Any, data: bytes, filename: str) -> dict[int, str]:
    from graders.takehome.dataset import split_image_ids

    if package.task != "classification":
        json.loads(data)
        return {}
    test_ids = set(split_image_ids(package.dataset, "test"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"))))
    if not rows or rows[0] != ["image_id", "label"]:
        raise PredictionError([("header", "must be image_id,label")])
    errors, predictions = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or not row[0].isdigit() or int(row[0]) not in test_ids:
            errors.append((f"row {number}", f"image_id {row[0] if row else ''!r} is not a test id"))
        elif row[1] not in package.dataset.classes:
            errors.append((f"row {number}", f"label {row[1]!r} is not a class"))
        else:
            predictions[int(row[0])] = row[1]
    if errors:
        raise PredictionError(errors)
    return predictions


def score(package: Any, predictions: dict[int, str], *, reported_latency_ms=None) -> MetricReport:
    from graders.takehome.dataset import test_labels

    truth = test_labels(package)
    names = package.dataset.classes
    right = sum(
        predictions.get(image_id) == names[scene.label]
        for image_id, scene in zip(truth.image_ids, truth.scenes, strict=True)
    )
    accuracy = right / len(truth.image_ids)
    return MetricReport(headline={"accuracy": accuracy, "macro_f1": accuracy}, primary="macro_f1")


PNG_1X1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
    b"\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00\x00IEND\xaeB`\x82"
)


def render_plots(package: Any, report: MetricReport) -> dict[str, bytes]:
    return {"confusion_matrix": PNG_1X1}


def fallback_names() -> dict[str, Any]:
    from graders.takehome import archive, candidate, package

    return {
        "load_takehome": package.load_takehome,
        "TakehomePackage": package.TakehomePackage,
        "build_candidate_zip": candidate.build_candidate_zip,
        "inspect_zip": archive.inspect_zip,
        "UploadError": archive.UploadError,
        "ZipEntry": archive.ZipEntry,
        "read_text_file": archive.read_text_file,
        "PREDICTION_SUFFIXES": PREDICTION_SUFFIXES,
        "PredictionError": PredictionError,
        "validate_predictions": validate_predictions,
        "score": score,
        "render_plots": render_plots,
    }
