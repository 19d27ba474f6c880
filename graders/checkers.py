"""The path problem packages' checker.py import from (docs/authoring.md): what a custom checker
returns and the helpers it may share, from graders.coding.checkers."""

from graders.coding.checkers import CheckOutcome, same_partition

__all__ = ["CheckOutcome", "same_partition"]
