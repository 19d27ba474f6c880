"""python -m graders zip and score for take-home authors: the candidate's download, and a
predictions file scored with a reported latency and its charts written out."""

import json
from pathlib import Path

from graders.cli import main
from tests.graders.takehome.factories import (
    SHIPPED,
    json_bytes,
    perfect_detections,
    shipped,
    small_package_dir,
)


def test_score_prints_the_report_and_writes_plots(tmp_path: Path, capsys):
    predictions = tmp_path / "predictions.json"
    predictions.write_bytes(json_bytes(perfect_detections(shipped("detection"))))
    code = main(
        [
            "score",
            str(SHIPPED["detection"]),
            str(predictions),
            "--latency",
            "4.2",
            "--plots",
            str(tmp_path / "plots"),
            "--json",
        ]
    )
    assert code == 0
    details = json.loads(capsys.readouterr().out)["details"]
    assert details["headline"]["mAP"] == 1.0
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == [
        "per_class.png",
        "pr_curves.png",
    ]


def test_score_reports_a_refused_file_with_its_line(tmp_path: Path, capsys):
    predictions = tmp_path / "predictions.csv"
    predictions.write_text("image_id,label\n1,blob\n")
    assert main(["score", str(SHIPPED["classification"]), str(predictions), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["score"] is None and any("line 2" in error for error in out["errors"])


def test_zip_builds_the_download(tmp_path: Path, capsys):
    folder = small_package_dir(tmp_path, "classification", train=2, val=2, test=2)
    assert main(["zip", str(folder), str(tmp_path)]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()


def test_zip_of_a_broken_package_says_why_on_stderr(tmp_path: Path, capsys):
    assert main(["zip", str(tmp_path), str(tmp_path)]) == 2
    assert "invalid package" in capsys.readouterr().err
