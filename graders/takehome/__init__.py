"""Take-home projects: synthetic datasets, candidate downloads, predictions, metrics, plots.

Knows nothing of Django. The site's side of a take-home is::

    package = load_takehome("problems/takehome_detection")
    zip_path = build_candidate_zip(package, downloads_dir)          # what the candidate gets
    predictions = validate_predictions(package, data, "predictions.json")  # PredictionError
    report = score(package, predictions, reported_latency_ms=None)  # MetricReport
    report.to_json(), render_plots(package, report)                 # stored with the hand-in

and, for the code archive, ``inspect_zip`` and ``read_text_file`` (UploadError).
"""

from graders.takehome.archive import UploadError, ZipEntry, inspect_zip, read_text_file
from graders.takehome.candidate import build_candidate_zip
from graders.takehome.dataset import LabeledSplit, test_labels
from graders.takehome.package import DatasetSpec, RubricItem, TakehomePackage, load_takehome
from graders.takehome.plots import render_plots
from graders.takehome.predictions import (
    PREDICTION_SUFFIXES,
    ClassificationPredictions,
    Detection,
    DetectionPredictions,
    PredictionError,
    Predictions,
    SegmentationPredictions,
    validate_predictions,
)
from graders.takehome.report import MetricReport
from graders.takehome.scoring import score

__all__ = [
    "PREDICTION_SUFFIXES",
    "ClassificationPredictions",
    "DatasetSpec",
    "Detection",
    "DetectionPredictions",
    "LabeledSplit",
    "MetricReport",
    "PredictionError",
    "Predictions",
    "RubricItem",
    "SegmentationPredictions",
    "TakehomePackage",
    "UploadError",
    "ZipEntry",
    "build_candidate_zip",
    "inspect_zip",
    "load_takehome",
    "read_text_file",
    "render_plots",
    "score",
    "test_labels",
    "validate_predictions",
]
