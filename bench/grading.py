"""Grading speed: the warm-zygote runner against the naive path, side by side.

    .venv/bin/python -m bench.grading [--submissions 200] [--seconds 10] [--e2e]

Prints, for a trivial problem and for a problem with 1080p images:
- overhead per submission (verdict time minus the solution's own CPU time), median and p99;
- submissions per second through graders/ with 1 and 2 worker processes;
- with --e2e, POST-to-stored-verdict latency through the API, Celery and Redis (bench/e2e.py).
The naive path is what most judges do: a fresh sandbox and interpreter per submission (here: a
new bubblewrap sandbox whose interpreter imports numpy, then runs the cases), with the same
isolation and the same engine otherwise.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from graders import GradeResult, ProblemPackage, grade, load_package, prepare
from graders.sandbox.runner import Sandbox

PACKAGES = Path(__file__).parent / "packages"
SOLUTIONS = {
    "trivial": "def trivial(a, b):\n    return a + b\n",
    "image_1080p": "def image_1080p(image):\n    return 255 - image\n",
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def overhead_ms(result: GradeResult, seconds: float) -> float:
    compute = sum(case.cpu_time for case in result.cases)
    return (seconds - compute) * 1000


def warm_grader(package: ProblemPackage) -> Callable[[], GradeResult]:
    sandbox = Sandbox()
    sandbox.start()
    return lambda: grade(package, SOLUTIONS[package.slug], sandbox=sandbox)


def naive_grader(package: ProblemPackage) -> Callable[[], GradeResult]:
    def run() -> GradeResult:
        sandbox = Sandbox()  # a fresh sandbox and interpreter for every submission
        try:
            return grade(package, SOLUTIONS[package.slug], sandbox=sandbox)
        finally:
            sandbox.stop()

    return run


def measure_overhead(
    package: ProblemPackage, make: Callable[[ProblemPackage], Callable[[], GradeResult]], count: int
) -> tuple[float, float]:
    run = make(package)
    run()  # warm-up: caches, first fork
    overheads = []
    for _ in range(count):
        started = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - started
        assert result.verdict == "accepted", result.to_dict()
        overheads.append(overhead_ms(result, elapsed))
    return statistics.median(overheads), percentile(overheads, 0.99)


def _throughput_worker(args: tuple[str, str, float]) -> int:
    slug, mode, seconds = args
    package = load_package(PACKAGES / slug)
    prepare(package)
    run = (warm_grader if mode == "warm" else naive_grader)(package)
    run()
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        run()
        done += 1
    return done


def measure_throughput(slug: str, mode: str, workers: int, seconds: float) -> float:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        counts = pool.map(_throughput_worker, [(slug, mode, seconds)] * workers)
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--naive-submissions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--e2e", action="store_true", help="also run the API/Celery benchmark")
    parser.add_argument("--burst", type=int, default=200)
    args = parser.parse_args()

    print(
        f"machine: {platform.node()} {platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print("\noverhead per submission = verdict time - the solution's own CPU time (ms)")
    print(f"{'problem':<14}{'path':<8}{'cases':>6}{'median':>10}{'p99':>10}")
    for slug in SOLUTIONS:
        package = load_package(PACKAGES / slug)
        cases = len(prepare(package).cases)
        for label, make, count in (
            ("warm", warm_grader, args.submissions),
            ("naive", naive_grader, args.naive_submissions),
        ):
            median, p99 = measure_overhead(package, make, count)
            print(f"{slug:<14}{label:<8}{cases:>6}{median:>10.1f}{p99:>10.1f}")

    print(f"\nthroughput through graders/ (trivial problem, {args.seconds:g} s each), per second")
    print(f"{'path':<8}{'1 worker':>10}{'2 workers':>11}")
    for mode in ("warm", "naive"):
        rates = [measure_throughput("trivial", mode, n, args.seconds) for n in (1, 2)]
        print(f"{mode:<8}{rates[0]:>10.1f}{rates[1]:>11.1f}")

    if args.e2e:
        from bench.e2e import run_e2e

        run_e2e(burst=args.burst)


if __name__ == "__main__":
    main()
