"""Grading speed: the warm-zygote runner against the naive path, side by side.

    .venv/bin/python -m bench.grading [--submissions 200] [--seconds 10] [--e2e]
    .venv/bin/python -m bench.grading --only torch_trivial     # the torch zygote alone

Prints, for a trivial problem and for a problem with 1080p images:
- overhead per submission (verdict time minus the solution's own CPU time), median and p99;
- the same for a trivial torch problem (five cases, a backward pass each) through the warm torch
  zygote against a fresh sandbox whose interpreter imports torch, and the zygote's memory;
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
from graders.torchrt.sandbox import TorchSandbox

PACKAGES = Path(__file__).parent / "packages"
SOLUTIONS = {
    "trivial": "def trivial(a, b):\n    return a + b\n",
    "image_1080p": "def image_1080p(image):\n    return 255 - image\n",
    "torch_trivial": "def torch_trivial(x, y):\n    return x * y + x\n",
}
NUMPY_SLUGS = ("trivial", "image_1080p")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def exact_hidden_usage() -> None:
    """Hidden cases report CPU time only as the quarter of the limit they used (so that a
    solution cannot spell out a hidden input in seconds); the overhead needs the exact figure,
    so the benchmark's own process turns that rounding off."""
    import graders.coding.engine

    graders.coding.engine.coarse = lambda value, limit: value


def overhead_ms(result: GradeResult, seconds: float) -> float:
    compute = sum(case.cpu_time for case in result.cases)
    return (seconds - compute) * 1000


def sandbox_for(package: ProblemPackage) -> Sandbox:
    return TorchSandbox() if package.runtime == "torch" else Sandbox()


def warm_grader(package: ProblemPackage) -> Callable[[], GradeResult]:
    sandbox = sandbox_for(package)
    sandbox.start()
    WARM[package.slug] = sandbox
    return lambda: grade(package, SOLUTIONS[package.slug], sandbox=sandbox)


WARM: dict[str, Sandbox] = {}  # the warm sandbox of each problem, for its memory figures


def naive_grader(package: ProblemPackage) -> Callable[[], GradeResult]:
    def run() -> GradeResult:
        sandbox = sandbox_for(package)  # a fresh sandbox and interpreter for every submission
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


def zygote_memory_mib(sandbox: Sandbox) -> tuple[float, float]:
    """(resident, virtual) MiB of the warm zygote, read from the host's /proc."""
    fields = {}
    with open(f"/proc/{sandbox.zygote_host_pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmSize"].split()[0]) / 1024


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
    parser.add_argument(
        "--torch-naive-submissions", type=int, default=10, help="each imports torch afresh"
    )
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--e2e", action="store_true", help="also run the API/Celery benchmark")
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(SOLUTIONS),
        help="just these problems' overhead and zygote memory (no throughput): "
        "--only torch_trivial re-measures the torch zygote alone",
    )
    args = parser.parse_args()
    exact_hidden_usage()

    print(
        f"machine: {platform.node()} {platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print("\noverhead per submission = verdict time - the solution's own CPU time (ms)")
    print(f"{'problem':<14}{'path':<8}{'cases':>6}{'median':>10}{'p99':>10}")
    for slug in args.only or SOLUTIONS:
        package = load_package(PACKAGES / slug)
        cases = len(prepare(package).cases)
        torch_problem = slug not in NUMPY_SLUGS
        naive_count = args.torch_naive_submissions if torch_problem else args.naive_submissions
        for label, make, count in (
            ("warm", warm_grader, args.submissions),
            ("naive", naive_grader, naive_count),
        ):
            median, p99 = measure_overhead(package, make, count)
            print(f"{slug:<14}{label:<8}{cases:>6}{median:>10.1f}{p99:>10.1f}")

    print("\nwarm zygotes after the runs above (MiB)")
    print(f"{'zygote':<14}{'resident':>10}{'virtual':>10}")
    for slug, label in (("trivial", "numpy"), ("torch_trivial", "torch")):
        if slug in WARM:
            resident, virtual = zygote_memory_mib(WARM[slug])
            print(f"{label:<14}{resident:>10.0f}{virtual:>10.0f}")
    if args.only:
        return

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
