"""The command line: the same engine as the site, with no Django, Celery or Redis.

python -m graders check problems/nms solution.py [--json] [--mode run]
python -m graders verify problems/ [--only nms,box_iou]
python -m graders diagnose-report problems/ [--only nms,box_iou]
python -m graders score problems/<slug> <file> [--json]   (any kind: a solution.py, a design
    spec YAML, a take-home's predictions file [--latency MS] [--plots DIR])
python -m graders score problems/takehome_compress --model model.onnx [--json]
python -m graders zip problems/takehome_detection var/downloads/   (a take-home's download)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graders.coding.engine import grade
from graders.coding.package import load_package
from graders.coding.verdicts import GradeResult, Mode, Verdict
from graders.coding.verify import verify_package
from graders.package import InvalidPackage, discover, package_kind
from graders.sandbox.bwrap import SandboxUnavailable


def print_result(result: GradeResult) -> None:
    print(f"verdict: {result.verdict}  score: {result.passed}/{len(result.cases)}")
    if result.message:
        print(result.message.rstrip())
    for case in result.cases:
        kind = "sample" if case.sample else "hidden"
        print(
            f"  {case.verdict:<22} {kind} {case.name:<36} {case.cpu_time * 1000:8.1f} ms "
            f"{case.memory_kb / 1024:7.1f} MiB  {case.message}"
        )
        if case.diagnosis:
            print(f"  {'':<22} diagnosis ({case.diagnosis}): {case.diagnosis_text}")


def check(args: argparse.Namespace) -> int:
    package = load_package(args.package)
    code = Path(args.solution).read_text()
    result = grade(package, code, mode=Mode(args.mode), exact_usage=True)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print_result(result)
    return 0 if result.verdict == Verdict.ACCEPTED else 1


def verify(args: argparse.Namespace) -> int:
    paths = discover(args.root)
    if args.only:
        wanted = set(args.only.split(","))
        paths = [p for p in paths if p.name in wanted]
    if not paths:
        print(f"no packages under {args.root}")
        return 1
    failed = 0
    for path in paths:
        kind = package_kind(path)
        if kind == "design":
            from graders.design.verify import verify_design

            report = verify_design(path)
        elif kind == "coding":
            report = verify_package(path)
        else:
            print(f"skip {path.name} ({kind}: checked by its own tests)")
            continue
        status = "ok  " if report.ok else "FAIL"
        print(f"{status} {path.name} ({report.seconds:.1f} s): {'; '.join(report.notes[:1])}")
        for note in report.notes[1:]:
            print(f"       {note}")
        for problem in report.problems:
            print(f"     - {problem}")
        failed += not report.ok
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


def diagnose_report(args: argparse.Namespace) -> int:
    from graders.coding.diagnosis_report import run, summary

    reports = run(Path(args.root), set(args.only.split(",")) if args.only else None)
    print(summary(reports))
    return 1 if any(report.outcome == "wrong" for report in reports) else 0


def score_model(args: argparse.Namespace) -> int:
    """A model hand-in, offline: the site's checks, sandboxed run, latency and metrics."""
    from graders.models.package import score_handin
    from graders.models.report import handin_json, print_handin
    from graders.takehome.package import load_takehome

    package = load_takehome(args.package)
    try:
        model_bytes = Path(args.model).read_bytes()
    except OSError as error:
        print(f"cannot read the model: {error}", file=sys.stderr)
        return 2
    scored = score_handin(package, model_bytes)
    if args.json:
        print(json.dumps(handin_json(scored), indent=2))
    else:
        print_handin(scored)
    return 0 if scored.report is not None else 1


def score_file(args: argparse.Namespace) -> int:
    """One hand-in of any kind scored offline, as the site's worker scores it: a coding
    solution (a submit), a design spec (checked, then simulated), or take-home predictions
    (validated, then scored on the hidden split)."""
    kind = package_kind(args.package)
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        print(f"cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    if kind == "coding":
        result = grade(load_package(args.package), data.decode(), mode=Mode.SUBMIT)
        summary = {"score": result.passed / max(1, len(result.cases)), "verdict": result.verdict}
        return _print_score(args, summary, result.to_dict(), result.verdict == Verdict.ACCEPTED)
    if kind == "design":
        from graders.design import SpecError, load_design

        design = load_design(args.package)
        try:
            spec = design.check_spec(data.decode())
        except SpecError as error:
            return _print_score(args, {"score": 0.0, "spec_errors": error.errors}, {}, False)
        report = design.evaluate(spec)
        summary = {"score": report.score, "checks": f"{report.passed}/{len(report.checks)}"}
        return _print_score(args, summary, report.to_json(), True)
    if kind == "takehome":
        from graders.takehome import (
            PredictionError,
            load_takehome,
            render_plots,
            validate_predictions,
        )
        from graders.takehome import score as score_predictions

        takehome = load_takehome(args.package)
        try:
            predictions = validate_predictions(takehome, data, Path(args.file).name)
        except PredictionError as error:
            errors = [f"{where}: {what}" for where, what in error.errors] or [str(error)]
            return _print_score(args, {"score": None, "errors": errors}, {}, False)
        metrics = score_predictions(takehome, predictions, reported_latency_ms=args.latency)
        if args.plots is not None:
            _write_plots(args.plots, render_plots(takehome, metrics))
        summary = {"score": metrics.headline.get(metrics.primary), "metric": metrics.primary}
        return _print_score(args, summary, metrics.to_json(), True)
    print(f"{args.package} is a {kind} package: score it with --model", file=sys.stderr)
    return 2


def _print_score(
    args: argparse.Namespace, summary: dict[str, object], details: dict[str, object], ok: bool
) -> int:
    if args.json:
        print(json.dumps({**summary, "details": details}, indent=2, default=str))
    else:
        print("  ".join(f"{key}: {value}" for key, value in summary.items()))
    return 0 if ok else 1


def _write_plots(folder: Path, plots: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, png in plots.items():
        (folder / f"{name}.png").write_bytes(png)


def build_zip(args: argparse.Namespace) -> int:
    """A take-home's candidate download (the site serves the same file), built into a folder or
    at a .zip path; prints where."""
    from graders.takehome import build_candidate_zip, load_takehome

    print(build_candidate_zip(load_takehome(args.package), Path(args.dest)))
    return 0


def score(args: argparse.Namespace) -> int:
    if args.model is not None:
        return score_model(args)
    if args.file is None:
        print("score needs a file to score (or --model for a model hand-in)", file=sys.stderr)
        return 2
    return score_file(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graders")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="grade one solution file")
    check_parser.add_argument("package")
    check_parser.add_argument("solution")
    check_parser.add_argument("--json", action="store_true")
    check_parser.add_argument("--mode", choices=[m.value for m in Mode], default="submit")
    check_parser.set_defaults(handler=check)
    verify_parser = commands.add_parser("verify", help="check every package's promises")
    verify_parser.add_argument("root")
    verify_parser.add_argument("--only", help="comma-separated slugs")
    verify_parser.set_defaults(handler=verify)
    report_parser = commands.add_parser(
        "diagnose-report", help="diagnose every wrong solution and compare with its label"
    )
    report_parser.add_argument("root")
    report_parser.add_argument("--only", help="comma-separated slugs")
    report_parser.set_defaults(handler=diagnose_report)
    score_parser = commands.add_parser(
        "score",
        help="score one hand-in of any kind: a solution, a design spec, take-home predictions, "
        "or (--model) a take-home's model",
    )
    score_parser.add_argument("package")
    score_parser.add_argument("file", nargs="?", help="the solution, spec or predictions file")
    score_parser.add_argument("--model", help="a model hand-in's model.onnx")
    score_parser.add_argument("--json", action="store_true")
    score_parser.add_argument(
        "--latency", type=float, help="take-home predictions: the latency reported, in ms"
    )
    score_parser.add_argument(
        "--plots", type=Path, help="take-home predictions: write the report's charts here"
    )
    score_parser.set_defaults(handler=score)
    zip_parser = commands.add_parser("zip", help="build a take-home's candidate download")
    zip_parser.add_argument("package")
    zip_parser.add_argument("dest", help="a directory or a .zip path")
    zip_parser.set_defaults(handler=build_zip)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except InvalidPackage as error:
        print(f"invalid package: {error}", file=sys.stderr)
        return 2
    except SandboxUnavailable as error:
        print(f"sandbox unavailable: {error}", file=sys.stderr)
        return 2
