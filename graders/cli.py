"""The command line: the same engine as the site, with no Django, Celery or Redis.

python -m graders check problems/nms solution.py [--json] [--mode run]
python -m graders verify problems/ [--only nms,box_iou]
python -m graders diagnose-report problems/ [--only nms,box_iou]
python -m graders score problems/takehome_compress --model model.onnx [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graders.engine import grade
from graders.package import InvalidPackage, discover, load_package, package_kind
from graders.sandbox.bwrap import SandboxUnavailable
from graders.verdicts import GradeResult, Mode, Verdict
from graders.verify import verify_package


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
    from graders.diagnosis_report import run, summary

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
        "score", help="check, run, time and score a model hand-in of a take-home"
    )
    score_parser.add_argument("package")
    score_parser.add_argument("--model", required=True, help="the hand-in's model.onnx")
    score_parser.add_argument("--json", action="store_true")
    score_parser.set_defaults(handler=score_model)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except InvalidPackage as error:
        print(f"invalid package: {error}", file=sys.stderr)
        return 2
    except SandboxUnavailable as error:
        print(f"sandbox unavailable: {error}", file=sys.stderr)
        return 2
