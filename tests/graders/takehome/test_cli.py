"""python -m graders.takehome: zip and score for package authors."""

import json
from pathlib import Path

from graders.takehome.__main__ import main
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
            "--plots",
            str(tmp_path / "plots"),
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["headline"]["mAP"] == 1.0
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == [
        "per_class.png",
        "pr_curves.png",
    ]


def test_score_reports_a_refused_file_on_stderr(tmp_path: Path, capsys):
    predictions = tmp_path / "predictions.csv"
    predictions.write_text("image_id,label\n1,blob\n")
    assert main(["score", str(SHIPPED["classification"]), str(predictions)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_zip_builds_the_download(tmp_path: Path, capsys):
    folder = small_package_dir(tmp_path, "classification", train=2, val=2, test=2)
    assert main(["zip", str(folder), str(tmp_path)]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()
