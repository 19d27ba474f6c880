"""The path problem packages' cases.py import from (docs/authoring.md): the coding engine's
case kit, which lives in graders.coding.casekit."""

from graders.coding.casekit import Case, rng

__all__ = ["Case", "rng"]
