"""Exact per-case CPU of solutions in the sandbox, cold and warm, for calibrating a time limit.

    .venv/bin/python -m bench.calibrate problems/<slug> [solution.py ...] [--warm 3]

`graders check --json` gives exact per-case figures of one run through whatever zygote is up.
A limit must also hold for the first submission after a zygote starts, so this reads the
sandbox's raw outcomes of both: for each solution (default: every accepted one) it starts a new
zygote, grades once ("cold") and then `--warm` more times, and prints the slowest case of the
cold run and of the best warm run.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from graders import Mode, load_package, prepare
from graders.coding.prepared import PreparedProblem
from graders.sandbox.runner import RawOutcome


def case_times(prepared_problem: PreparedProblem, code: str) -> dict[str, tuple[str, float]]:
    """Case name -> (status, sandbox CPU seconds) for one grading run of ``code``."""
    package = prepared_problem.package
    indices = prepared_problem.indices(Mode.SUBMIT)
    outcomes: list[RawOutcome] = prepared_problem.sandbox().outcomes(
        code=code,
        entry=package.entry,
        limits=package.limits,
        inputs=prepared_problem.encoded_inputs(indices),
        setup=prepared_problem.setup,  # a torch problem's forbidden stand-ins, as in grading
    )
    names = [prepared_problem.cases[i].name for i in indices]
    return {
        name: (outcome.status, outcome.cpu_time)
        for name, outcome in zip(names, outcomes, strict=False)
    }


def slowest(times: dict[str, tuple[str, float]]) -> tuple[str, float]:
    name = max(times, key=lambda case: times[case][1])
    return name, times[name][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("solutions", type=Path, nargs="*")
    parser.add_argument("--warm", type=int, default=3, help="warm runs after the cold one")
    args = parser.parse_args()
    package = load_package(args.package)
    prepared_problem = prepare(package)
    solutions = args.solutions or sorted((args.package / "solutions" / "accepted").glob("*.py"))
    print(f"{package.slug}: time_limit {package.limits.time_limit} s, {datetime.date.today()}")
    for solution in solutions:
        code = solution.read_text()
        prepared_problem.sandbox().stop()  # the next run starts a new zygote: a cold run
        cold = case_times(prepared_problem, code)
        warm = [case_times(prepared_problem, code) for _ in range(args.warm)]
        failed = sorted({status for status, _ in cold.values()} - {"ok"})
        cold_case, cold_cpu = slowest(cold)
        line = f"  {solution.name}: cold {cold_cpu:.3f} s ({cold_case})"
        if warm:
            best = min(warm, key=lambda times: slowest(times)[1])
            warm_case, warm_cpu = slowest(best)
            line += f", warm {warm_cpu:.3f} s ({warm_case}, best of {len(warm)})"
        print(line + (f"  [statuses: {', '.join(failed)}]" if failed else ""))


if __name__ == "__main__":
    main()
