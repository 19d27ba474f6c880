"""``python -m graders verify`` for design prompts: the model spec meets every requirement,
the starter does not, and the simulation gives the same figures twice."""

from __future__ import annotations

import time
from pathlib import Path

from graders.design.package import load_design
from graders.design.spec import SpecError
from graders.package import InvalidPackage
from graders.verify import PackageReport


def verify_design(path: Path) -> PackageReport:
    report = PackageReport(path=path)
    started = time.perf_counter()
    try:
        package = load_design(path)
    except InvalidPackage as error:
        report.problems.append(str(error))
        return report
    first = package.evaluate(package.model_spec)
    failed = [check.label for check in first.checks if not check.passed]
    if failed:
        report.problems.append(f"model_spec.yaml fails: {', '.join(failed)}")
    if package.evaluate(package.model_spec).to_json() != first.to_json():
        report.problems.append("the simulation is not deterministic")
    q = package.requirements.latency_percentile
    report.notes.append(
        f"model spec p{q} {first.metrics[f'p{q}_ms']:.1f} ms, "
        f"${first.metrics['cost_per_hour']:.2f}/h, {first.metrics['power_w']:.0f} W"
    )
    if package.starter_spec:
        try:
            starter = package.evaluate(package.check_spec(package.starter_spec))
        except SpecError as error:
            if "yaml" in error.errors:
                report.problems.append(f"starter_spec.yaml is not YAML: {error.errors['yaml']}")
            else:
                report.notes.append("starter is rejected by the spec checks (a skeleton)")
        else:
            if starter.passed == len(starter.checks):
                report.problems.append("starter_spec.yaml already meets every requirement")
    wrong = sorted((path / "wrong_specs").glob("*.yaml"))
    for spec_path in wrong:
        try:
            result = package.evaluate(package.check_spec(spec_path.read_text()))
        except SpecError as error:
            if "yaml" in error.errors:
                report.problems.append(f"wrong_specs/{spec_path.name} is not YAML")
            continue  # refused by the checks: wrong, as promised
        if result.passed == len(result.checks):
            report.problems.append(f"wrong_specs/{spec_path.name} meets every requirement")
    if wrong:
        report.notes.append(f"{len(wrong)} wrong specs rejected")
    report.seconds = time.perf_counter() - started
    return report
