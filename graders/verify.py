"""What ``python -m graders verify`` reports of one package, of any kind: the promises it
breaks (problems) and what was measured (notes). Each kind's verifier fills one:
``graders.coding.verify.verify_package``, ``graders.design.verify.verify_design``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PackageReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems
