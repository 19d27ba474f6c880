"""Design simulator speed: CPU seconds to simulate each shipped prompt's model spec.

    .venv/bin/python -m bench.design

Prints, per prompt: frames simulated, SimPy CPU time, frames per CPU second, and plot time.
"""

from __future__ import annotations

import time
from pathlib import Path

from graders.design import load_design, render_plots
from graders.package import discover, package_kind

PROBLEMS = Path(__file__).resolve().parents[1] / "problems"


def main() -> None:
    print(f"{'prompt':28} {'frames':>8} {'sim s':>7} {'frames/s':>10} {'plots s':>8}")
    total_frames, total_seconds = 0, 0.0
    for path in discover(PROBLEMS):
        if package_kind(path) != "design":
            continue
        package = load_design(path)
        started = time.process_time()
        report = package.evaluate(package.model_spec)
        simulated = time.process_time() - started
        started = time.process_time()
        render_plots(report, budget_ms=package.requirements.latency_budget_ms,
                     percentile=package.requirements.latency_percentile,
                     warmup_s=package.simulation.warmup_s)
        plotting = time.process_time() - started
        requirements, settings = package.requirements, package.simulation
        frames = int(requirements.streams * requirements.fps * settings.duration_s
                     / package.model_spec.sample_every)
        total_frames += frames
        total_seconds += simulated
        print(f"{package.slug:28} {frames:>8} {simulated:>7.2f} {frames / simulated:>10,.0f} "
              f"{plotting:>8.3f}")
    print(f"{'all':28} {total_frames:>8} {total_seconds:>7.2f} "
          f"{total_frames / total_seconds:>10,.0f}")


if __name__ == "__main__":
    main()
