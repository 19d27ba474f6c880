"""What one run in the sandbox may use: CPU and wall time, memory, output and result bytes.

Every kind states its limits in this one type (coding from problem.toml, a model hand-in from
its take-home's budget) and the sandbox enforces them (graders/sandbox/runner.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-case limits a submission runs under."""

    time_limit: float  # CPU seconds per case
    memory_limit_mb: int  # MiB of address space the solution may add
    output_limit_bytes: int = 1 << 20  # stdout + stderr per case
    result_limit_bytes: int = 512 << 20  # the encoded return value per case

    @property
    def wall_limit(self) -> float:
        # Wall time is a backstop for sleeping or blocked code; CPU time is the real limit.
        return self.time_limit * 2 + 1.0
