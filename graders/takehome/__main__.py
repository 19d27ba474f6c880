"""Command line for package authors: build the candidate zip, score a predictions file.

python -m graders.takehome zip problems/takehome_detection var/downloads/
python -m graders.takehome score problems/takehome_detection predictions.json [--latency 4.2]
    [--plots out/]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graders.package import InvalidPackage
from graders.takehome.candidate import build_candidate_zip
from graders.takehome.package import load_takehome
from graders.takehome.plots import render_plots
from graders.takehome.predictions import PredictionError, validate_predictions
from graders.takehome.scoring import score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graders.takehome")
    commands = parser.add_subparsers(dest="command", required=True)
    zip_parser = commands.add_parser("zip", help="build the candidate's download")
    zip_parser.add_argument("package")
    zip_parser.add_argument("dest", help="a directory or a .zip path")
    score_parser = commands.add_parser("score", help="validate and score a predictions file")
    score_parser.add_argument("package")
    score_parser.add_argument("predictions")
    score_parser.add_argument("--latency", type=float, default=None, help="reported ms")
    score_parser.add_argument("--plots", type=Path, default=None, help="write PNGs here")
    args = parser.parse_args(argv)
    try:
        package = load_takehome(args.package)
        if args.command == "zip":
            print(build_candidate_zip(package, Path(args.dest)))
            return 0
        predictions_path = Path(args.predictions)
        predictions = validate_predictions(
            package, predictions_path.read_bytes(), predictions_path.name
        )
        report = score(package, predictions, reported_latency_ms=args.latency)
    except (InvalidPackage, PredictionError) as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(report.to_json(), indent=2))
    if args.plots is not None:
        args.plots.mkdir(parents=True, exist_ok=True)
        for name, png in render_plots(package, report).items():
            (args.plots / f"{name}.png").write_bytes(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
